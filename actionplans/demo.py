"""Demo action plans: Sint-Truiden's approved in its second version, Tienen's in review, Malle's
a draft."""

import datetime
from decimal import Decimal

from django.db import transaction

from actionplans import services
from actionplans.models import (
    Action,
    ActionPlan,
    ActionSlot,
    BudgetLine,
    Decision,
    FundingSource,
    Objective,
    Plan,
)
from municipalities.models import LeisureActor, Site

T = datetime.time
PROJECT_CALL = "Projectoproep vrijetijdsparticipatie 2026"

# objective title, prioritair → [action plan title → [action: title, owner, age groups,
#   central site or None, slots (slot, period, from, to, children), budget per year, funding]]
PLAN = [
    (
        "Elk kind een plek na school, ook in de deelgemeenten",
        True,
        [
            (
                "Naschoolse opvang op de schoolcampussen",
                [
                    (
                        "Opvang met brugfiguren op de landelijke campussen",
                        "Joris Claes",
                        ["5-10"],
                        None,
                        [("after_school", "", T(15, 30), T(18, 0), 24)],
                        {2026: "18500", 2027: "37000"},
                        [("social_employment", "26000"), ("boa", "19500"), ("municipal", "10000")],
                    ),
                    (
                        "Middagtoezicht met spel in de centrumscholen",
                        "Sofie Lambrechts",
                        ["5-10"],
                        None,
                        [("lunchtime", "", T(12, 0), T(13, 0), 60)],
                        {2026: "6000", 2027: "12000"},
                        [("municipal", "18000")],
                    ),
                ],
            ),
            (
                "Woensdag en vakanties samen met verenigingen",
                [
                    (
                        "Woensdagnamiddag sport en cultuur op één centrale plek",
                        "",
                        ["5-10", "11-15"],
                        "Sporthal De Vesting",
                        [("wednesday", "", T(13, 0), T(17, 0), 40)],
                        {2026: "9000", 2027: "18000"},
                        [("boa", "12000"), ("partner", "4000")],
                    ),
                    (
                        "Zomerwerking met de speelpleinwerking",
                        "Koen Vanhees",
                        ["5-10"],
                        "Speelplein Kattenberg",
                        [
                            ("holidays", "summer", T(9, 0), T(16, 0), 80),
                            ("holidays", "easter", T(9, 0), T(16, 0), 40),
                        ],
                        {2026: "15000"},
                        [("project_subsidy", "10000"), ("municipal", "5000")],
                    ),
                ],
            ),
        ],
    ),
    (
        "Tieners (11–15) vinden hun weg naar vrije tijd",
        False,
        [
            (
                "Tienerwerking na school",
                [
                    (
                        "Tienerclub in de bibliotheek",
                        "Bibliotheek",
                        ["11-15"],
                        "Bibliotheek",
                        [("after_school", "", T(16, 0), T(18, 0), 20)],
                        {2026: "4000", 2027: "8000"},
                        [("municipal", "12000")],
                    ),
                ],
            ),
        ],
    ),
]


def _funding(action: Action, budget: dict, funding: list) -> list[FundingSource]:
    """Fund each year in the proportions of the action's funding list, to the cent."""
    cost = sum(Decimal(amount) for amount in budget.values())
    share = {kind: Decimal(amount) / cost for kind, amount in funding}
    rows = []
    for year, year_cost in budget.items():
        wanted = (Decimal(year_cost) * sum(share.values())).quantize(Decimal("0.01"))
        given = Decimal(0)
        for index, (kind, fraction) in enumerate(share.items()):
            if index == len(share) - 1:
                amount = wanted - given
            else:
                amount = (Decimal(year_cost) * fraction).quantize(Decimal("0.01"))
            given += amount
            is_call = kind == "project_subsidy"
            rows.append(
                FundingSource(
                    action=action,
                    kind=kind,
                    year=year,
                    amount=amount,
                    call_name=PROJECT_CALL if is_call else "",
                    call_deadline=datetime.date(2027, 1, 15) if is_call else None,
                )
            )
    return rows


def _build(plan: Plan) -> None:
    trajectory = plan.trajectory
    sites = list(Site.objects.filter(school__trajectory=trajectory, setting="rural"))
    actors = list(LeisureActor.objects.filter(trajectory=trajectory)[:2])
    swot = trajectory.swot_analyses.filter(is_current=True).first()
    strategies = list(swot.strategies.all()) if swot else []
    for objective_title, prioritair, action_plans in PLAN:
        objective = services.part_add(
            Objective(plan=plan, title=objective_title, is_prioritair=prioritair)
        )
        objective.strategies.set(strategies[:1])
        for action_plan_title, actions in action_plans:
            action_plan = services.part_add(
                ActionPlan(objective=objective, title=action_plan_title)
            )
            for title, owner, groups, central, slots, budget, funding in actions:
                action = services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=title,
                        owner=owner,
                        age_groups=groups,
                        at_central_site=bool(central),
                        central_site_name=central or "",
                        starts_on=datetime.date(2026, 9, 1),
                        ends_on=datetime.date(2027, 6, 30),
                    )
                )
                if not central:
                    action.sites.set(sites)
                action.partner_actors.set(actors)
                action.strategies.set(strategies[:1])
                ActionSlot.objects.bulk_create(
                    ActionSlot(
                        action=action,
                        slot=slot,
                        holiday_period=period,
                        starts_at=start,
                        ends_at=end,
                        expected_children=children,
                    )
                    for slot, period, start, end, children in slots
                )
                BudgetLine.objects.bulk_create(
                    BudgetLine(
                        action=action, category="personnel", year=year, amount=Decimal(amount)
                    )
                    for year, amount in budget.items()
                )
                FundingSource.objects.bulk_create(_funding(action, budget, funding))


@transaction.atomic
def seed(world) -> None:
    coordinator = world.users["coordinator"]
    officials = {
        "Sint-Truiden": world.users["official.sint-truiden"],
        "Tienen": world.users["official.tienen"],
    }
    for trajectory in world.trajectories:
        if Plan.objects.filter(trajectory=trajectory).exists():
            continue
        name = trajectory.municipality.name_nl
        plan = services.plan_create(
            trajectory=trajectory,
            title=f"PLUS-actieplan {name} {trajectory.cycle}",
            summary=(
                f"Opvang en vrije tijd voor kinderen van 5 tot 15 jaar in {name}: dicht bij "
                "school, betaalbaar en samen met de verenigingen, uitgevoerd met brugfiguren."
            ),
            by=world.users["coordinator"],
        )
        _build(plan)
        if name not in officials:
            continue  # Malle's plan stays a draft
        services.plan_submit(plan=plan, by=coordinator)
        if name == "Sint-Truiden":
            services.plan_decide(
                plan=plan,
                outcome=Decision.Outcome.CHANGES_REQUESTED,
                reason="Geef de woensdagwerking een verantwoordelijke en voeg de paasvakantie toe.",
                by=officials[name],
            )
            action = Action.objects.get(action_plan__objective__plan=plan, owner="")
            action.owner = "Sportdienst Sint-Truiden"
            services.part_save(action, expected_version=action.version)
            services.plan_submit(plan=plan, by=coordinator)
            services.plan_decide(
                plan=plan, outcome=Decision.Outcome.APPROVED, reason="", by=officials[name]
            )
