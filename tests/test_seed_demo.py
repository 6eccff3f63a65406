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
