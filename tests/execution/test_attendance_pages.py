"""The attendance form and the bridge figure's day, through HTTP, per persona."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from execution.models import Attendance, StaffPresence
from tests.conftest import _client_for
from tests.execution import test_attendance_fixtures as data
from tests.execution.factories import AttendanceFactory, SessionFactory, StaffPresenceFactory
from tests.staffing.factories import WorkerFactory

MONDAY = data.MONDAY
on_monday, session_a = data.on_monday, data.session_a


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def _url(session) -> str:
    return reverse("today:attendance", kwargs={"pk": session.pk})


def _form(session, key=None, **counts) -> dict:
    presence = StaffPresence.objects.filter(session=session).first()
    return {
        "submission_key": str(key or uuid.uuid4()),
        "children_5_10": 12,
        "vulnerable_5_10": 2,
        "activity": "Buiten spelen",
        **({f"present-{presence.pk}": "on"} if presence else {}),
        **counts,
    }


def test_a_bridge_figure_lands_on_today_with_their_sessions(bridge_figure_client, session_a):
    response = bridge_figure_client.get(reverse("home"))
    assert response.url == reverse("today:today")

    response = _english(bridge_figure_client).get(reverse("today:today"))
    assert response.status_code == 200
    assert list(response.context["sessions"]) == [session_a]
    assert "Record attendance" in response.text
    assert _url(session_a) in response.text


def test_a_bridge_figure_sees_only_their_own_sessions(
    bridge_figure_client, session_a, plan_a, on_monday
):
    someone_else = StaffPresenceFactory(
        session=SessionFactory(action=plan_a["action"], day=MONDAY, slot="flexible"),
        worker=WorkerFactory(first_name="Lotte", last_name="Zwartenbroek"),
    ).session

    assert list(bridge_figure_client.get(reverse("today:today")).context["sessions"]) == [session_a]
    assert bridge_figure_client.get(_url(someone_else)).status_code == 404
    assert bridge_figure_client.post(_url(someone_else), _form(someone_else)).status_code == 404
    assert not Attendance.objects.exists()


def test_other_staff_on_the_session_show_by_first_name_only(
    bridge_figure_client, session_a, trajectory_a
):
    StaffPresenceFactory(
        session=session_a, worker=WorkerFactory(first_name="Lotte", last_name="Zwartenbroek")
    )
    for url in (reverse("today:today"), _url(session_a)):
        text = bridge_figure_client.get(url).text
        assert "Lotte" in text
        assert "Zwartenbroek" not in text
        assert "Benali" not in text


def test_my_week_lists_the_next_seven_days(bridge_figure_client, session_a, plan_a, bridge_figure):
    in_six_days = SessionFactory(
        action=plan_a["action"], day=MONDAY + datetime.timedelta(days=6), slot="flexible"
    )
    in_seven_days = SessionFactory(
        action=plan_a["action"], day=MONDAY + datetime.timedelta(days=7), slot="flexible"
    )
    for session in (in_six_days, in_seven_days):
        StaffPresenceFactory(session=session, worker=bridge_figure.worker)

    schedule = bridge_figure_client.get(reverse("today:week")).context["schedule"]
    assert next(day for day, _sessions in schedule) == MONDAY
    assert len(schedule) == 7
    assert [s for _day, sessions in schedule for s in sessions] == [session_a, in_six_days]


def test_only_bridge_figures_have_a_day_of_their_own(coordinator_client, official_a_client):
    for client in (coordinator_client, official_a_client):
        assert client.get(reverse("today:today")).status_code == 404
        assert client.get(reverse("today:week")).status_code == 404


def test_the_day_and_the_week_run_a_fixed_number_of_queries(
    bridge_figure_client, session_a, plan_a, bridge_figure
):
    def queries_for_today():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counted = []
        for name in ("today:today", "today:week"):
            with CaptureQueriesContext(connection) as context:
                assert bridge_figure_client.get(reverse(name)).status_code == 200
            counted.append(len(context.captured_queries))
        return counted

    few = queries_for_today()
    for slot in ("flexible", "lunchtime", "morning", "wednesday"):
        session = SessionFactory(action=plan_a["action"], day=MONDAY, slot=slot)
        StaffPresenceFactory(session=session, worker=bridge_figure.worker)
        StaffPresenceFactory(session=session, worker=WorkerFactory())
        AttendanceFactory(session=session)
    assert queries_for_today() == few


def test_the_bridge_figure_records_attendance_and_a_resend_is_stored_once(
    bridge_figure_client, session_a, bridge_figure
):
    form = _form(session_a)
    first = bridge_figure_client.post(_url(session_a), form)
    again = bridge_figure_client.post(_url(session_a), form)

    assert first.status_code == again.status_code == 302
    attendance = Attendance.objects.get()
    assert (attendance.children_5_10, attendance.recorded_by) == (12, bridge_figure)
    assert attendance.history.count() == 1


def test_a_form_shows_a_fresh_key_each_time(coordinator_client, session_a):
    keys = {
        coordinator_client.get(_url(session_a)).context["form"]["submission_key"].value()
        for _ in range(2)
    }
    assert len(keys) == 2


def test_counts_that_cannot_be_are_shown_again_with_a_message(coordinator_client, session_a):
    response = _english(coordinator_client).post(
        _url(session_a), _form(session_a, children_5_10=3, vulnerable_5_10=5)
    )
    assert response.status_code == 200
    assert "more children from vulnerable families than children" in response.text
    response = coordinator_client.post(_url(session_a), _form(session_a, children_11_15=-2))
    assert response.status_code == 200
    assert response.context["form"].errors["children_11_15"]
    assert not Attendance.objects.exists()


def test_too_few_staff_for_the_children_counted_is_a_warning(coordinator_client, session_a):
    coordinator_client.post(_url(session_a), _form(session_a, children_5_10=20))

    response = _english(coordinator_client).get(_url(session_a))
    assert response.context["ratio"].required == 2
    assert response.context["ratio"].present == 1
    assert 'role="alert" id="ratio-warning"' in response.text
    assert "20 children need 2 staff; staff present: 1." in response.text


def test_enough_staff_gives_no_warning(coordinator_client, session_a):
    coordinator_client.post(_url(session_a), _form(session_a, children_5_10=14))
    assert "ratio-warning" not in coordinator_client.get(_url(session_a)).text


def test_an_absent_worker_does_not_count_for_the_ratio(coordinator_client, session_a):
    form = _form(session_a, children_5_10=5)
    form = {key: value for key, value in form.items() if not key.startswith("present-")}
    coordinator_client.post(_url(session_a), form)

    assert StaffPresence.objects.get(session=session_a).status == "absent"
    response = coordinator_client.get(_url(session_a))
    assert (response.context["ratio"].present, response.context["ratio"].required) == (0, 1)


@pytest.mark.parametrize(("ratio", "required"), [(0, 0), (10, 3)])
def test_a_teenagers_action_follows_its_own_ratio(
    coordinator_client, session_a, plan_a, settings, ratio, required
):
    settings.PLUS_STAFF_RATIO_11_15 = ratio
    type(plan_a["action"]).all_objects.filter(pk=plan_a["action"].pk).update(age_groups=["11-15"])
    coordinator_client.post(
        _url(session_a), _form(session_a, children_5_10=0, vulnerable_5_10=0, children_11_15=25)
    )
    assert coordinator_client.get(_url(session_a)).context["ratio"].required == required


def test_a_coordinator_adds_a_replacement_placed_in_the_municipality(
    coordinator_client, session_a, trajectory_a, intake_a
):
    from staffing.models import Placement

    stand_in = WorkerFactory(first_name="Lotte", last_name="Zwartenbroek")
    Placement.objects.create(
        worker=stand_in,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=datetime.date(2026, 9, 1),
        hours_per_week=8,
    )
    absent = StaffPresence.objects.get(session=session_a)
    form = _form(session_a, replacement=stand_in.pk, replaces=absent.worker_id)
    del form[f"present-{absent.pk}"]
    assert coordinator_client.post(_url(session_a), form).status_code == 302

    absent.refresh_from_db()
    assert absent.status == "absent"
    assert StaffPresence.objects.get(session=session_a, worker=stand_in).replaces == absent.worker


def test_a_bridge_figure_adds_no_replacement(bridge_figure_client, session_a):
    form = bridge_figure_client.get(_url(session_a)).context["form"]
    assert "replacement" not in form.fields


def test_an_official_reads_the_attendance_and_changes_nothing(official_a_client, session_a):
    AttendanceFactory(session=session_a, children_5_10=9)
    response = official_a_client.get(_url(session_a))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert response.context["attendance"].children_5_10 == 9

    assert official_a_client.post(_url(session_a), _form(session_a)).status_code == 403
    assert Attendance.objects.get().children_5_10 == 9


def test_another_municipality_does_not_find_the_session(official_b, coordinator_b, session_a):
    for user in (official_b, coordinator_b):
        client = _client_for(user)
        assert client.get(_url(session_a)).status_code == 404
        assert client.post(_url(session_a), _form(session_a)).status_code == 404
    assert not Attendance.objects.exists()


def test_a_cancelled_session_offers_no_form(coordinator_client, session_a):
    type(session_a).objects.filter(pk=session_a.pk).update(
        status="cancelled", change_reason="Storm"
    )
    response = _english(coordinator_client).get(_url(session_a))
    assert "This session was cancelled" in response.text
    assert "submission_key" not in response.text
    response = _english(coordinator_client).post(_url(session_a), _form(session_a))
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_session_in_the_future_offers_no_form_yet(coordinator_client, plan_a, on_monday):
    tomorrow = SessionFactory(action=plan_a["action"], day=MONDAY + datetime.timedelta(days=1))
    response = _english(coordinator_client).get(_url(tomorrow))
    assert "has not taken place yet" in response.text
    response = _english(coordinator_client).post(_url(tomorrow), _form(tomorrow))
    assert "has not taken place yet" in response.text
    assert not Attendance.objects.exists()


def test_the_form_works_without_script(coordinator_client, session_a):
    """Plain number inputs; the stepper buttons stay hidden until the script shows them."""
    text = coordinator_client.get(_url(session_a)).text
    assert 'type="number" name="children_5_10"' in text
    assert 'data-step="1"' in text
    assert "hidden>+</button>" in text
    assert "execution/stepper" in text
