from decimal import Decimal

from django.urls import reverse

from actionplans import services
from actionplans.models import Action, ActionPlan, ActionSlot, BudgetLine, FundingSource, Objective


def _big_plan(plan, site, strategy):
    for o in range(8):
        objective = services.part_add(Objective(plan=plan, title=f"Doel {o}"))
        objective.strategies.set([strategy])
        for p in range(4):
            action_plan = services.part_add(ActionPlan(objective=objective, title=f"AP {p}"))
            for a in range(5):
                action = services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=f"Actie {o}.{p}.{a}",
                        owner="X",
                        age_groups=["5-10"],
                        is_prioritair=(a == 0 and p == 0),
                    )
                )
                action.sites.set([site])
                action.strategies.set([strategy])
                ActionSlot.objects.create(action=action, slot="after_school", expected_children=10)
                BudgetLine.objects.create(
                    action=action, category="activities", year=2026, amount=Decimal("100")
                )
                FundingSource.objects.create(
                    action=action, kind="municipal", year=2026, amount=Decimal("100")
                )


def test_plan_page_with_160_actions_runs_a_fixed_number_of_queries(
    coordinator_client, trajectory_a, plan_a, intake_a, swot_a, django_assert_max_num_queries
):
    _big_plan(plan_a["plan"], intake_a["site"], swot_a["strategy"])
    url = reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    with django_assert_max_num_queries(40):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "A9.4.5" in response.text
    assert response.text.count("prioritair") >= 8 * 3  # each BD, its first AP and A propagate


def test_prioritair_action_marks_its_action_plan_and_objective(
    coordinator_client, trajectory_a, plan_a
):
    action = plan_a["action"]
    action.is_prioritair = True
    services.part_save(action, expected_version=action.version)
    response = coordinator_client.get(
        reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    objective = response.context["snapshot"].objectives[0]
    assert objective.is_prioritair
    assert not objective.own_prioritair
    assert objective.action_plans[0].is_prioritair


def test_plan_page_shows_checks(coordinator_client, trajectory_a, plan_a):
    action = plan_a["action"]
    action.owner = ""
    services.part_save(action, expected_version=action.version)
    BudgetLine.objects.create(action=action, category="materials", year=2026, amount=Decimal("500"))
    response = coordinator_client.get(
        reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    checks = response.context["checks"]
    assert [code for code, _title in checks.actions_without_owner] == ["A1.1.1"]
    assert checks.funding_gaps
    assert "geen verantwoordelijke" in response.text or "no owner" in response.text


def test_the_plan_page_loads_the_heatmap_styles_in_its_head(
    coordinator_client, trajectory_a, plan_a
):
    response = coordinator_client.get(
        reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_a.pk})
    )
    head = response.text.split("</head>")[0]
    assert "css/actionplans.css" in head
