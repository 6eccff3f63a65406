import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, Objective


@pytest.fixture
def approved_plan_b(trajectory_b, coordinator, official_b):
    plan = services.plan_create(trajectory=trajectory_b, title="PLUS-actieplan Tienen")
    objective = services.part_add(Objective(plan=plan, title="Vrije tijd"))
    action_plan = services.part_add(ActionPlan(objective=objective, title="Woensdag"))
    action = services.part_add(
        Action(action_plan=action_plan, title="Woensdagsport", owner="Pieter", age_groups=["5-10"])
    )
    action.slots.create(slot="wednesday", expected_children=30)
    action.budget_lines.create(category="activities", year=2026, amount=900)
    services.plan_submit(plan=plan, by=coordinator)
    services.plan_decide(plan=plan, outcome="approved", reason="", by=official_b)
    return action


def test_copy_takes_what_and_when_but_not_money_or_dates(
    coordinator_client, trajectory_a, plan_a, approved_plan_b
):
    url = reverse("actionplans:library", kwargs={"trajectory_pk": trajectory_a.pk})
    page = coordinator_client.get(url)
    assert "Woensdagsport" in page.text

    response = coordinator_client.post(
        url, {"source": approved_plan_b.pk, "into": plan_a["action_plan"].pk}
    )

    copy = Action.objects.get(action_plan=plan_a["action_plan"], title="Woensdagsport")
    assert response.status_code == 302
    assert copy.code == "A1.1.2"
    assert [s.slot for s in copy.slots.all()] == ["wednesday"]
    assert not copy.budget_lines.exists()
    assert (copy.owner, copy.starts_on, copy.copied_from) == ("", None, approved_plan_b)


def test_a_plan_never_approved_is_not_in_the_library(
    coordinator_client, trajectory_a, plan_a, approved_plan_b
):
    from actionplans.models import Decision

    Decision.objects.filter(version__plan__trajectory__municipality__name_nl="Tienen").delete()
    url = reverse("actionplans:library", kwargs={"trajectory_pk": trajectory_a.pk})
    assert "Woensdagsport" not in coordinator_client.get(url).text
