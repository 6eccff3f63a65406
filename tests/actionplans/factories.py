"""Factories for the action plan: objectives → action plans → actions, and their money."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from actionplans.models import (
    Action,
    ActionPlan,
    ActionSlot,
    BudgetLine,
    FundingSource,
    Objective,
    Plan,
    PlanVersion,
)
from actionplans.snapshots import plan_snapshot, snapshot_hash
from tests.factories import TrajectoryFactory, UserFactory, next_number


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    trajectory = factory.SubFactory(TrajectoryFactory)
    title = factory.Sequence(lambda n: f"PLUS-actieplan {n}")
    summary = "Opvang en vrije tijd samen, voor 5–15-jarigen."


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = Objective
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = next_number(Objective, "plan")
    title = factory.Sequence(lambda n: f"Beleidsdoelstelling {n}")

    @factory.post_generation
    def strategies(self, create, extracted, **kwargs):
        if create and extracted:
            self.strategies.set(extracted)

    @factory.post_generation
    def swot_items(self, create, extracted, **kwargs):
        if create and extracted:
            self.swot_items.set(extracted)


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = ActionPlan

    objective = factory.SubFactory(ObjectiveFactory)
    number = next_number(ActionPlan, "objective")
    title = factory.Sequence(lambda n: f"Actieplan {n}")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(ActionPlanFactory)
    number = next_number(Action, "action_plan")
    title = factory.Sequence(lambda n: f"Actie {n}")
    age_groups = factory.LazyFunction(lambda: ["5-10"])
    owner = "Els Claes"
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 6, 30)

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)

    @factory.post_generation
    def partner_actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_actors.set(extracted)

    @factory.post_generation
    def partner_providers(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_providers.set(extracted)

    @factory.post_generation
    def partner_schools(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_schools.set(extracted)

    @factory.post_generation
    def strategies(self, create, extracted, **kwargs):
        if create and extracted:
            self.strategies.set(extracted)

    @factory.post_generation
    def swot_items(self, create, extracted, **kwargs):
        if create and extracted:
            self.swot_items.set(extracted)


class ActionSlotFactory(DjangoModelFactory):
    class Meta:
        model = ActionSlot

    action = factory.SubFactory(ActionFactory)
    slot = "after_school"
    starts_at = datetime.time(15, 30)
    ends_at = datetime.time(18, 0)
    expected_children = 20


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    action = factory.SubFactory(ActionFactory)
    category = BudgetLine.Category.PERSONNEL
    year = 2026
    amount = Decimal("1000.00")


class FundingSourceFactory(DjangoModelFactory):
    class Meta:
        model = FundingSource

    action = factory.SubFactory(ActionFactory)
    kind = FundingSource.Kind.BOA
    year = 2026
    amount = Decimal("500.00")


class PlanVersionFactory(DjangoModelFactory):
    """A version frozen from its plan as it is when the factory runs."""

    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = next_number(PlanVersion, "plan")
    snapshot = factory.LazyAttribute(lambda version: plan_snapshot(version.plan))
    content_hash = factory.LazyAttribute(lambda version: snapshot_hash(version.snapshot))
    submitted_by = factory.SubFactory(UserFactory)


def sample_plan(trajectory, *, site=None, actor=None, provider=None, school=None, swot=None):
    """A small plan with every kind of detail, and removed parts that must never show.

    BD1 (own flag off) > AP1.1 (own flag off) > A1.1.1 prioritair, A1.1.2;
    BD1 > AP1.2 > A1.2.1; BD2 (own flag on) > AP2.1 > A2.1.1. Removed: BD3, AP1.3, A1.1.3.

    Money (worked out where the tests use it):
    A1.1.1 budget 2026 personnel 1200.50 + activities 300.25, 2027 personnel 1250.00;
           funding BOA 2026 1000.00, municipal 2027 400.00.
    A1.1.2 budget 2026 materials 99.99.
    A1.2.1 nothing.
    A2.1.1 budget 2031 other 10.00; funding project subsidy 2031 5.00 ("Oproep Jeugd").
    Removed parts carry 999.00 budget and funding each.
    """
    from django.utils import timezone

    swot = swot or {}
    plan = PlanFactory(trajectory=trajectory, title="PLUS Sint-Truiden", summary="Visie")
    bd1 = ObjectiveFactory(
        plan=plan,
        number=1,
        title="Opvang na school in elke deelgemeente",
        strategies=[swot["strategy"]] if swot else None,
        swot_items=[swot["W1"]] if swot else None,
    )
    ap11 = ActionPlanFactory(objective=bd1, number=1, title="Naschoolse opvang Velm")
    a111 = ActionFactory(
        action_plan=ap11,
        number=1,
        title="Brugfiguur in Velm",
        description="Een brugfiguur haalt de kinderen op.",
        is_prioritair=True,
        age_groups=["11-15", "5-10"],
        sites=[site] if site else None,
        partner_actors=[actor] if actor else None,
        partner_providers=[provider] if provider else None,
        partner_schools=[school] if school else None,
        strategies=[swot["strategy"]] if swot else None,
        swot_items=[swot["O1"], swot["W1"]] if swot else None,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
        progress=10,
    )
    ActionSlotFactory(
        action=a111,
        slot="holidays",
        holiday_period="summer",
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(16, 0),
        expected_children=30,
    )
    ActionSlotFactory(action=a111, slot="after_school", expected_children=20)
    BudgetLineFactory(action=a111, year=2027, category="personnel", amount=Decimal("1250.00"))
    BudgetLineFactory(action=a111, year=2026, category="personnel", amount=Decimal("1200.50"))
    BudgetLineFactory(action=a111, year=2026, category="activities", amount=Decimal("300.25"))
    FundingSourceFactory(action=a111, kind="boa", year=2026, amount=Decimal("1000.00"))
    FundingSourceFactory(action=a111, kind="municipal", year=2027, amount=Decimal("400.00"))

    a112 = ActionFactory(action_plan=ap11, number=2, title="Spelmateriaal", age_groups=[])
    BudgetLineFactory(action=a112, year=2026, category="materials", amount=Decimal("99.99"))

    ap12 = ActionPlanFactory(objective=bd1, number=2, title="Middagtoezicht")
    a121 = ActionFactory(action_plan=ap12, number=1, title="Toezicht met vrijwilligers")

    bd2 = ObjectiveFactory(plan=plan, number=2, title="Vrije tijd voor tieners", is_prioritair=True)
    ap21 = ActionPlanFactory(objective=bd2, number=1, title="Tienerwerking")
    a211 = ActionFactory(
        action_plan=ap21,
        number=1,
        title="Tienerclub op woensdag",
        at_central_site=True,
        central_site_name="Jeugdhuis De Link",
        starts_on=None,
        ends_on=None,
    )
    BudgetLineFactory(action=a211, year=2031, category="other", amount=Decimal("10.00"))
    FundingSourceFactory(
        action=a211,
        kind="project_subsidy",
        year=2031,
        amount=Decimal("5.00"),
        call_name="Oproep Jeugd",
        call_deadline=datetime.date(2030, 10, 1),
    )

    removed_at = timezone.now()
    bd3 = ObjectiveFactory(plan=plan, number=3, title="Geschrapt doel", removed_at=removed_at)
    ap31 = ActionPlanFactory(objective=bd3, number=1, title="Onder geschrapt doel")
    ap13 = ActionPlanFactory(objective=bd1, number=3, title="Geschrapt", removed_at=removed_at)
    a131 = ActionFactory(action_plan=ap13, number=1, title="Onder geschrapt actieplan")
    a113 = ActionFactory(
        action_plan=ap11, number=3, title="Geschrapte actie", removed_at=removed_at
    )
    a311 = ActionFactory(action_plan=ap31, number=1, title="Onder geschrapt doel")
    for gone in (a131, a113, a311):
        gone.is_prioritair = True
        gone.save(update_fields=["is_prioritair"])
        BudgetLineFactory(action=gone, year=2026, amount=Decimal("999.00"))
        FundingSourceFactory(action=gone, year=2026, amount=Decimal("999.00"))
    return {
        "plan": plan,
        "BD1": bd1,
        "BD2": bd2,
        "AP1.1": ap11,
        "AP1.2": ap12,
        "AP2.1": ap21,
        "A1.1.1": a111,
        "A1.1.2": a112,
        "A1.2.1": a121,
        "A2.1.1": a211,
        "removed": [bd3, ap13, a113, a131, a311],
    }
