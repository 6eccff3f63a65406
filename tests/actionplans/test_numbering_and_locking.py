from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, Objective


def test_codes_follow_the_bbc_shape(plan_a):
    assert plan_a["objective"].code == "BD1"
    assert plan_a["action_plan"].code == "AP1.1"
    assert plan_a["action"].code == "A1.1.1"
    second = services.part_add(Action(action_plan=plan_a["action_plan"], title="Tweede"))
    assert second.code == "A1.1.2"


def test_a_removed_part_keeps_its_number_to_itself(plan_a):
    first = plan_a["action"]
    services.part_remove(first)
    second = services.part_add(Action(action_plan=plan_a["action_plan"], title="Nieuw"))
    assert second.code == "A1.1.2"
    assert list(plan_a["action_plan"].actions.all()) == [second]
    assert Action.all_objects.filter(pk=first.pk).exists()


def test_only_an_explicit_move_renumbers(plan_a):
    plan = plan_a["plan"]
    second = services.part_add(Objective(plan=plan, title="Tieners"))
    services.part_move(second, offset=-1)
    assert Objective.objects.get(pk=second.pk).code == "BD1"
    assert Objective.objects.get(pk=plan_a["objective"].pk).code == "BD2"
    assert ActionPlan.objects.get(pk=plan_a["action_plan"].pk).code == "AP2.1"


def _edit(client, trajectory, action, title, version):
    return client.post(
        reverse(
            "actionplans:part_update",
            kwargs={"trajectory_pk": trajectory.pk, "kind": "action", "pk": action.pk},
        ),
        {
            "title": title,
            "lock_version": version,
            "status": "planned",
            "progress": "0",
            "owner": "Joris Claes",
            "age_groups": ["5-10"],
            **{
                f"{prefix}-{key}": value
                for prefix in ("slots", "budget", "funding")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )


def test_the_second_of_two_concurrent_saves_is_refused(
    coordinator_client, administrator_client, trajectory_a, plan_a
):
    action = plan_a["action"]
    opened_at = action.version

    first = _edit(coordinator_client, trajectory_a, action, "Opvang in Velm en Brustem", opened_at)
    assert first.status_code == 302
    second = _edit(administrator_client, trajectory_a, action, "Opvang in Velm (oud)", opened_at)

    assert second.status_code == 200
    assert "terwijl u het bewerkte" in second.text
    assert "Opvang in Velm en Brustem" in second.text  # the other's version is shown
    action.refresh_from_db()
    assert action.title == "Opvang in Velm en Brustem"
    assert action.version == opened_at + 1
