"""Demo staff: fifteen workers across the demo municipalities, each with a valid POP (two
improvement actions). Alerts where they are really due: one LDE trajectory ends within six
months, one IMW attest expires within a year, one collective work-support package is
re-evaluated soon, one POP was not reviewed since the last evaluation, and one slot is left
under the staff ratio."""

import datetime
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from actionplans.models import Action
from municipalities.models import CooperationAgreement
from staffing.models import (
    LDE_LAST_START,
    Availability,
    Competence,
    DevelopmentPlan,
    ImprovementAction,
    Milestone,
    Placement,
    PlacementSlot,
    Training,
    Worker,
    WorkerCompetence,
    imw_attest_max_end,
)

COMPETENCES = [
    "Kinderopvang",
    "Activiteiten begeleiden",
    "Oudercontact",
    "Taalondersteuning",
    "EHBO",
    "Sport en spel",
]

# Collective customised work: the package VDAB set (wage premium % and coaching level).
PACKAGES = ["40 laag", "45 midden", "60 hoog", "50 midden"]
# The workers whose alert is due: IMW attest, package re-evaluation, POP review.
ATTEST_DUE, REEVALUATION_DUE, POP_DUE = "Claes", "Demir", "Janssens"

# first, last name, function, regime, languages, years into the trajectory
WORKERS = [
    ("Ahmed", "Benali", "bridge_figure", "lde", ["nl", "ar", "ber"], 4.7),
    ("Fatma", "Yilmaz", "bridge_figure", "lde", ["nl", "tr"], 3),
    ("Kevin", "Martens", "bko_support", "imw", ["nl"], 1),
    ("Sara", "Janssens", "bridge_figure", "imw", ["nl", "fr"], 2),
    ("Ilse", "Vermeulen", "project_worker", "collective", ["nl", "en"], 1.5),
    ("Oksana", "Kovalenko", "bridge_figure", "imw", ["nl", "uk", "ru"], 0.5),
    ("Jonas", "Peeters", "bko_support", "lde", ["nl"], 2.5),
    ("Nadia", "El Amrani", "bridge_figure", "collective", ["nl", "ar", "fr"], 1),
    ("Tom", "Claes", "bko_support", "imw", ["nl"], 3.5),
    ("Maria", "Popescu", "bridge_figure", "imw", ["nl", "ro"], 0.8),
    ("Yusuf", "Demir", "bko_support", "collective", ["nl", "tr"], 2),
    ("Lotte", "Wouters", "bridge_figure", "imw", ["nl", "en"], 1.2),
    ("Abdi", "Warsame", "bko_support", "collective", ["nl", "so"], 0.3),
    ("Eva", "Maes", "project_worker", "imw", ["nl", "fr"], 2.2),
    ("Piotr", "Nowak", "bko_support", "imw", ["nl", "pl"], 1.1),
]


@transaction.atomic
def seed(world) -> None:
    if Worker.objects.exists():
        return
    today = timezone.localdate()
    competences = [Competence.objects.get_or_create(name=name)[0] for name in COMPETENCES]
    trajectories = list(world.trajectories)
    for trajectory in trajectories:
        CooperationAgreement.objects.filter(trajectory=trajectory).update(
            agreed_fte=Decimal("1.50"), includes_project_worker=True
        )
    workers = []
    for index, (first, last, function, regime, languages, years) in enumerate(WORKERS):
        trajectory = trajectories[index % len(trajectories)]
        started = today - datetime.timedelta(days=round(years * 365.25))
        extra = {}
        if regime == "lde":
            # No new LDE employment after 30 June 2023: demo LDE workers were employed by then.
            started = min(started, LDE_LAST_START)
        elif regime == "imw":
            attest_on = started - datetime.timedelta(days=30)
            if last == ATTEST_DUE:
                attest_on = today - datetime.timedelta(days=round(4.6 * 365.25))
            extra = {"vdab_attest_on": attest_on, "vdab_valid_until": imw_attest_max_end(attest_on)}
        elif regime == "collective":
            extra = {
                "support_package": PACKAGES[index % len(PACKAGES)],
                # The package holds at most five years from hiring, then VDAB re-evaluates it.
                "reevaluation_on": today + datetime.timedelta(days=60)
                if last == REEVALUATION_DUE
                else imw_attest_max_end(started),
            }
        worker = Worker.objects.create(
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower().replace(' ', '')}@demo.in-z.be",
            function=function,
            regime=regime,
            languages=languages,
            age_group_experience=["5-10"] if index % 3 else ["5-10", "11-15"],
            home_municipality=trajectory.municipality,
            contract_starts_on=started,
            # An IMW contract has at least 24 hours a week (IMW_MIN_HOURS_PER_WEEK).
            hours_per_week=Decimal("30.4") if index % 2 or regime == "imw" else Decimal("19"),
            trajectory_starts_on=started,
            **({"vdab_attest_on": started - datetime.timedelta(days=30)} | extra),
        )
        workers.append((worker, trajectory))
        for competence in competences[index % 3 : index % 3 + 3]:
            WorkerCompetence.objects.create(worker=worker, competence=competence, level=2)
        for day in range(5):
            Availability.objects.create(
                worker=worker,
                weekday=day,
                starts_at=datetime.time(11, 30),
                ends_at=datetime.time(18, 30),
            )
        # Reviewed since the last evaluation and shortly before the coming one, except for the
        # worker whose review is really due.
        held = today - datetime.timedelta(days=200) if years > 1 else None
        reviewed = (
            today - datetime.timedelta(days=250)
            if last == POP_DUE
            else today - datetime.timedelta(days=5)
        )
        pop = DevelopmentPlan.objects.create(
            worker=worker,
            current_competences="Begeleidt groepen kinderen; contact met ouders groeit.",
            target_competences="Zelfstandig een naschoolse werking dragen.",
            reviewed_on=max(reviewed, started),
        )
        ImprovementAction.objects.create(
            pop=pop,
            description="Opleiding kinderbegeleider volgen",
            owner="Joris Claes",
            due_on=today + datetime.timedelta(days=120),
        )
        ImprovementAction.objects.create(
            pop=pop,
            description="Oudergesprekken mee voeren",
            owner=first,
            due_on=today + datetime.timedelta(days=60),
        )
        Milestone.objects.create(worker=worker, kind="pop_made", done_on=started)
        if held:
            Milestone.objects.create(worker=worker, kind="evaluation", done_on=held)
        Milestone.objects.create(
            worker=worker, kind="evaluation", planned_on=today + datetime.timedelta(days=20)
        )
        Training.objects.create(
            worker=worker,
            kind="course",
            title="EHBO bij kinderen",
            hours=Decimal("8"),
            taken_on=started + datetime.timedelta(days=90),
        )
    # Place most workers on the after-school actions of their municipality's plan, from the
    # start of its first school year or their hiring, whichever came later; the
    # Wednesday action in Sint-Truiden keeps too few staff, as a slot under the ratio.
    placed_in = Counter()
    for worker, trajectory in workers[:12]:
        action = (
            Action.objects.filter(
                action_plan__objective__plan__trajectory=trajectory,
                slots__slot="after_school",
            )
            .prefetch_related("sites")
            .first()
        )
        if action is None:
            continue
        sites = list(action.sites.all())
        # Each municipality's workers spread over its sites, one site after the other.
        site = sites[placed_in[trajectory.pk] % len(sites)] if sites else None
        placed_in[trajectory.pk] += 1
        placement = Placement.objects.create(
            worker=worker,
            trajectory=trajectory,
            site=site,
            central_site_name="" if site else action.central_site_name,
            # From the first school year of the plan (Sint-Truiden's began in September 2025),
            # or from the day the worker was hired.
            starts_on=max(
                datetime.date(trajectory.cycle_start_year, 9, 1), worker.contract_starts_on
            ),
            hours_per_week=Decimal("12.5"),
        )
        placement.actions.set([action])
        PlacementSlot.objects.bulk_create(
            PlacementSlot(
                placement=placement,
                weekday=day,
                starts_at=datetime.time(15, 30),
                ends_at=datetime.time(18, 0),
            )
            for day in (0, 1, 3, 4)
        )
