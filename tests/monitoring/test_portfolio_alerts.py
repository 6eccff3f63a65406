"""The portfolio lists what needs action in each municipality, by when, with a link to the
page that resolves it."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from actionplans.models import FundingSource, Plan
from monitoring.models import Indicator, IndicatorTarget
from monitoring.portfolio import Kind, portfolio_for
from plus_portal.models import Comment
from staffing.models import Milestone
from tests.execution.factories import AttendanceFactory, SessionFactory
from tests.staffing.factories import (
    DevelopmentPlanFactory,
    MilestoneFactory,
    PlacementFactory,
    WorkerFactory,
)

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC), tick=False):
        yield


def _alerts(user, kind):
    return [a for a in portfolio_for(user, {}, today=TODAY).alerts if a.kind == kind]


def _page(client):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("portfolio:portfolio"))
    assert response.status_code == 200
    return response.text


def test_a_plan_in_review_awaits_a_decision(coordinator, coordinator_client, plan_a):
    Plan.objects.filter(pk=plan_a["plan"].pk).update(status=Plan.Status.IN_REVIEW)
    [alert] = _alerts(coordinator, Kind.DECISION_AWAITED)
    assert alert.url == reverse("actionplans:plan", kwargs={"trajectory_pk": alert.trajectory.pk})
    page = _page(coordinator_client)
    assert "Plan awaits a decision" in page
    assert f'href="{alert.url}"' in page


def test_changes_requested_are_the_coordinators_turn(coordinator, plan_a):
    Plan.objects.filter(pk=plan_a["plan"].pk).update(status=Plan.Status.CHANGES_REQUESTED)
    [alert] = _alerts(coordinator, Kind.CHANGES_REQUESTED)
    assert alert.due == TODAY
    assert alert.url == reverse("actionplans:plan", kwargs={"trajectory_pk": alert.trajectory.pk})


def test_remarks_awaiting_a_reply_count_from_the_oldest(
    coordinator, coordinator_client, official_a, plan_a, in_english
):
    action = plan_a["action"]
    for body in ("Wie begeleidt dit?", "Waarom niet op woensdag?"):
        Comment.objects.create(
            trajectory=action.trajectory,
            target_type=ContentType.objects.get_for_model(action),
            target_id=action.pk,
            author=official_a,
            body=body,
        )
    [alert] = _alerts(coordinator, Kind.REMARKS)
    assert alert.text == "2 remark(s) awaiting a reply"
    assert alert.due == TODAY
    assert alert.url == reverse("inbox")
    assert f'href="{reverse("inbox")}"' in _page(coordinator_client)


def test_subsidy_calls_closing_within_sixty_days(coordinator, coordinator_client, plan_a):
    action = plan_a["action"]
    FundingSource.objects.create(
        action=action,
        kind=FundingSource.Kind.PROJECT_SUBSIDY,
        year=2027,
        amount=Decimal("5000"),
        call_name="Oproep vrijetijdsparticipatie",
        call_deadline=TODAY + datetime.timedelta(days=45),
    )
    FundingSource.objects.create(
        action=action,
        kind=FundingSource.Kind.PROJECT_SUBSIDY,
        year=2027,
        amount=Decimal("5000"),
        call_name="Oproep te ver weg",
        call_deadline=TODAY + datetime.timedelta(days=61),
    )
    [alert] = _alerts(coordinator, Kind.SUBSIDY_DEADLINE)
    assert alert.due == TODAY + datetime.timedelta(days=45)
    assert "Oproep vrijetijdsparticipatie" in alert.text
    page = _page(coordinator_client)
    assert '<time datetime="2027-01-04"' in page
    assert "Oproep te ver weg" not in page


def test_workers_ending_and_pop_due_show_in_their_municipality(coordinator, trajectory_a):
    ending = WorkerFactory(
        trajectory_starts_on=datetime.date(2022, 3, 1),
        contract_ends_on=TODAY + datetime.timedelta(days=30),
    )
    DevelopmentPlanFactory(worker=ending)
    PlacementFactory(worker=ending, trajectory=trajectory_a)
    pop_due = WorkerFactory()
    DevelopmentPlanFactory(worker=pop_due, reviewed_on=datetime.date(2026, 1, 10))
    MilestoneFactory(
        worker=pop_due, kind=Milestone.Kind.EVALUATION, planned_on=datetime.date(2026, 12, 15)
    )
    PlacementFactory(worker=pop_due, trajectory=trajectory_a)

    [trajectory_end] = _alerts(coordinator, Kind.WORKER_TRAJECTORY_ENDING)
    assert trajectory_end.due == datetime.date(2027, 2, 28)
    assert trajectory_end.url == reverse("staffing:worker", kwargs={"pk": ending.pk})
    [contract] = _alerts(coordinator, Kind.CONTRACT_ENDING)
    assert contract.due == TODAY + datetime.timedelta(days=30)
    [pop] = _alerts(coordinator, Kind.POP_DUE)
    assert pop.due == datetime.date(2026, 12, 15)
    assert pop.url == reverse("staffing:worker", kwargs={"pk": pop_due.pk})


def test_sessions_without_attendance_counted_per_municipality(
    coordinator, coordinator_client, plan_a, in_english
):
    action = plan_a["action"]
    SessionFactory(action=action, day=datetime.date(2026, 11, 9))
    SessionFactory(action=action, day=datetime.date(2026, 11, 10))
    AttendanceFactory(session=SessionFactory(action=action, day=datetime.date(2026, 11, 12)))
    SessionFactory(action=action, day=datetime.date(2026, 11, 19))  # not due yet
    [alert] = _alerts(coordinator, Kind.ATTENDANCE_MISSING)
    assert alert.text == "2 session(s) without attendance"
    assert alert.due == datetime.date(2026, 11, 9)
    assert alert.url == reverse("followup:missing_attendance")
    assert "overdue" in _page(coordinator_client)


def test_indicators_behind_target(coordinator, plan_a):
    indicator = Indicator.objects.create(
        objective=plan_a["objective"], name="Tevredenheid ouders", unit="%"
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=Decimal("80"))
    indicator.results.create(
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        value=Decimal("62"),
        source="Bevraging juni",
    )
    [alert] = _alerts(coordinator, Kind.INDICATOR_BEHIND)
    assert "Tevredenheid ouders" in alert.text
    assert alert.due == datetime.date(2026, 12, 31)
    assert alert.url == reverse("indicators:list", kwargs={"trajectory_pk": alert.trajectory.pk})


def test_alerts_come_most_urgent_first(coordinator, plan_a, official_a):
    action = plan_a["action"]
    FundingSource.objects.create(
        action=action,
        kind=FundingSource.Kind.PROJECT_SUBSIDY,
        year=2027,
        amount=Decimal("1"),
        call_name="Later",
        call_deadline=TODAY + datetime.timedelta(days=50),
    )
    SessionFactory(action=action, day=datetime.date(2026, 11, 9))
    dues = [a.due for a in portfolio_for(coordinator, {}, today=TODAY).alerts]
    assert dues == sorted(dues)


def test_nothing_to_do_says_so(coordinator_client, trajectory_a):
    assert "Nothing needs action." in _page(coordinator_client)
