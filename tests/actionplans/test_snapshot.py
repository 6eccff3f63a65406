"""The plan as data: what a version freezes, and the hash that proves it unchanged."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from actionplans.models import Plan, PlanVersion
from actionplans.snapshots import effective_prioritair, plan_snapshot, snapshot_hash
from tests.actionplans.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionSlotFactory,
    BudgetLineFactory,
    FundingSourceFactory,
    ObjectiveFactory,
    PlanFactory,
    sample_plan,
)
from tests.municipalities.factories import (
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
)


@pytest.fixture
def parts(trajectory_a, intake_a, swot_a):
    return sample_plan(
        trajectory_a,
        site=intake_a["site"],
        actor=intake_a["leisure-actors"],
        provider=intake_a["care-providers"],
        school=intake_a["schools"],
        swot=swot_a,
    )


@pytest.fixture
def snapshot(parts):
    return plan_snapshot(Plan.objects.get(pk=parts["plan"].pk))


def _action(snapshot, code):
    return next(
        action
        for objective in snapshot["objectives"]
        for action_plan in objective["action_plans"]
        for action in action_plan["actions"]
        if action["code"] == code
    )


def _action_plan(snapshot, code):
    return next(
        action_plan
        for objective in snapshot["objectives"]
        for action_plan in objective["action_plans"]
        if action_plan["code"] == code
    )


def test_it_describes_the_plan(snapshot, parts, trajectory_a):
    assert snapshot["schema"] == 2
    assert snapshot["plan"] == {
        "id": parts["plan"].pk,
        "title": "PLUS Sint-Truiden",
        "summary": "Visie",
        "trajectory_id": trajectory_a.pk,
        "municipality": {"nis_code": "71053", "name": "Sint-Truiden"},
        "cycle": {"start": 2026, "end": 2031},
    }


def test_it_lists_the_parts_in_plan_order_with_their_codes(snapshot):
    codes = [
        (
            objective["code"],
            action_plan["code"],
            [action["code"] for action in action_plan["actions"]],
        )
        for objective in snapshot["objectives"]
        for action_plan in objective["action_plans"]
    ]
    assert codes == [
        ("BD1", "AP1.1", ["A1.1.1", "A1.1.2"]),
        ("BD1", "AP1.2", ["A1.2.1"]),
        ("BD2", "AP2.1", ["A2.1.1"]),
    ]


def test_it_leaves_out_removed_parts(snapshot):
    text = json.dumps(snapshot)
    assert "Geschrapt" not in text
    assert "999.00" not in text
    assert [objective["code"] for objective in snapshot["objectives"]] == ["BD1", "BD2"]


def test_an_action_keeps_every_detail_as_codes(snapshot, swot_a, intake_a, in_english):
    action = _action(snapshot, "A1.1.1")
    assert action["title"] == "Brugfiguur in Velm"
    assert action["description"] == "Een brugfiguur haalt de kinderen op."
    assert action["is_prioritair"] is True
    assert action["age_groups"] == ["5-10", "11-15"]
    assert action["strategies"] == [
        {"id": swot_a["strategy"].pk, "kind": "WO", "title": "Opvang in Velm"}
    ]
    # Weaknesses before opportunities: the SWOT's own order.
    assert [item["id"] for item in action["swot_items"]] == [swot_a["W1"].pk, swot_a["O1"].pk]
    assert action["swot_items"][0] == {
        "id": swot_a["W1"].pk,
        "quadrant": "W",
        "priority": 1,
        "statement": "Geen naschoolse opvang in Velm",
    }
    assert action["sites"] == [
        {
            "id": intake_a["site"].pk,
            "label": "Vrije Basisschool Sint-Jozef – 1 (Kerkstraat 20, 3806)",
        }
    ]
    assert action["at_central_site"] is False
    # After school comes before the holidays, as the slots are listed everywhere.
    assert action["slots"] == [
        {
            "slot": "after_school",
            "holiday_period": "",
            "starts_at": "15:30",
            "ends_at": "18:00",
            "expected_children": 20,
        },
        {
            "slot": "holidays",
            "holiday_period": "summer",
            "starts_at": "09:00",
            "ends_at": "16:00",
            "expected_children": 30,
        },
    ]
    assert action["partners"] == {
        "leisure_actors": [{"id": intake_a["leisure-actors"].pk, "name": "Chiro Velm"}],
        "care_providers": [{"id": intake_a["care-providers"].pk, "name": "IBO De Speelvogel"}],
        "schools": [{"id": intake_a["schools"].pk, "name": "Vrije Basisschool Sint-Jozef"}],
    }
    assert (action["owner"], action["starts_on"], action["ends_on"]) == (
        "Els Claes",
        "2026-09-01",
        "2027-06-30",
    )
    assert (action["status"], action["progress"]) == ("planned", 10)
    assert action["budget_lines"] == [
        {"category": "activities", "year": 2026, "amount": "300.25", "description": ""},
        {"category": "personnel", "year": 2026, "amount": "1200.50", "description": ""},
        {"category": "personnel", "year": 2027, "amount": "1250.00", "description": ""},
    ]
    assert action["funding"] == [
        {"kind": "boa", "year": 2026, "amount": "1000.00", "call_name": "", "call_deadline": None},
        {
            "kind": "municipal",
            "year": 2027,
            "amount": "400.00",
            "call_name": "",
            "call_deadline": None,
        },
    ]
    # 300.25 + 1200.50 + 1250.00; 1000.00 + 400.00
    assert (action["budget_total"], action["funding_total"]) == ("2750.75", "1400.00")


def test_a_central_site_and_open_dates(snapshot):
    action = _action(snapshot, "A2.1.1")
    assert action["at_central_site"] is True
    assert action["central_site_name"] == "Jeugdhuis De Link"
    assert action["sites"] == []
    assert (action["starts_on"], action["ends_on"]) == (None, None)
    assert action["funding"][0]["call_deadline"] == "2030-10-01"


def test_a_prioritair_action_makes_its_action_plan_and_objective_prioritair(snapshot):
    bd1, bd2 = snapshot["objectives"]
    ap11, ap12 = bd1["action_plans"]
    assert (ap11["own_prioritair"], ap11["is_prioritair"]) == (False, True)
    assert (ap12["own_prioritair"], ap12["is_prioritair"]) == (False, False)
    assert (bd1["own_prioritair"], bd1["is_prioritair"]) == (False, True)
    # Marked prioritair itself, with nothing prioritair below it.
    assert (bd2["own_prioritair"], bd2["is_prioritair"]) == (True, True)
    assert bd2["action_plans"][0]["is_prioritair"] is False


def test_a_removed_prioritair_action_makes_nothing_prioritair(trajectory_a):
    objective = ObjectiveFactory(plan=PlanFactory(trajectory=trajectory_a), number=1)
    action_plan = ActionPlanFactory(objective=objective, number=1)
    ActionFactory(action_plan=action_plan, number=1)
    ActionFactory(
        action_plan=action_plan,
        number=2,
        is_prioritair=True,
        removed_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )

    [bd1] = plan_snapshot(objective.plan)["objectives"]

    assert bd1["is_prioritair"] is False
    assert bd1["action_plans"][0]["is_prioritair"] is False


@pytest.mark.parametrize(
    ("own", "children", "expected"),
    [
        (False, [], False),
        (True, [], True),
        (False, [False, False], False),
        (False, [False, True], True),
        (True, [False], True),
    ],
)
def test_effective_prioritair(own, children, expected):
    assert effective_prioritair(own, children) is expected


def test_totals_add_up_per_part_year_and_source(snapshot):
    ap11 = _action_plan(snapshot, "AP1.1")
    # A1.1.1 2750.75 + A1.1.2 99.99
    assert (ap11["budget_total"], ap11["funding_total"]) == ("2850.74", "1400.00")
    bd1, bd2 = snapshot["objectives"]
    assert (bd1["budget_total"], bd1["funding_total"]) == ("2850.74", "1400.00")
    assert (bd2["budget_total"], bd2["funding_total"]) == ("10.00", "5.00")

    totals = snapshot["totals"]
    # 2850.74 + 10.00; 1400.00 + 5.00
    assert (totals["budget"], totals["funding"]) == ("2860.74", "1405.00")
    assert totals["budget_by_year"] == {
        "2026": "1600.74",  # 1200.50 + 300.25 + 99.99
        "2027": "1250.00",
        "2028": "0.00",
        "2029": "0.00",
        "2030": "0.00",
        "2031": "10.00",
    }
    assert totals["funding_by_year"] == {
        "2026": "1000.00",
        "2027": "400.00",
        "2028": "0.00",
        "2029": "0.00",
        "2030": "0.00",
        "2031": "5.00",
    }
    by_source = totals["funding_by_source_and_year"]
    assert sorted(by_source) == ["boa", "municipal", "project_subsidy"]
    assert by_source["boa"]["2026"] == "1000.00"
    assert by_source["municipal"] == {
        "2026": "0.00",
        "2027": "400.00",
        "2028": "0.00",
        "2029": "0.00",
        "2030": "0.00",
        "2031": "0.00",
    }
    assert by_source["project_subsidy"]["2031"] == "5.00"
    assert sum(Decimal(amount) for amount in totals["budget_by_year"].values()) == Decimal(
        totals["budget"]
    )


def test_money_outside_the_cycle_is_kept(trajectory_a):
    action = ActionFactory(
        action_plan=ActionPlanFactory(
            objective=ObjectiveFactory(plan=PlanFactory(trajectory=trajectory_a), number=1),
            number=1,
        ),
        number=1,
    )
    BudgetLineFactory(action=action, year=2032, amount=Decimal("7.10"))

    totals = plan_snapshot(action.action_plan.objective.plan)["totals"]

    assert totals["budget_by_year"]["2032"] == "7.10"
    assert totals["budget"] == "7.10"


def test_it_is_plain_json(snapshot):
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_the_hash_is_the_sha256_of_the_canonical_json():
    assert snapshot_hash({"b": 1, "a": "é"}) == (
        # hashlib.sha256('{"a":"é","b":1}'.encode()).hexdigest()
        "aa58fba8483623bed37c1b02edfccbdd9a53123837c20bfa4cb4049993a2872e"
    )


def test_the_same_plan_always_gives_the_same_hash(parts, snapshot, coordinator):
    again = plan_snapshot(Plan.objects.get(pk=parts["plan"].pk))
    with translation.override("en"):
        in_english = plan_snapshot(Plan.objects.get(pk=parts["plan"].pk))
    assert snapshot_hash(again) == snapshot_hash(snapshot) == snapshot_hash(in_english)

    # Stored and read back (a JSON column), it still gives the same hash.
    version = PlanVersion.objects.create(
        plan=parts["plan"],
        number=1,
        snapshot=snapshot,
        content_hash=snapshot_hash(snapshot),
        submitted_by=coordinator,
    )
    version.refresh_from_db()
    assert snapshot_hash(version.snapshot) == version.content_hash
    assert len(version.content_hash) == 64


def test_the_hash_changes_when_a_title_changes(parts, snapshot):
    action = parts["A1.2.1"]
    action.title = "Toezicht met vrijwilligers en ouders"
    action.save(update_fields=["title", "updated_at"])

    assert snapshot_hash(plan_snapshot(parts["plan"])) != snapshot_hash(snapshot)


def _equipped_plan(trajectory, actions: int):
    """A plan with ``actions`` actions, each with every relation filled in."""
    school = SchoolFactory(trajectory=trajectory)
    site = SiteFactory(school=school)
    actor = LeisureActorFactory(trajectory=trajectory)
    provider = CareProviderFactory(trajectory=trajectory)
    plan = PlanFactory(trajectory=trajectory)
    objectives = [ObjectiveFactory(plan=plan, number=number) for number in (1, 2)]
    action_plans = [
        ActionPlanFactory(objective=objective, number=number)
        for objective in objectives
        for number in (1, 2)
    ]
    for index in range(actions):
        action = ActionFactory(
            action_plan=action_plans[index % len(action_plans)],
            number=index + 1,
            sites=[site],
            partner_actors=[actor],
            partner_providers=[provider],
            partner_schools=[school],
        )
        ActionSlotFactory(action=action)
        BudgetLineFactory(action=action)
        FundingSourceFactory(action=action)
    return plan


def test_it_runs_a_fixed_number_of_queries(
    trajectory_a, trajectory_b, django_assert_max_num_queries
):
    small = _equipped_plan(trajectory_a, actions=2)
    large = _equipped_plan(trajectory_b, actions=40)

    for plan in (small, large):
        fresh = Plan.objects.get(pk=plan.pk)
        with django_assert_max_num_queries(16):
            plan_snapshot(fresh)
