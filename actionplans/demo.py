"""Demo action plans: Sint-Truiden's approved in its second version, Tienen's in review, Malle's
a draft.

The actions run from September of the cycle's first year to the end of the school year
2026–2027 (a holiday action through its summer): Sint-Truiden's, drafted in spring 2025 and
approved in June 2025, for two school years; Tienen's and Malle's for one. Budgets are given
per school year, its autumn (September–December) and its spring (January–June) part, each
booked in its own calendar year.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

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
    PlanVersion,
)
from municipalities.models import LeisureActor, PhaseChange, Site, Trajectory
from swot.models import SwotAnalysis

T = datetime.time
PROJECT_CALL = "Projectoproep vrijetijdsparticipatie {year}"
# The school year the demo plans run to (its start year): the one under way.
LAST_SCHOOL_YEAR = 2026
# Sint-Truiden's plan history, in the order it happened: the dates of its trajectory's phase
# changes (intake, planning, review, changes requested, review, approved), which date its two
# submissions and the two decisions on them.
SINT_TRUIDEN_PHASES = [
    datetime.date(2025, 1, 13),
    datetime.date(2025, 3, 10),
    datetime.date(2025, 5, 12),
    datetime.date(2025, 5, 26),
    datetime.date(2025, 6, 2),
    datetime.date(2025, 6, 23),
]
# Malle's: intake in February 2026, its draft plan begun in October.
MALLE_PHASES = [datetime.date(2026, 2, 9), datetime.date(2026, 10, 12)]
# Tienen's: intake in January 2026, its plan begun in September, submitted in November.
TIENEN_PHASES = [
    datetime.date(2026, 1, 19),
    datetime.date(2026, 9, 14),
    datetime.date(2026, 11, 16),
]

# objective title, prioritair → [action plan title → [action: title, owner, age groups,
#   central site or None, slots (slot, period, from, to, children), budget per school year
#   (autumn part, spring part), funding]]
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
                        ("18500", "37000"),
                        [("social_employment", "26000"), ("boa", "19500"), ("municipal", "10000")],
                    ),
                    (
                        "Middagtoezicht met spel in de centrumscholen",
                        "Sofie Lambrechts",
                        ["5-10"],
                        None,
                        [("lunchtime", "", T(12, 0), T(13, 0), 60)],
                        ("6000", "12000"),
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
                        ("9000", "18000"),
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
                        ("15000", "0"),
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
                        ("4000", "8000"),
                        [("municipal", "12000")],
                    ),
                ],
            ),
        ],
    ),
]


def _budget_per_year(first_school_year: int, per_school_year: tuple) -> dict[int, str]:
    """Each calendar year's budget: the autumn of the school year starting in it and the
    spring of the one before (the years without either are left out)."""
    autumn, spring = (Decimal(amount) for amount in per_school_year)
    budget = {}
    for year in range(first_school_year, LAST_SCHOOL_YEAR + 2):
        amount = (autumn if year <= LAST_SCHOOL_YEAR else 0) + (
            spring if year > first_school_year else 0
        )
        if amount:
            budget[year] = str(amount)
    return budget


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
                    call_name=PROJECT_CALL.format(year=year) if is_call else "",
                    call_deadline=datetime.date(year + 1, 1, 15) if is_call else None,
                )
            )
    return rows


def _build(plan: Plan) -> None:
    trajectory = plan.trajectory
    sites = list(Site.objects.filter(school__trajectory=trajectory, setting="rural"))
    actors = list(LeisureActor.objects.filter(trajectory=trajectory)[:2])
    swot = trajectory.swot_analyses.filter(is_current=True).first()
    first = trajectory.cycle_start_year
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
            for title, owner, groups, central, slots, per_school_year, funding in actions:
                budget = _budget_per_year(first, per_school_year)
                in_holidays = any(slot[0] == "holidays" for slot in slots)
                action = services.part_add(
                    Action(
                        action_plan=action_plan,
                        title=title,
                        owner=owner,
                        age_groups=groups,
                        at_central_site=bool(central),
                        central_site_name=central or "",
                        starts_on=datetime.date(first, 9, 1),
                        ends_on=datetime.date(LAST_SCHOOL_YEAR + 1, 8, 31)
                        if in_holidays
                        else datetime.date(LAST_SCHOOL_YEAR + 1, 6, 30),
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
            date_history(trajectory, MALLE_PHASES)
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
            date_history(trajectory, SINT_TRUIDEN_PHASES, swot_on=datetime.date(2025, 2, 17))
        else:
            date_history(trajectory, TIENEN_PHASES)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def date_history(trajectory: Trajectory, days: list[datetime.date], *, swot_on=None) -> None:
    """Give a demo trajectory the dates its work really had instead of today's: its phase
    changes get ``days`` in their order (more changes than days keep theirs), each plan
    version the day of its move into review, each decision the day of the move out of it,
    the plan the day of the move into planning and the SWOT ``swot_on`` (or its phase's)."""
    phases = list(PhaseChange.objects.filter(trajectory=trajectory).order_by("changed_at", "pk"))
    dated = list(zip(phases, days, strict=False))
    if not dated:
        return
    for change, day in dated:
        change.started_on, change.changed_at = day, _at(day)
    PhaseChange.objects.bulk_update(
        [change for change, _day in dated], ["started_on", "changed_at"]
    )
    Phase = Trajectory.Phase
    into = {phase: [day for change, day in dated if change.phase == phase] for phase in Phase}
    out_of_review = [day for change, day in dated if change.from_phase == Phase.REVIEW]
    Trajectory.objects.filter(pk=trajectory.pk).update(created_at=_at(dated[0][1]))
    if len(dated) == len(phases):
        Trajectory.objects.filter(pk=trajectory.pk).update(phase_started_on=dated[-1][1])
    swot_on = swot_on or next(iter(into[Phase.SWOT]), None)
    if swot_on:
        SwotAnalysis.objects.filter(trajectory=trajectory).update(created_at=_at(swot_on))
    if into[Phase.PLANNING]:
        Plan.objects.filter(trajectory=trajectory).update(created_at=_at(into[Phase.PLANNING][0]))
    versions = PlanVersion.objects.filter(plan__trajectory=trajectory).order_by("number")
    for version, day in zip(list(versions), into[Phase.REVIEW], strict=False):
        PlanVersion.objects.filter(pk=version.pk).update(submitted_at=_at(day))
    decisions = Decision.objects.filter(version__plan__trajectory=trajectory)
    for decision, day in zip(
        list(decisions.order_by("decided_at", "pk")), out_of_review, strict=False
    ):
        Decision.objects.filter(pk=decision.pk).update(decided_at=_at(day))
