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
from municipalities.models import CooperationAgreement
from plus_portal.models import Comment
from staffing.models import Milestone
from tests.execution.factories import AttendanceFactory, SessionFactory
from tests.factories import TrajectoryFactory
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


def _alerts(user, kind, *, today=TODAY, horizon_days=None):
    found = portfolio_for(user, {}, today=today, horizon_days=horizon_days).alerts
    return [a for a in found if a.kind == kind]


def _page(client, **params):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("portfolio:portfolio"), params)
    assert response.status_code == 200
    return response.text


def _agreement(trajectory, ends_in_days, *, status=CooperationAgreement.Status.SIGNED, **fields):
    return CooperationAgreement.objects.create(
        trajectory=trajectory,
        status=status,
        signed_on=datetime.date(2024, 12, 1)
        if status == CooperationAgreement.Status.SIGNED
        else None,
        starts_on=datetime.date(2025, 1, 1),
        ends_on=TODAY + datetime.timedelta(days=ends_in_days),
        **fields,
    )


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


# ---------------------------------------------------------------------------------------------
# Cooperation agreements and planning cycles ending


def test_an_agreement_ending_within_the_horizon_alerts(
    coordinator, coordinator_client, trajectory_a
):
    soon = _agreement(trajectory_a, 59)
    _agreement(trajectory_a, 61, status=CooperationAgreement.Status.DRAFT)
    [alert] = _alerts(coordinator, Kind.AGREEMENT_ENDING)
    assert alert.due == TODAY + datetime.timedelta(days=59)
    assert alert.trajectory == trajectory_a
    record = reverse(
        "municipalities:record_detail",
        kwargs={"pk": trajectory_a.pk, "section": "agreements", "record_pk": soon.pk},
    )
    assert alert.url == record
    page = _page(coordinator_client)
    assert "Cooperation agreement ends: Signed 2025–2027" in page
    assert f'href="{record}"' in page
    assert coordinator_client.get(record).status_code == 200


def test_an_agreement_ending_today_alerts_one_ended_does_not(coordinator, trajectory_a):
    _agreement(trajectory_a, 0)
    _agreement(trajectory_a, -1)  # its end has passed: the intake marks it ended or renews it
    _agreement(trajectory_a, 30, status=CooperationAgreement.Status.ENDED)
    [alert] = _alerts(coordinator, Kind.AGREEMENT_ENDING)
    assert alert.due == TODAY


def test_an_agreement_renewed_by_a_signed_one_does_not_alert(coordinator, trajectory_a):
    _agreement(trajectory_a, 20)
    _agreement(trajectory_a, 20 + 365 * 3)
    assert _alerts(coordinator, Kind.AGREEMENT_ENDING) == []


def test_a_draft_renewal_leaves_the_ending_agreement_alerting(coordinator, trajectory_a):
    _agreement(trajectory_a, 20)
    _agreement(trajectory_a, 20 + 365 * 3, status=CooperationAgreement.Status.DRAFT)
    assert len(_alerts(coordinator, Kind.AGREEMENT_ENDING)) == 1


def test_an_agreement_the_coordinator_does_not_coordinate_never_shows(
    coordinator, coordinator_client, administrator, trajectory_a, trajectory_b
):
    _agreement(trajectory_b, 10)
    assert _alerts(coordinator, Kind.AGREEMENT_ENDING) == []
    assert _alerts(coordinator, Kind.AGREEMENT_ENDING, horizon_days=90) == []
    assert "Cooperation agreement ends" not in _page(coordinator_client, horizon="90")
    [seen] = _alerts(administrator, Kind.AGREEMENT_ENDING)
    assert seen.trajectory == trajectory_b


def test_a_planning_cycle_ending_within_the_horizon_alerts(coordinator, municipality_a, in_english):
    ending = TrajectoryFactory(
        municipality=municipality_a, cycle_start_year=2021, cycle_end_year=2026
    )
    [alert] = _alerts(coordinator, Kind.TRAJECTORY_ENDING, horizon_days=60)
    assert alert.trajectory == ending
    assert alert.due == datetime.date(2026, 12, 31)
    assert alert.text == "Planning cycle 2021–2026 ends"
    assert alert.url == reverse("municipalities:trajectory_detail", kwargs={"pk": ending.pk})
    # 41 days ahead: outside a 30-day window.
    assert _alerts(coordinator, Kind.TRAJECTORY_ENDING, horizon_days=30) == []


def test_a_planning_cycle_with_its_successor_started_does_not_alert(
    coordinator, municipality_a, trajectory_a
):
    TrajectoryFactory(municipality=municipality_a, cycle_start_year=2020, cycle_end_year=2026)
    TrajectoryFactory(municipality=municipality_a, cycle_start_year=2027, cycle_end_year=2032)
    assert _alerts(coordinator, Kind.TRAJECTORY_ENDING) == []


def test_a_planning_cycle_ended_or_far_off_does_not_alert(
    coordinator, municipality_a, trajectory_a
):
    TrajectoryFactory(municipality=municipality_a, cycle_start_year=2020, cycle_end_year=2025)
    assert _alerts(coordinator, Kind.TRAJECTORY_ENDING) == []  # 2025 is over; 2031 is far


# ---------------------------------------------------------------------------------------------
# The window


def test_the_window_comes_from_the_setting(coordinator, trajectory_a, settings):
    _agreement(trajectory_a, 75)
    assert _alerts(coordinator, Kind.AGREEMENT_ENDING) == []
    settings.PLUS_PORTFOLIO_HORIZON_DAYS = 80
    assert len(_alerts(coordinator, Kind.AGREEMENT_ENDING)) == 1
    assert portfolio_for(coordinator, {}, today=TODAY).horizon_days == 80


def test_the_reader_chooses_the_window(coordinator_client, trajectory_a):
    _agreement(trajectory_a, 75, status=CooperationAgreement.Status.DRAFT)
    _agreement(trajectory_a, 25)
    page = _page(coordinator_client)
    assert "shown 60 days ahead" in page
    assert page.count('data-kind="agreement_ending"') == 1
    assert '<option value="60" selected>' in page
    page = _page(coordinator_client, horizon="90")
    assert "shown 90 days ahead" in page
    assert page.count('data-kind="agreement_ending"') == 2
    assert '<option value="90" selected>' in page
    page = _page(coordinator_client, horizon="30", province="")
    assert page.count('data-kind="agreement_ending"') == 1


@pytest.mark.parametrize("bad", ["45", "abc", "-1", "0", "99999999999999999999", "\x00", ""])
def test_a_window_not_offered_shows_the_default(coordinator_client, trajectory_a, bad):
    _agreement(trajectory_a, 75)
    page = _page(coordinator_client, horizon=bad)
    assert "shown 60 days ahead" in page
    assert 'data-kind="agreement_ending"' not in page
