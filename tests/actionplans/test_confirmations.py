"""Submitting and deciding ask first, and say when comments are still open; messages show once."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from plus_portal.comments import comment_add, comment_resolve


def _plan_url(trajectory, name="plan"):
    return reverse(f"actionplans:{name}", kwargs={"trajectory_pk": trajectory.pk})


def _confirm_of(page: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>', page).group(0)
    return unescape(re.search(r'data-confirm="([^"]*)"', form).group(1))


@pytest.fixture
def english(coordinator_client, official_a_client):
    # The questions are new messages; they are read in English.
    for client in (coordinator_client, official_a_client):
        client.cookies["django_language"] = "en"


@pytest.mark.usefixtures("english")
def test_submitting_asks_first(coordinator_client, trajectory_a, plan_a):
    page = coordinator_client.get(_plan_url(trajectory_a)).text

    question = _confirm_of(page, _plan_url(trajectory_a, "plan_submit"))
    assert question == (
        "Submit the plan for review? A version is frozen and sent to the municipality."
    )


@pytest.mark.usefixtures("english")
def test_submitting_warns_of_open_comments_on_the_parts_still_in_the_plan(
    coordinator_client, official_a, trajectory_a, plan_a
):
    for body in ("Waarom niet in Brustem?", "Wie is de verantwoordelijke?"):
        comment_add(target=plan_a["action"], author=official_a, body=body)
    comment_add(target=plan_a["objective"], author=official_a, body="Ook voor tieners?")
    resolved = comment_add(target=plan_a["action_plan"], author=official_a, body="Opgelost")
    comment_resolve(comment=resolved, by=official_a)
    gone = services.part_add(type(plan_a["action"])(action_plan=plan_a["action_plan"], title="X"))
    comment_add(target=gone, author=official_a, body="Op een geschrapte actie")
    gone.removed_at = timezone.now()
    gone.save(update_fields=["removed_at"])

    page = coordinator_client.get(_plan_url(trajectory_a)).text

    assert _confirm_of(page, _plan_url(trajectory_a, "plan_submit")).startswith(
        "There are still 3 open comments. Submit the plan for review?"
    )


@pytest.mark.usefixtures("english")
def test_deciding_asks_first_and_warns_of_an_open_comment(
    coordinator, official_a, official_a_client, trajectory_a, plan_a
):
    comment_add(target=plan_a["action"], author=official_a, body="Graag ook in Brustem")
    services.plan_submit(plan=plan_a["plan"], by=coordinator)

    page = official_a_client.get(_plan_url(trajectory_a)).text

    assert _confirm_of(page, _plan_url(trajectory_a, "plan_decide")) == (
        "There is still 1 open comment. Record your decision? An approval cannot be undone."
    )


def _alerts(page: str) -> list[str]:
    return re.findall(r'class="alert alert-\w+ alert-dismissible', page)


def test_the_submit_message_shows_once_on_the_plan_page(coordinator_client, trajectory_a, plan_a):
    response = coordinator_client.post(_plan_url(trajectory_a, "plan_submit"), follow=True)

    assert response.text.count("Versie 1") >= 1
    assert len(_alerts(response.text)) == 1


def test_a_refused_decision_shows_its_error_once(
    coordinator, official_a_client, trajectory_a, plan_a
):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)

    response = official_a_client.post(
        _plan_url(trajectory_a, "plan_decide"), {"outcome": "changes_requested"}, follow=True
    )

    assert len(_alerts(response.text)) == 1
    assert "alert-danger" in response.text


def test_a_decision_is_confirmed_once(coordinator, official_a_client, trajectory_a, plan_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)

    response = official_a_client.post(
        _plan_url(trajectory_a, "plan_decide"), {"outcome": "approved"}, follow=True
    )

    assert len(_alerts(response.text)) == 1
