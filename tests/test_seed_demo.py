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
    import time

    from django.utils import timezone

    from monitoring.models import Indicator, Spending
    from monitoring.portfolio import Kind, portfolio_for

    call_command("load_municipalities")
    call_command("seed_demo")
    started = time.perf_counter()
    call_command("seed_demo")
    assert time.perf_counter() - started < 5  # nothing is built twice

    assert set(Trajectory.objects.values_list("phase", flat=True)) == set(Trajectory.Phase.values)
    assert Trajectory.objects.values("municipality__province").distinct().count() == 5
    coordinator = User.objects.get(username="coordinator")
    portfolio = portfolio_for(coordinator, {}, today=timezone.localdate())
    assert len(portfolio.rows) == Trajectory.objects.count() >= 10
    kinds = {alert.kind for alert in portfolio.alerts}
    assert {Kind.DECISION_AWAITED, Kind.SUBSIDY_DEADLINE, Kind.CONTRACT_ENDING} <= kinds
    assert any(len(weakness.occurrences) >= 3 for weakness in portfolio.recurring)
    assert any(row.amendment_in_progress for row in portfolio.rows)
    sint_truiden = Indicator.objects.filter(
        objective__plan__trajectory__municipality__name_nl="Sint-Truiden"
    )
    assert sint_truiden.exclude(computed_key="").count() >= 4
    assert all(indicator.targets.exists() for indicator in sint_truiden)
    assert Spending.objects.filter(
        action__action_plan__objective__plan__trajectory__municipality__name_nl="Sint-Truiden"
    ).exists()
    assert len(portfolio.comparison.rows) >= 3
