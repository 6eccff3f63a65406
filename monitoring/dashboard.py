"""What a municipality's dashboard shows of one trajectory: progress of the plan in force
rolled up per objective, indicators against their targets, participation per month, the
week pattern of sessions, staffing coverage and spending against the budget.

Every figure is read in a fixed number of queries, however many sessions, actions or
indicators there are: sums are grouped in the database, and the charts are drawn from them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractIsoWeekDay, TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from execution.models import ActionProgress, Attendance, ExecutionStatus, Session
from monitoring import charts, finance
from monitoring.indicators import Point, definition_of, indicator_points_for, is_behind
from monitoring.models import Indicator
from municipalities.choices import AgeGroup, Slot
from municipalities.models import Site, Trajectory
from plus_portal.templatetags.portal import euro
from staffing.ratio import staffing_rows

BY_BUDGET, EVENLY = "budget", "evenly"


# --- Progress, rolled up ---------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRollup:
    action: finance.ActionInForce
    status: str
    progress: int
    budget: Decimal

    @property
    def status_label(self) -> str:
        return str(ExecutionStatus(self.status).label)


@dataclass(frozen=True)
class Rollup:
    """A weighted progress and how it was weighted (by budget, or evenly)."""

    progress: float
    weighting: str

    @property
    def by_budget(self) -> bool:
        return self.weighting == BY_BUDGET


def roll_up(actions: list[ActionRollup]) -> Rollup:
    """The progress of several actions as one figure: each action weighs with its budget over
    the cycle, so a large action counts for more; when none of them has a budget, each action
    weighs the same. An action without budget among budgeted ones weighs nothing."""
    total = sum((action.budget for action in actions), Decimal(0))
    if total > 0:
        weighted = sum((action.budget * action.progress for action in actions), Decimal(0))
        return Rollup(float(round(weighted / total, 1)), BY_BUDGET)
    if not actions:
        return Rollup(0.0, EVENLY)
    return Rollup(round(sum(action.progress for action in actions) / len(actions), 1), EVENLY)


@dataclass(frozen=True)
class ObjectiveRollup:
    id: int
    code: str
    title: str
    actions: list[ActionRollup]

    @property
    def rollup(self) -> Rollup:
        return roll_up(self.actions)


def progress_rollup(overview: finance.FinanceOverview) -> list[ObjectiveRollup]:
    """Each objective of the plan in force with its actions' progress: one query."""
    ids = [row.action.id for row in overview.actions]
    records = {
        record["action_id"]: record
        for record in ActionProgress.objects.filter(action_id__in=ids).values(
            "action_id", "status", "progress"
        )
    }
    objectives: dict[int, ObjectiveRollup] = {}
    for row in overview.actions:
        action = row.action
        record = records.get(action.id, {})
        objective = objectives.setdefault(
            action.objective_id,
            ObjectiveRollup(action.objective_id, action.objective_code, action.objective_title, []),
        )
        objective.actions.append(
            ActionRollup(
                action=action,
                status=record.get("status", ExecutionStatus.PLANNED),
                progress=record.get("progress", 0),
                budget=row.budget,
            )
        )
    return list(objectives.values())


# --- Participation -------------------------------------------------------------------------


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


@dataclass
class Participation:
    """Children attending per month (sums over the sessions held), per age group and site."""

    months: list[datetime.date] = field(default_factory=list)
    per_age_group: dict[str, list[int]] = field(default_factory=dict)
    per_site: dict[str, list[int]] = field(default_factory=dict)


def participation(trajectory: Trajectory) -> Participation:
    """Two queries: the sums per month and site, and the sites' names."""
    rows = list(
        Attendance.objects.filter(
            session__trajectory=trajectory, session__status=Session.Status.PLANNED
        )
        .annotate(month=TruncMonth("session__day"))
        .values("month", "session__site_id")
        .annotate(young=Sum("children_5_10"), teens=Sum("children_11_15"))
        .order_by("month")
    )
    if not rows:
        return Participation()
    months = _months(rows[0]["month"], rows[-1]["month"])
    index = {month: number for number, month in enumerate(months)}
    site_ids = {row["session__site_id"] for row in rows} - {None}
    names = {
        site.pk: str(site) for site in Site.objects.filter(pk__in=site_ids).select_related("school")
    }
    young, teens = [0] * len(months), [0] * len(months)
    per_site: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    for row in rows:
        at = index[row["month"]]
        young[at] += row["young"] or 0
        teens[at] += row["teens"] or 0
        site = names.get(row["session__site_id"], _("Central site"))
        per_site[site][at] += (row["young"] or 0) + (row["teens"] or 0)
    return Participation(
        months=months,
        per_age_group={AgeGroup.CHILDREN.label: young, AgeGroup.TEENS.label: teens},
        per_site=dict(sorted(per_site.items())),
    )


# --- Week pattern -------------------------------------------------------------------------


WEEKDAYS = [1, 2, 3, 4, 5, 6, 7]


def week_pattern(trajectory: Trajectory) -> tuple[list[str], list[list[int]]]:
    """Sessions held (not cancelled, attendance recorded) per slot and weekday: one query.
    Returns the slots that have any, in the slots' order, with a count per ISO weekday."""
    counts = (
        Session.objects.filter(
            trajectory=trajectory, status=Session.Status.PLANNED, attendance__isnull=False
        )
        .annotate(weekday=ExtractIsoWeekDay("day"))
        .values("slot", "weekday")
        .annotate(sessions=Count("pk"))
        .order_by()
    )
    grid: dict[str, list[int]] = {}
    for row in counts:
        grid.setdefault(row["slot"], [0] * 7)[row["weekday"] - 1] += row["sessions"]
    slots = [slot for slot in Slot.values if slot in grid]
    return slots, [grid[slot] for slot in slots]


# --- Staffing coverage ---------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    rows: int
    covered: int
    short: list

    @property
    def share(self) -> float | None:
        return round(100 * self.covered / self.rows, 1) if self.rows else None


def staffing_coverage(trajectory: Trajectory, *, on: datetime.date) -> Coverage:
    rows = staffing_rows(trajectory, on=on)
    short = [row for row in rows if row.is_short]
    return Coverage(rows=len(rows), covered=len(rows) - len(short), short=short)


# --- Indicators ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorChart:
    indicator: Indicator
    points: list[Point]
    behind: bool
    chart: charts.Chart

    @property
    def definition(self) -> str:
        return definition_of(self.indicator)


def indicator_charts(trajectory: Trajectory, *, font_family=None) -> list[IndicatorChart]:
    indicators = list(
        Indicator.objects.filter(objective__plan__trajectory=trajectory).select_related("objective")
    )
    points = indicator_points_for(indicators)
    return [
        IndicatorChart(
            indicator=indicator,
            points=points.get(indicator.pk, []),
            behind=is_behind(points.get(indicator.pk, []), indicator.direction),
            chart=indicator_chart(indicator, points.get(indicator.pk, []), font_family),
        )
        for indicator in indicators
    ]


def indicator_chart(indicator: Indicator, points: list[Point], font_family=None) -> charts.Chart:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return charts.line_chart(
        f"indicator-{indicator.pk}",
        _("%(name)s: target and result per year") % {"name": indicator.name},
        [str(point.year) for point in points],
        [
            charts.Series(_("Target") + unit, [p.target for p in points], "#6c757d", dashed=True),
            charts.Series(_("Result") + unit, [p.actual for p in points], "#1f4e79"),
        ],
        first_column=_("Year"),
        empty=_("No targets or results yet."),
        font_family=font_family,
    )


# --- The whole dashboard ------------------------------------------------------------------


@dataclass
class Dashboard:
    trajectory: Trajectory
    finance: finance.FinanceOverview
    objectives: list[ObjectiveRollup]
    total: Rollup
    indicators: list[IndicatorChart]
    coverage: Coverage
    charts: dict[str, charts.Chart]

    @property
    def version(self):
        return self.finance.version


def _month_label(month: datetime.date) -> str:
    return formats.date_format(month, "M Y")


def build_dashboard(
    trajectory: Trajectory, *, today: datetime.date, font_family: str | None = None
) -> Dashboard:
    """Every figure and chart of a trajectory's dashboard, in a fixed number of queries."""
    money = finance.finance_overview(trajectory, today=today)
    objectives = progress_rollup(money)
    total = roll_up([action for objective in objectives for action in objective.actions])
    taking_part = participation(trajectory)
    slots, counts = week_pattern(trajectory)
    coverage = staffing_coverage(trajectory, on=today)
    months = [_month_label(month) for month in taking_part.months]
    per_year = money.per_year
    drawn = {
        "progress": charts.progress_bars(
            "progress",
            _("Progress per objective"),
            [(f"{o.code} {o.title}", o.rollup.progress) for o in objectives],
            first_column=_("Objective"),
            value_column=_("Progress"),
            empty=_("The plan in force has no actions."),
            font_family=font_family,
        ),
        "age_groups": charts.line_chart(
            "age-groups",
            _("Children attending per month, per age group"),
            months,
            [charts.Series(label, values) for label, values in taking_part.per_age_group.items()],
            first_column=_("Month"),
            empty=_("No attendance recorded yet."),
            font_family=font_family,
        ),
        "sites": charts.line_chart(
            "sites",
            _("Children attending per month, per site"),
            months,
            [charts.Series(label, values) for label, values in taking_part.per_site.items()],
            first_column=_("Month"),
            empty=_("No attendance recorded yet."),
            font_family=font_family,
        ),
        "week": charts.heatmap(
            "week",
            _("Sessions held per slot and weekday"),
            [str(Slot(slot).label) for slot in slots],
            [str(formats.date_format(_monday_plus(day), "D")) for day in range(7)],
            counts,
            first_column=_("Slot"),
            empty=_("No sessions held yet."),
            font_family=font_family,
        ),
        "spending": charts.bar_chart(
            "spending",
            _("Spending against the budget per year"),
            [str(year.year) for year in per_year],
            [
                charts.Series(_("Budget"), [year.budget for year in per_year], "#6c757d"),
                charts.Series(_("Spent"), [year.spent for year in per_year], "#1f4e79"),
            ],
            fmt=_euro,
            first_column=_("Year"),
            empty=_("No budget or spending yet."),
            font_family=font_family,
        ),
    }
    return Dashboard(
        trajectory=trajectory,
        finance=money,
        objectives=objectives,
        total=total,
        indicators=indicator_charts(trajectory, font_family=font_family),
        coverage=coverage,
        charts=drawn,
    )


def _monday_plus(days: int) -> datetime.date:
    # 3 January 2022 was a Monday: any Monday gives the weekday names in the active language.
    return datetime.date(2022, 1, 3) + datetime.timedelta(days=days)


def _euro(amount) -> str:
    return euro(Decimal(amount).quantize(Decimal(1))) if amount is not None else "—"
