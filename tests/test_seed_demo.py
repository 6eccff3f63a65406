from django.core.management import call_command

from municipalities.models import Membership, Trajectory
from plus_portal.models import User


def test_seed_demo_is_idempotent_and_prints_logins(db, capsys):
    call_command("load_municipalities")
    call_command("seed_demo")
    call_command("seed_demo")

    output = capsys.readouterr().out
    assert "official.sint-truiden" in output
    # One trajectory a municipality, however often the demo is seeded; all five provinces.
    assert (
        Trajectory.objects.count() == Trajectory.objects.values("municipality").distinct().count()
    )
    provinces = set(Trajectory.objects.values_list("municipality__province", flat=True))
    assert provinces == {"70000", "20001", "10000", "30000", "40000"}
    assert {user.role for user in User.objects.all()} == set(User.Role.values)
    official = User.objects.get(username="official.malle")
    assert official.check_password("plus-demo-2026")
    assert list(
        Membership.objects.filter(user=official).values_list("municipality__name_nl", flat=True)
    ) == ["Malle"]


def test_the_demo_runs_sint_truidens_plan_since_september(db):
    from django.utils import timezone

    from execution.models import Attendance, Session
    from execution.records import sessions_missing_attendance

    call_command("load_municipalities")
    call_command("seed_demo")
    call_command("seed_demo")

    today = timezone.localdate()
    held = Session.objects.filter(
        trajectory__municipality__name_nl="Sint-Truiden",
        status=Session.Status.PLANNED,
        day__lt=today,
    )
    assert held.order_by("day").first().day.month == 9
    recorded = Attendance.objects.filter(session__in=held).count()
    assert held.count() * 0.8 < recorded < held.count()
    bridge_figures = User.objects.filter(role=User.Role.BRIDGE_FIGURE)
    assert bridge_figures.count() == 2
    assert all(user.worker.placements.exists() for user in bridge_figures)
    coordinator = User.objects.get(username="coordinator")
    assert sessions_missing_attendance(coordinator, today)


def test_the_demo_gives_in_z_a_portfolio_of_every_phase_and_sint_truiden_its_indicators(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from monitoring.models import Indicator, Spending
    from monitoring.portfolio import Kind, portfolio_for

    call_command("load_municipalities")
    call_command("seed_demo")
    with CaptureQueriesContext(connection) as again:
        call_command("seed_demo")
    # Nothing is built twice: a second seed only brings the intake back to the demo's values,
    # which writes history, and adds no record.
    added = {
        query["sql"].split()[2]
        for query in again.captured_queries
        if query["sql"].startswith("INSERT") and "_historical" not in query["sql"].split()[2]
    }
    assert not added

    assert set(Trajectory.objects.values_list("phase", flat=True)) == set(Trajectory.Phase.values)
    assert Trajectory.objects.values("municipality__province").distinct().count() == 5
    coordinator = User.objects.get(username="coordinator")
    portfolio = portfolio_for(coordinator, {}, today=timezone.localdate())
    assert len(portfolio.rows) == Trajectory.objects.count() >= 10
    kinds = {alert.kind for alert in portfolio.alerts}
    assert {Kind.DECISION_AWAITED, Kind.SUBSIDY_DEADLINE, Kind.CONTRACT_ENDING} <= kinds
    assert any(len(weakness.occurrences) >= 3 for weakness in portfolio.recurring)
    assert any(row.amendment_in_progress for row in portfolio.rows)
    # The plans waiting for a decision were submitted on different days, all before today.
    awaited = [alert.due for alert in portfolio.alerts if alert.kind == Kind.DECISION_AWAITED]
    assert len(set(awaited)) == len(awaited) >= 3
    assert max(awaited) < timezone.localdate()
    sint_truiden = Indicator.objects.filter(
        objective__plan__trajectory__municipality__name_nl="Sint-Truiden"
    )
    assert sint_truiden.exclude(computed_key="").count() >= 4
    assert all(indicator.targets.exists() for indicator in sint_truiden)
    assert Spending.objects.filter(
        action__action_plan__objective__plan__trajectory__municipality__name_nl="Sint-Truiden"
    ).exists()
    assert len(portfolio.comparison.rows) >= 3


def test_the_demo_gives_sint_truiden_a_full_school_year_2025_2026(db):
    """Sessions with attendance in every month of the school year 2025–2026 that has school
    days (none on a holiday but the holiday actions'), a few cancelled, a plan approved before
    it began, and a dashboard and a progress snapshot of that school year with figures."""
    import datetime

    from django.utils import timezone

    from actionplans.models import Decision
    from execution.calendar import school_year
    from execution.models import BridgeContact, Enrolment, Session
    from monitoring.dashboard import build_dashboard
    from monitoring.models import FundingReceipt, IndicatorResult, Spending, Story
    from monitoring.reports import SCHOOL_YEAR, period_of, progress_snapshot
    from municipalities.models import PhaseChange
    from staffing.models import Placement

    call_command("load_municipalities")
    call_command("seed_demo")

    trajectory = Trajectory.objects.get(municipality__name_nl="Sint-Truiden")
    assert trajectory.cycle == "2025–2031"
    assert trajectory.phase == Trajectory.Phase.EXECUTION
    assert trajectory.phase_started_on == datetime.date(2025, 9, 1)
    approved = Decision.objects.get(
        version__plan__trajectory=trajectory, outcome=Decision.Outcome.APPROVED
    )
    assert approved.decided_at.date() == datetime.date(2025, 6, 23)
    assert list(
        PhaseChange.objects.filter(trajectory=trajectory).values_list("started_on", flat=True)
    ) == sorted(
        PhaseChange.objects.filter(trajectory=trajectory).values_list("started_on", flat=True)
    )

    calendar = school_year(2025)
    sessions = Session.objects.filter(
        trajectory=trajectory, day__range=(calendar.first, calendar.last)
    )
    for month in [9, 10, 11, 12, 1, 2, 3, 4, 5, 6]:
        year = 2025 if month >= 9 else 2026
        first = datetime.date(year, month, 1)
        days = [first + datetime.timedelta(days=n) for n in range(31)]
        if not any(day.month == month and calendar.is_school_day(day) for day in days):
            continue  # a month of holidays only
        held = sessions.filter(day__year=year, day__month=month, attendance__isnull=False)
        assert held.count() >= 50, (year, month)
    # Every session of 2025–2026 that took place has its attendance; a few were cancelled.
    past = sessions.filter(day__lte=datetime.date(2026, 6, 30))
    cancelled = past.filter(status=Session.Status.CANCELLED)
    assert 5 <= cancelled.count() <= 15
    assert not past.filter(status=Session.Status.PLANNED, attendance__isnull=True).exists()
    on_holidays = [s for s in past if calendar.holiday_on(s.day) and s.slot != "holidays"]
    assert on_holidays == []
    assert sessions.filter(slot="holidays", day__month__in=[7, 8], attendance__isnull=False)

    # Enrolments in every term (some changing), contacts every school week, placements.
    terms = Enrolment.objects.filter(trajectory=trajectory, school_year=2025)
    assert set(terms.values_list("term", flat=True)) == {"autumn", "winter", "spring", "summer"}
    per_term = {
        term: sorted(terms.filter(term=term, site__isnull=False).values_list("children", flat=True))
        for term in ("autumn", "winter")
    }
    assert per_term["autumn"] != per_term["winter"]
    weeks = (
        BridgeContact.objects.filter(
            trajectory=trajectory, week__range=(calendar.first, datetime.date(2026, 6, 30))
        )
        .values("worker", "week")
        .distinct()
    )
    assert weeks.count() >= 2 * 34
    assert (
        Placement.objects.filter(trajectory=trajectory, starts_on__lte=calendar.first).count() >= 3
    )

    # Money, manual results and stories of both calendar years of the school year.
    for year in (2025, 2026):
        assert Spending.objects.filter(
            action__action_plan__objective__plan__trajectory=trajectory, year=year
        ).exists()
    assert FundingReceipt.objects.filter(
        funding_source__action__action_plan__objective__plan__trajectory=trajectory,
        funding_source__year=2025,
    ).exists()
    assert (
        IndicatorResult.objects.filter(
            indicator__objective__plan__trajectory=trajectory,
            period_end__range=(calendar.first, datetime.date(2026, 6, 30)),
        ).count()
        >= 3
    )
    assert (
        Story.objects.filter(
            trajectory=trajectory, consent_on__range=(calendar.first, calendar.last)
        ).count()
        >= 2
    )

    # The dashboard reaches back to September 2025; its indicators have results in 2025 and
    # 2026, and the school year's progress report has figures in every section.
    today = timezone.localdate()
    board = build_dashboard(trajectory, today=today)
    assert board.charts["age_groups"]  # drawn
    for chart in board.indicators:
        actual = {point.year: point.actual for point in chart.points}
        assert actual[2025] is not None, chart.indicator.name
        assert actual[2026] is not None, chart.indicator.name
    assert {total.year for total in board.finance.per_year if total.spent} >= {2025, 2026}
    snapshot = progress_snapshot(trajectory, *period_of(SCHOOL_YEAR, 2025), today=today)
    assert all(row["in_period"] is not None for row in snapshot["indicators"])
    assert snapshot["sessions"]["held"] > 900
    assert snapshot["sessions"]["children_5_10"] > 10000
    assert all(value is not None for value in snapshot["reach"].values())
    assert len(snapshot["stories"]) >= 2
    assert {row["year"] for row in snapshot["finance"]["per_year"]} == {2025, 2026}
