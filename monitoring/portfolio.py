"""IN-Z's portfolio: every municipality a coordinator coordinates (an administrator: all of
them) with its phase, its plan's status and what needs action by when, a comparison of the
same computed indicators across municipalities, and the weaknesses several SWOT analyses share.

Everything is read in bulk, a fixed number of queries however many trajectories there are
(about twenty); the rules themselves stay where they live (the review in ``actionplans``, the
comments' to-do in ``plus_portal``, the workers' alerts in ``staffing.rules``, the attendance
deadline in ``execution.records``, an indicator being behind in ``monitoring.indicators``):
this module only loads what they read and asks them per row.
"""

import datetime
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from actionplans.models import Action, Decision, FundingSource, Objective, Plan, PlanVersion
from execution.records import missing_attendance
from monitoring import indicators
from monitoring.models import Indicator
from municipalities.filters import TrajectoryPlaceFilter
from municipalities.models import CooperationAgreement, Trajectory
from plus_portal.data_state import data_state
from plus_portal.models import Comment, User
from staffing import rules
from staffing.models import Worker
from swot.models import Quadrant, SwotItem

#: The windows (in days) a reader may choose for how far ahead deadlines are shown: subsidy
#: calls, contracts, cooperation agreements and planning cycles ending. Without a choice the
#: page shows ``settings.PLUS_PORTFOLIO_HORIZON_DAYS``.
HORIZON_CHOICES = (30, 60, 90)
#: The intake section of the cooperation agreements (``municipalities.sections``).
AGREEMENTS_SECTION = "agreements"
#: The computed indicators the comparison puts side by side (those some municipality uses):
#: reach, its vulnerable share, sessions held and the staff ratio say most about the work.
COMPARED_KEYS = (
    "children_reached_5_10",
    "children_reached_11_15",
    "vulnerable_share",
    "sessions_held",
    "ratio_met",
)
#: A weakness is recurring from this many municipalities up.
RECURRING_FROM = 2
#: The apps whose records the indicators' points are measured from.
POINTS_APPS = ("execution", "monitoring", "actionplans", "municipalities")
POINTS_CACHE_SECONDS = 60 * 60
#: Where an indicator behind its target is dealt with.
INDICATORS_PAGE = "indicators:list"


class Kind:
    """The kinds of alert, in the order the page explains them."""

    DECISION_AWAITED = "decision_awaited"
    CHANGES_REQUESTED = "changes_requested"
    REMARKS = "remarks"
    SUBSIDY_DEADLINE = "subsidy_deadline"
    WORKER_TRAJECTORY_ENDING = "worker_trajectory_ending"
    CONTRACT_ENDING = "contract_ending"
    POP_DUE = "pop_due"
    ATTENDANCE_MISSING = "attendance_missing"
    INDICATOR_BEHIND = "indicator_behind"
    AGREEMENT_ENDING = "agreement_ending"
    TRAJECTORY_ENDING = "trajectory_ending"


@dataclass(frozen=True)
class Alert:
    """Something to do in one municipality: what, by when (or since when, once overdue), and
    the page that resolves it."""

    trajectory: Trajectory
    kind: str
    text: str
    due: datetime.date | None
    url: str


@dataclass
class Row:
    trajectory: Trajectory
    plan: Plan | None
    #: The number of the version in force (the newest approved one), if any.
    version_in_force: int | None
    alerts: list[Alert] = field(default_factory=list)

    @property
    def amendment_in_progress(self) -> bool:
        """An approved version is in force while a newer one is being made or reviewed."""
        return (
            self.plan is not None
            and self.version_in_force is not None
            and self.plan.status != Plan.Status.APPROVED
        )

    @property
    def next_due(self) -> datetime.date | None:
        dates = [alert.due for alert in self.alerts if alert.due is not None]
        return min(dates) if dates else None


@dataclass(frozen=True)
class Cell:
    actual: Decimal | None
    target: Decimal | None
    behind: bool
    unit: str


@dataclass(frozen=True)
class Comparison:
    year: int
    #: (computed key, label) per column.
    columns: list[tuple[str, str]]
    #: (trajectory, [Cell | None per column]) for each municipality with at least one value.
    rows: list[tuple[Trajectory, list]]


@dataclass(frozen=True)
class RecurringWeakness:
    """The same kind of weakness in several municipalities' current SWOT analyses."""

    kind: str
    theme: str
    statement: str
    #: (trajectory, item) per municipality, by municipality name.
    occurrences: list[tuple[Trajectory, SwotItem]]


@dataclass(frozen=True)
class Portfolio:
    rows: list[Row]
    alerts: list[Alert]
    comparison: Comparison
    recurring: list[RecurringWeakness]
    #: How many days ahead deadlines are shown.
    horizon_days: int


def default_horizon_days() -> int:
    return settings.PLUS_PORTFOLIO_HORIZON_DAYS


def horizon_choices() -> list[int]:
    """The windows a reader may choose: ``HORIZON_CHOICES`` and the configured default."""
    return sorted({*HORIZON_CHOICES, default_horizon_days()})


def portfolio_trajectories(user: User, filters: dict):
    """The trajectories the portfolio lists: those the user may see, narrowed by province and
    phase (``filters`` is the filter form's cleaned data)."""
    visible = Trajectory.objects.visible_to(user)
    trajectories = TrajectoryPlaceFilter(filters, queryset=visible).qs
    return trajectories.select_related("municipality", "plan").order_by(
        "municipality__name_nl", "-cycle_start_year", "pk"
    )


def portfolio_for(
    user: User, filters: dict, *, today: datetime.date, horizon_days: int | None = None
) -> Portfolio:
    """The whole portfolio page for ``user`` on ``today``, deadlines shown ``horizon_days``
    ahead (by default ``settings.PLUS_PORTFOLIO_HORIZON_DAYS``): a fixed number of queries."""
    horizon_days = horizon_days or default_horizon_days()
    horizon = datetime.timedelta(days=horizon_days)
    trajectories = list(portfolio_trajectories(user, filters))
    by_pk = {trajectory.pk: trajectory for trajectory in trajectories}
    versions = _versions(by_pk)
    rows = {
        pk: Row(trajectory=t, plan=_plan_of(t), version_in_force=versions.get(pk, {}).get("in"))
        for pk, t in by_pk.items()
    }
    alerts = [
        *_review_alerts(rows.values(), versions),
        *_remark_alerts(user, by_pk),
        *_subsidy_alerts(by_pk, today, horizon),
        *_worker_alerts(by_pk, today, horizon),
        *_attendance_alerts(user, by_pk, today),
        *_agreement_alerts(by_pk, today, horizon),
        *_trajectory_alerts(by_pk, today, horizon),
    ]
    measured, points = _indicator_points(by_pk, today)
    alerts += _indicator_alerts(measured, points, by_pk, today)
    alerts.sort(key=_urgency)
    for alert in alerts:
        rows[alert.trajectory.pk].alerts.append(alert)
    return Portfolio(
        rows=list(rows.values()),
        alerts=alerts,
        comparison=_comparison(measured, points, by_pk, today.year),
        recurring=recurring_weaknesses(by_pk),
        horizon_days=horizon_days,
    )


def _urgency(alert: Alert):
    return (
        alert.due or datetime.date.max,
        alert.trajectory.municipality.name_nl,
        alert.kind,
        alert.text,
    )


def _plan_of(trajectory: Trajectory) -> Plan | None:
    try:
        return trajectory.plan
    except Plan.DoesNotExist:
        return None


# ---------------------------------------------------------------------------------------------
# Review


def _versions(by_pk: dict) -> dict[int, dict]:
    """Per trajectory: the number of its version in force and when its newest version was
    submitted (one query). In force is the newest approved version, as
    ``PlanVersion.objects.in_force`` says."""
    approved = Q(decisions__outcome=Decision.Outcome.APPROVED)
    found = (
        PlanVersion.objects.filter(plan__trajectory__in=list(by_pk))
        .values("plan__trajectory_id")
        .annotate(in_force=Max("number", filter=approved), submitted=Max("submitted_at"))
    )
    return {
        row["plan__trajectory_id"]: {"in": row["in_force"], "submitted": row["submitted"]}
        for row in found
    }


def _review_alerts(rows, versions: dict) -> list[Alert]:
    """A plan waiting for the municipality's decision (IN-Z follows it up) and a plan sent back
    with changes requested (IN-Z's turn), each since its last submission."""
    alerts = []
    for row in rows:
        if row.plan is None or row.plan.status not in (
            Plan.Status.IN_REVIEW,
            Plan.Status.CHANGES_REQUESTED,
        ):
            continue
        submitted = versions.get(row.trajectory.pk, {}).get("submitted")
        since = submitted.date() if submitted else None
        url = reverse("actionplans:plan", kwargs={"trajectory_pk": row.trajectory.pk})
        if row.plan.status == Plan.Status.IN_REVIEW:
            alerts.append(
                Alert(
                    row.trajectory, Kind.DECISION_AWAITED, _("Plan awaits a decision"), since, url
                )
            )
        else:
            alerts.append(
                Alert(
                    row.trajectory,
                    Kind.CHANGES_REQUESTED,
                    _("Changes requested in the plan"),
                    row.plan.updated_at.date(),
                    url,
                )
            )
    return alerts


def _remark_alerts(user: User, by_pk: dict) -> list[Alert]:
    """Officials' remarks nobody of IN-Z answered yet (the inbox's to-do), counted per
    trajectory, since the oldest (one query)."""
    waiting = (
        Comment.objects.awaiting_reply()
        .filter(trajectory__in=list(by_pk))
        .values("trajectory_id")
        .annotate(count=Count("pk", distinct=True), oldest=Min("created_at"))
    )
    url = reverse("inbox")
    return [
        Alert(
            by_pk[row["trajectory_id"]],
            Kind.REMARKS,
            _("%(count)d remark(s) awaiting a reply") % {"count": row["count"]},
            row["oldest"].date(),
            url,
        )
        for row in waiting
    ]


# ---------------------------------------------------------------------------------------------
# Subsidies


def _subsidy_alerts(by_pk: dict, today: datetime.date, horizon: datetime.timedelta) -> list[Alert]:
    """Subsidy calls of actions still in the plan closing within ``horizon`` (one query)."""
    actions = Action.objects.active().filter(
        action_plan__objective__plan__trajectory__in=list(by_pk)
    )
    sources = (
        FundingSource.objects.filter(
            action__in=actions, call_deadline__range=(today, today + horizon)
        )
        .values("action__action_plan__objective__plan__trajectory_id", "call_name", "call_deadline")
        .annotate(count=Count("pk"))
        .order_by("call_deadline", "call_name")
    )
    alerts = []
    for row in sources:
        pk = row["action__action_plan__objective__plan__trajectory_id"]
        alerts.append(
            Alert(
                by_pk[pk],
                Kind.SUBSIDY_DEADLINE,
                _("Subsidy call closes: %(call)s")
                % {"call": row["call_name"] or _("(call without a name)")},
                row["call_deadline"],
                reverse("actionplans:plan", kwargs={"trajectory_pk": pk}),
            )
        )
    return alerts


# ---------------------------------------------------------------------------------------------
# Staff


def _worker_alerts(by_pk: dict, today: datetime.date, horizon: datetime.timedelta) -> list[Alert]:
    """The staffing rules' alerts (``staffing.rules.worker_alerts``) of every worker placed in
    these trajectories today, shown in each municipality they work in, and their contracts
    ending within ``horizon`` (three queries)."""
    running = rules.running_placements(list(by_pk), on=today)
    workers = (
        Worker.objects.filter(outcome="", placements__in=running)
        .distinct()
        .select_related("pop")
        .prefetch_related(
            "milestones",
            Prefetch("placements", queryset=running, to_attr="running_placements"),
        )
    )
    alerts = []
    for worker in workers:
        due = rules.worker_alerts(worker, today=today)
        url = reverse("staffing:worker", kwargs={"pk": worker.pk})
        found = []
        if due.ending_soon:
            found.append(
                (Kind.WORKER_TRAJECTORY_ENDING, _("%(name)s: work trajectory ends"), due.max_end)
            )
        if worker.contract_ends_on and worker.contract_ends_on <= today + horizon:
            found.append(
                (Kind.CONTRACT_ENDING, _("%(name)s: contract ends"), worker.contract_ends_on)
            )
        if due.pop_overdue:
            found.append(
                (Kind.POP_DUE, _("%(name)s: first POP overdue"), rules.pop_deadline(worker))
            )
        elif due.pop_due:
            found.append(
                (Kind.POP_DUE, _("%(name)s: POP review due"), _next_evaluation(worker, today))
            )
        name = f"{worker.first_name} {worker.last_name}"
        for trajectory_id in sorted({p.trajectory_id for p in worker.running_placements}):
            alerts += [
                Alert(by_pk[trajectory_id], kind, text % {"name": name}, day, url)
                for kind, text, day in found
            ]
    return alerts


def _next_evaluation(worker: Worker, today: datetime.date) -> datetime.date | None:
    """The POP is reviewed before the coming evaluation: that is its date (read from the
    prefetched milestones, as ``rules.pop_review_due`` does)."""
    coming = [
        m.planned_on
        for m in worker.milestones.all()
        if m.kind == m.Kind.EVALUATION and m.planned_on and m.planned_on >= today and not m.done_on
    ]
    return min(coming) if coming else None


# ---------------------------------------------------------------------------------------------
# Cooperation agreements and planning cycles


def _agreement_alerts(
    by_pk: dict, today: datetime.date, horizon: datetime.timedelta
) -> list[Alert]:
    """Cooperation agreements (in preparation or signed) whose period ends between today and
    ``horizon`` from now, unless a signed agreement of the same trajectory runs on after it
    (the renewal is done); one query for all trajectories. An agreement whose end has passed
    is no longer shown: marking it ended, or renewing it, is the intake's business."""
    renewed = CooperationAgreement.objects.filter(
        trajectory=OuterRef("trajectory"),
        status=CooperationAgreement.Status.SIGNED,
        ends_on__gt=OuterRef("ends_on"),
    )
    ending = (
        CooperationAgreement.objects.filter(
            trajectory__in=list(by_pk), ends_on__range=(today, today + horizon)
        )
        .exclude(status=CooperationAgreement.Status.ENDED)
        .exclude(Exists(renewed))
        .only("pk", "trajectory_id", "status", "starts_on", "ends_on")
        .order_by("ends_on", "pk")
    )
    return [
        Alert(
            by_pk[agreement.trajectory_id],
            Kind.AGREEMENT_ENDING,
            _("Cooperation agreement ends: %(agreement)s") % {"agreement": agreement},
            agreement.ends_on,
            reverse(
                "municipalities:record_detail",
                kwargs={
                    "pk": agreement.trajectory_id,
                    "section": AGREEMENTS_SECTION,
                    "record_pk": agreement.pk,
                },
            ),
        )
        for agreement in ending
    ]


def _trajectory_alerts(
    by_pk: dict, today: datetime.date, horizon: datetime.timedelta
) -> list[Alert]:
    """Trajectories whose planning cycle ends (on 31 December of its last year) between today
    and ``horizon`` from now while the municipality has no later trajectory among these: the
    next cycle is to be started (no query; read from the trajectories already loaded)."""
    last_start = defaultdict(int)
    for trajectory in by_pk.values():
        municipality = trajectory.municipality_id
        last_start[municipality] = max(last_start[municipality], trajectory.cycle_start_year)
    alerts = []
    for trajectory in by_pk.values():
        ends_on = datetime.date(trajectory.cycle_end_year, 12, 31)
        if not today <= ends_on <= today + horizon:
            continue
        if last_start[trajectory.municipality_id] > trajectory.cycle_end_year:
            continue
        alerts.append(
            Alert(
                trajectory,
                Kind.TRAJECTORY_ENDING,
                _("Planning cycle %(cycle)s ends") % {"cycle": trajectory.cycle},
                ends_on,
                reverse("municipalities:trajectory_detail", kwargs={"pk": trajectory.pk}),
            )
        )
    return alerts


# ---------------------------------------------------------------------------------------------
# Attendance


def _attendance_alerts(user: User, by_pk: dict, today: datetime.date) -> list[Alert]:
    """Sessions past their attendance deadline without attendance
    (``execution.records.missing_attendance``), counted per trajectory in one query."""
    missing = (
        missing_attendance(user, today)
        .filter(trajectory__in=list(by_pk))
        .values("trajectory_id")
        .annotate(count=Count("pk"), oldest=Min("day"))
    )
    url = reverse("followup:missing_attendance")
    return [
        Alert(
            by_pk[row["trajectory_id"]],
            Kind.ATTENDANCE_MISSING,
            _("%(count)d session(s) without attendance") % {"count": row["count"]},
            row["oldest"],
            url,
        )
        for row in missing
    ]


# ---------------------------------------------------------------------------------------------
# Indicators


def _indicator_points(by_pk: dict, today: datetime.date) -> tuple[list[Indicator], dict]:
    """The indicators of objectives still in these plans with their points per year, read by
    ``indicators.indicator_points_for`` in a fixed number of queries.

    Measuring a school year of sessions of 285 municipalities is most of the page's time, so
    the points are cached by what they are measured from (``POINTS_APPS``' data state, one
    query), the day and the indicators: the same for every user who sees them."""
    objectives = Objective.objects.active().filter(plan__trajectory__in=list(by_pk))
    found = list(
        Indicator.objects.filter(objective__in=objectives)
        .select_related("objective__plan")
        .order_by("pk")
    )
    if not found:
        return found, {}
    measured_from = ":".join(
        [today.isoformat(), ",".join(str(i.pk) for i in found), data_state(*POINTS_APPS)]
    )
    key = "portfolio-points:" + hashlib.sha256(measured_from.encode()).hexdigest()
    points = cache.get(key)
    if points is None:
        points = indicators.indicator_points_for(found)
        cache.set(key, points, POINTS_CACHE_SECONDS)
    return found, points


def _indicator_alerts(
    found: list[Indicator], points: dict, by_pk: dict, today: datetime.date
) -> list[Alert]:
    """Indicators behind their target (``indicators.is_behind``), due by the end of the year
    whose target they miss."""
    alerts = []
    for indicator in found:
        if not indicators.is_behind(points.get(indicator.pk, []), indicator.direction):
            continue
        trajectory_id = indicator.objective.plan.trajectory_id
        alerts.append(
            Alert(
                by_pk[trajectory_id],
                Kind.INDICATOR_BEHIND,
                _("Indicator behind target: %(name)s") % {"name": indicator.name},
                datetime.date(today.year, 12, 31),
                _indicator_url(trajectory_id),
            )
        )
    return alerts


def _indicator_url(trajectory_id: int) -> str:
    """The trajectory's indicators page, where targets and results are set."""
    try:
        return reverse(INDICATORS_PAGE, kwargs={"trajectory_pk": trajectory_id})
    except NoReverseMatch:
        return reverse("actionplans:plan", kwargs={"trajectory_pk": trajectory_id})


def _comparison(found: list[Indicator], points: dict, by_pk: dict, year: int) -> Comparison:
    """The same computed indicators side by side: per municipality, this year's result and
    target of its indicator with that key (the first one, if several objectives carry it).
    The columns are the ``COMPARED_KEYS`` any of these municipalities uses."""
    used = {indicator.computed_key for indicator in found}
    columns = [
        (key, str(indicators.DEFINITIONS[key].name))
        for key in COMPARED_KEYS
        if key in used and key in indicators.DEFINITIONS
    ]
    keys = [key for key, _label in columns]
    cells: dict[int, dict] = defaultdict(dict)
    trajectories = {}
    for indicator in found:
        if indicator.computed_key not in keys:
            continue
        trajectory = by_pk[indicator.objective.plan.trajectory_id]
        trajectories[trajectory.pk] = trajectory
        if indicator.computed_key in cells[trajectory.pk]:
            continue
        its_points = points.get(indicator.pk, [])
        point = next((p for p in its_points if p.year == year), None)
        cells[trajectory.pk][indicator.computed_key] = Cell(
            actual=point.actual if point else None,
            target=point.target if point else None,
            behind=indicators.is_behind(its_points, indicator.direction),
            unit=indicator.unit,
        )
    rows = [
        (trajectory, [cells[pk].get(key) for key in keys])
        for pk, trajectory in sorted(
            trajectories.items(), key=lambda item: item[1].municipality.name_nl
        )
    ]
    return Comparison(year=year, columns=columns, rows=rows)


# ---------------------------------------------------------------------------------------------
# Recurring weaknesses


def weakness_kind(item: SwotItem) -> str:
    """What makes two weaknesses "the same kind".

    A weakness taken up from a suggestion computed from the intake carries that suggestion's
    key (``indicator_key``), e.g. ``site-no-after-school:17`` or
    ``care-per-100:5_10:area:4``; its numeric parts name the municipality's own site, school
    or area, so the kind is the key without them (``site-no-after-school``,
    ``care-per-100:5_10:area``). A weakness typed in by hand has no key: its kind is its theme
    with its statement normalised (case, accents, punctuation and spacing ignored), so the
    same sentence written in two municipalities is the same kind, while rephrasings are not.
    """
    if item.indicator_key:
        parts = [part for part in item.indicator_key.split(":") if not part.isdigit()]
        return "key:" + ":".join(parts)
    return f"text:{item.theme}:{normalised_statement(item.statement)}"


def normalised_statement(statement: str) -> str:
    decomposed = unicodedata.normalize("NFKD", statement.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def recurring_weaknesses(by_pk: dict) -> list[RecurringWeakness]:
    """Weaknesses of the same kind (``weakness_kind``) in the current, not parked SWOT items of
    at least ``RECURRING_FROM`` of these municipalities, the most widespread first (one
    query)."""
    items = (
        SwotItem.objects.filter(
            analysis__trajectory__in=list(by_pk),
            analysis__is_current=True,
            quadrant=Quadrant.WEAKNESS,
            is_parked=False,
        )
        .only("pk", "analysis_id", "analysis__trajectory_id", "theme", "statement", "indicator_key")
        .select_related("analysis")
        .order_by("pk")
    )
    grouped: dict[str, dict[int, SwotItem]] = defaultdict(dict)
    for item in items:
        grouped[weakness_kind(item)].setdefault(item.analysis.trajectory_id, item)
    recurring = []
    for kind, per_trajectory in grouped.items():
        if len(per_trajectory) < RECURRING_FROM:
            continue
        occurrences = sorted(
            ((by_pk[pk], item) for pk, item in per_trajectory.items()),
            key=lambda pair: pair[0].municipality.name_nl,
        )
        first = occurrences[0][1]
        recurring.append(
            RecurringWeakness(
                kind=kind,
                theme=first.get_theme_display(),
                statement=first.statement,
                occurrences=occurrences,
            )
        )
    return sorted(recurring, key=lambda r: (-len(r.occurrences), r.theme, r.statement))
