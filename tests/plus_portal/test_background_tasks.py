"""Work queued in a request reaches a real worker, only once the request's data is committed."""

import time

from django.core import mail
from django.db import transaction
from django.urls import reverse

from plus_portal.tasks import send_email


def _wait_for(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _worker_has_handled_all_queued_before():
    """The worker takes messages in the order they were queued: once a marker sent now has
    arrived, everything queued before it has been handled."""
    send_email.delay("Merkteken", "", ["merkteken@example.be"])
    assert _wait_for(lambda: "Merkteken" in _subjects())
    mail.outbox[:] = [message for message in mail.outbox if message.subject != "Merkteken"]


def _subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def test_task_queued_in_a_transaction_runs_once_after_commit(celery_worker):
    with transaction.atomic():
        send_email.delay_on_commit("Plan ingediend", "Het plan wacht op u.", ["an@malle.be"])
        _worker_has_handled_all_queued_before()
        assert mail.outbox == []  # nothing was sent while the transaction was open

    assert _wait_for(lambda: len(mail.outbox) == 1)
    _worker_has_handled_all_queued_before()  # a second delivery would show up here
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Plan ingediend"
    assert mail.outbox[0].to == ["an@malle.be"]


def test_task_queued_in_a_rolled_back_transaction_never_runs(celery_worker):
    try:
        with transaction.atomic():
            send_email.delay_on_commit("Nooit", "Nooit verstuurd.", ["an@malle.be"])
            raise RuntimeError("the request failed")
    except RuntimeError:
        pass

    send_email.delay_on_commit("Wel", "Verstuurd.", ["an@malle.be"])
    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert [message.subject for message in mail.outbox] == ["Wel"]


def test_password_reset_mail_is_sent_by_the_worker(celery_worker, official_a, anonymous_client):
    response = anonymous_client.post(reverse("password_reset"), {"email": official_a.email})
    assert response.status_code == 302

    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [official_a.email]
    assert "/accounts/reset/" in mail.outbox[0].body
