from django.core.management import call_command

from municipalities.models import Membership, Trajectory
from plus_portal.models import User


def test_seed_demo_is_idempotent_and_prints_logins(db, capsys):
    call_command("load_municipalities")
    call_command("seed_demo")
    call_command("seed_demo")

    output = capsys.readouterr().out
    assert "official.sint-truiden" in output
    assert Trajectory.objects.count() == 3
    provinces = set(Trajectory.objects.values_list("municipality__province", flat=True))
    assert provinces == {"70000", "20001", "10000"}
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
