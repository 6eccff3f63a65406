"""The yearly progress report: a frozen, hashed snapshot of a period, rendered to PDF in the
background, downloaded through an access check, commented on and accepted by the municipality.

Made like the plan PDF (``actionplans.reports``, whose WeasyPrint machinery — the print
stylesheet with our fonts, the fetcher that serves static files only, the running header —
is reused here): the request freezes the period's figures in ``ProgressReport.snapshot``
with its SHA-256, creates the row and queues ``render_progress_report`` once the transaction
commits; the task claims the row with a conditional UPDATE and renders from the snapshot
only, so a PDF made again next year reads exactly as the first one.

Rules chosen here (the report says them to its reader):

- The period is a school year (1 September – 31 August) or a calendar year.
- Figures that have an indicator definition (children reached, vulnerable share, active
  partners) are measured with it (``monitoring.indicators``), so the report and the
  dashboard never disagree.
- Staffing is counted on the period's last day (or today, if that is earlier): numbers of
  staff and FTE per site, never names (the report is public, DESIGN §3).
- A story is told if its consent was recorded between the start of the period and the day
  the report is made: stories are often collected while the report is written.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actionplans.background import BackgroundPdf
from actionplans.models import FundingSource
from actionplans.reports import (
    FONT,
    GENERIC_FAILURE,
    ReportError,
    css_string,
    render_pdf,
)
from actionplans.snapshots import money, snapshot_hash
from execution.models import Attendance, ExecutionStatus, ProgressNote, Session
from monitoring import charts, dashboard, finance
from monitoring.indicators import DEFINITIONS, definition_of, indicator_points_for, is_behind
from monitoring.indicators import load_facts as indicator_facts
from monitoring.models import Indicator, ProgressReport, Story
from municipalities.models import CareProvider, Trajectory
from plus_portal import pdfa
from plus_portal.models import User

__all__ = ["GENERIC_FAILURE", "ReportError"]


SCHEMA = 1
PDF_TEMPLATE = "monitoring/pdf/progress_report.html"
SCHOOL_YEAR = "school_year"
CALENDAR_YEAR = "calendar_year"
PERIOD_KINDS = {
    SCHOOL_YEAR: gettext_lazy("School year (1 September – 31 August)"),
    CALENDAR_YEAR: gettext_lazy("Calendar year"),
}
ZERO = Decimal(0)


# --- Periods ----------------------------------------------------------------------------------


def period_of(kind: str, year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a school year starting in ``year``, or of calendar ``year``."""
    if kind == SCHOOL_YEAR:
        return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
    if kind == CALENDAR_YEAR:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    raise ValueError(kind)


def period_label(start: datetime.date, end: datetime.date) -> str:
    if (start.month, start.day, end.month, end.day) == (9, 1, 8, 31) and end.year == start.year + 1:
        return _("school year %(first)s–%(last)s") % {"first": start.year, "last": end.year}
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return _("calendar year %(year)s") % {"year": start.year}
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def _years(start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


def _number(value) -> str | None:
    return None if value is None else format(Decimal(value), "f")


# --- The snapshot -----------------------------------------------------------------------------


def _indicators(trajectory: Trajectory, facts, start, end) -> list[dict]:
    indicators = list(
        Indicator.objects.filter(objective__plan__trajectory=trajectory)
        .select_related("objective")
        .prefetch_related("results")
        .order_by("objective__number", "pk")
    )
    points = indicator_points_for(indicators)
    frozen = []
    for indicator in indicators:
        definition = DEFINITIONS.get(indicator.computed_key) if indicator.computed_key else None
        if definition is not None:
            in_period = definition.measure(facts, start, end)
        else:
            results = [r for r in indicator.results.all() if start <= r.period_end <= end]
            latest = max(results, key=lambda r: (r.period_end, r.period_start), default=None)
            in_period = latest.value if latest else None
        own = points.get(indicator.pk, [])
        frozen.append(
            {
                "objective": str(indicator.objective),
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "definition": str(definition_of(indicator)),
                "baseline": _number(indicator.baseline),
                "baseline_note": indicator.baseline_note,
                "in_period": _number(in_period),
                "is_behind": is_behind(own, indicator.direction),
                "points": [
                    {"year": p.year, "target": _number(p.target), "actual": _number(p.actual)}
                    for p in own
                ],
            }
        )
    return frozen


def _progress(overview: finance.FinanceOverview, start, end) -> list[dict]:
    objectives = dashboard.progress_rollup(overview)
    ids = [action.action.id for objective in objectives for action in objective.actions]
    notes = defaultdict(list)
    for note in ProgressNote.objects.filter(action_id__in=ids, day__range=(start, end)).order_by(
        "day", "pk"
    ):
        notes[note.action_id].append({"day": note.day.isoformat(), "text": note.text})
    return [
        {
            "code": objective.code,
            "title": objective.title,
            "progress": objective.rollup.progress,
            "by_budget": objective.rollup.by_budget,
            "actions": [
                {
                    "code": row.action.code,
                    "title": row.action.title,
                    "status": row.status,
                    "progress": row.progress,
                    "notes": notes[row.action.id],
                }
                for row in objective.actions
            ],
        }
        for objective in objectives
    ]


def _sessions(trajectory: Trajectory, start, end, today) -> dict:
    in_period = Session.objects.filter(trajectory=trajectory, day__range=(start, end))
    counts = in_period.aggregate(
        planned=Count("pk", filter=Q(status=Session.Status.PLANNED)),
        cancelled=Count("pk", filter=Q(status=Session.Status.CANCELLED)),
        held=Count(
            "pk", filter=Q(status=Session.Status.PLANNED, attendance__isnull=False, day__lt=today)
        ),
    )
    attended = Attendance.objects.filter(
        session__in=in_period, session__status=Session.Status.PLANNED
    )
    totals = attended.aggregate(
        children_5_10=Sum("children_5_10"),
        vulnerable_5_10=Sum("vulnerable_5_10"),
        children_11_15=Sum("children_11_15"),
        vulnerable_11_15=Sum("vulnerable_11_15"),
    )
    per_place = (
        attended.values("session__place_key", "session__site__school__name", "session__site__name")
        .annotate(
            sessions=Count("pk"),
            children=Sum("children_5_10") + Sum("children_11_15"),
        )
        .order_by("session__site__school__name", "session__site__name")
    )
    return {
        **{key: value or 0 for key, value in counts.items()},
        **{key: value or 0 for key, value in totals.items()},
        "places": [
            {
                "place": " – ".join(
                    part
                    for part in (row["session__site__school__name"], row["session__site__name"])
                    if part
                )
                or _("Central site"),
                "sessions": row["sessions"],
                "children": row["children"] or 0,
            }
            for row in per_place
        ],
    }


def _reach(facts, start, end) -> dict:
    def measured(key):
        return _number(DEFINITIONS[key].measure(facts, start, end))

    return {
        "children_5_10": measured("children_reached_5_10"),
        "children_11_15": measured("children_reached_11_15"),
        "vulnerable_share": measured("vulnerable_share"),
        "active_partners": measured("active_partners"),
    }


def _places(trajectory: Trajectory) -> dict:
    places = CareProvider.objects.filter(trajectory=trajectory).aggregate(
        children_5_10=Sum("capacity_5_10"), children_11_15=Sum("capacity_11_15")
    )
    return {key: value or 0 for key, value in places.items()}


def _staffing(trajectory: Trajectory, on: datetime.date) -> dict:
    """Staff and FTE per site on ``on``: counts only (no names, contracts or regimes)."""
    from staffing.models import FULL_TIME_HOURS, Placement
    from staffing.rules import placement_active_on

    placements = [
        placement
        for placement in Placement.objects.filter(trajectory=trajectory, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("site__school")
        if placement_active_on(placement, on)
    ]
    workers: dict[str, set[int]] = defaultdict(set)
    hours: dict[str, Decimal] = defaultdict(Decimal)
    for placement in placements:
        workers[placement.place].add(placement.worker_id)
        hours[placement.place] += placement.hours_per_week
    return {
        "on": on.isoformat(),
        "staff": len({worker for ids in workers.values() for worker in ids}),
        "places": [
            {
                "place": place,
                "staff": len(workers[place]),
                "fte": money(hours[place] / FULL_TIME_HOURS),
            }
            for place in sorted(workers, key=lambda name: (name.casefold(), name))
        ],
    }


def _partners(trajectory: Trajectory, start, end) -> list[str]:
    """The leisure partners that ran activities in the period's sessions (organisations)."""
    attended = (
        Attendance.objects.filter(
            session__trajectory=trajectory,
            session__day__range=(start, end),
            session__status=Session.Status.PLANNED,
            partner__isnull=False,
        )
        .select_related("partner")
        .order_by()
    )
    return sorted({str(attendance.partner) for attendance in attended}, key=str.casefold)


def _finance(trajectory: Trajectory, start, end, today) -> dict:
    overview = finance.finance_overview(trajectory, today=today)
    years = [year for year in overview.years if year in _years(start, end)]
    indices = [overview.years.index(year) for year in years]
    per_year = [total for total in overview.per_year if total.year in years]
    funding = defaultdict(lambda: [ZERO, ZERO])
    for row in overview.funding:
        if row.source.year in years:
            funding[(row.source.kind, row.source.year)][0] += row.planned
            funding[(row.source.kind, row.source.year)][1] += row.received
    return {
        "years": years,
        "per_year": [
            {"year": t.year, "budget": money(t.budget), "spent": money(t.spent)} for t in per_year
        ],
        "actions": [
            {
                "code": row.action.code,
                "title": row.action.title,
                "budget": money(sum((row.cells[i].budget for i in indices), ZERO)),
                "spent": money(sum((row.cells[i].spent or ZERO for i in indices), ZERO)),
            }
            for row in overview.actions
        ],
        "funding": [
            {"kind": kind, "year": year, "planned": money(planned), "received": money(received)}
            for (kind, year), (planned, received) in sorted(funding.items(), key=lambda i: i[0])
        ],
        "gaps": [gap.text for gap in overview.gaps],
    }, overview


def _stories(trajectory: Trajectory, start, today) -> list[dict]:
    stories = Story.objects.filter(
        trajectory=trajectory, consent_on__isnull=False, consent_on__range=(start, today)
    ).order_by("consent_on", "pk")
    return [
        {"text": story.text, "told_by": story.told_by, "consent_on": story.consent_on.isoformat()}
        for story in stories
    ]


def progress_snapshot(
    trajectory: Trajectory, start: datetime.date, end: datetime.date, *, today: datetime.date
) -> dict:
    """The period's figures as JSON-ready data (strings for amounts, ISO dates)."""
    facts = indicator_facts([trajectory.pk], start, end)[trajectory.pk]
    money_figures, overview = _finance(trajectory, start, end, today)
    sessions = _sessions(trajectory, start, end, today)
    return {
        "schema": SCHEMA,
        "municipality": trajectory.municipality.name_nl,
        "cycle": [trajectory.cycle_start_year, trajectory.cycle_end_year],
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "made_on": today.isoformat(),
        "version": overview.version.number if overview.version else None,
        "reach": _reach(facts, start, end),
        "places": _places(trajectory),
        "sessions": sessions,
        "indicators": _indicators(trajectory, facts, start, end),
        "progress": _progress(overview, start, end),
        "staffing": _staffing(trajectory, min(end, today)),
        "partners": _partners(trajectory, start, end),
        "finance": money_figures,
        "stories": _stories(trajectory, start, today),
    }


# --- Requests and their limits ----------------------------------------------------------------


def _check_request_limit(user: User) -> None:
    # The same limit the plan PDFs have on forced renders: every progress report is a render.
    limit = settings.PLUS_REPORT_FORCED_PER_HOUR
    made = ProgressReport.objects.filter(
        requested_by=user, created_at__gte=timezone.now() - datetime.timedelta(hours=1)
    ).count()
    if made >= limit:
        raise ReportError(
            ngettext(
                "You have had %(count)s report made in the past hour, the most there can be; "
                "please try again later.",
                "You have had %(count)s reports made in the past hour, the most there can be; "
                "please try again later.",
                made,
            )
            % {"count": made}
        )


@transaction.atomic
def progress_report_request(
    *,
    trajectory: Trajectory,
    period_start: datetime.date,
    period_end: datetime.date,
    language: str,
    by: User,
) -> ProgressReport:
    """Freeze the period's figures in a new report and queue its PDF once this commits."""
    if not trajectory.editable_by(by):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ReportError(_("This language is not available for reports."))
    _check_request_limit(by)
    today = timezone.localdate()
    if period_start > today:
        raise ReportError(_("This period has not started yet."))
    snapshot = progress_snapshot(trajectory, period_start, period_end, today=today)
    with translation.override(language):
        title = _("Progress report %(municipality)s, %(period)s") % {
            "municipality": trajectory.municipality.name_nl,
            "period": period_label(period_start, period_end),
        }
    report = ProgressReport(
        trajectory=trajectory,
        period_start=period_start,
        period_end=period_end,
        title=title,
        language=language,
        snapshot=snapshot,
        content_hash=snapshot_hash(snapshot),
        requested_by=by,
    )
    report.full_clean(exclude=["pdf"])
    report._history_user = by
    report.save()
    _queue(report.pk)
    return report


def _queue(report_id: int) -> None:
    from monitoring.tasks import render_progress_report

    render_progress_report.delay_on_commit(report_id)


def progress_report_retry(*, report: ProgressReport, by: User) -> bool:
    """Queue a failed report again; False when it was not (or no longer) failed."""
    if not report.trajectory.editable_by(by):
        raise PermissionDenied
    with transaction.atomic():
        retried = ProgressReport.objects.filter(
            pk=report.pk, status=ProgressReport.Status.FAILED
        ).update(status=ProgressReport.Status.QUEUED, progress=0, error="")
        if retried == 1:
            _queue(report.pk)
    return retried == 1


def may_accept(report: ProgressReport, user: User) -> bool:
    """An official of the report's municipality accepts a finished report, once."""
    return (
        user.is_official_of(report.trajectory.municipality_id)
        and report.status == ProgressReport.Status.DONE
        and report.accepted_at is None
    )


@transaction.atomic
def progress_report_accept(*, report: ProgressReport, content_hash: str, by: User) -> None:
    """Record that an official of the municipality accepted this report, as hashed.

    ``content_hash`` is the hash the official saw on the page: accepting names the content."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not by.is_official_of(report.trajectory.municipality_id):
        raise PermissionDenied
    if not may_accept(report, by):
        raise ReportError(_("Only a finished report that is not accepted yet can be accepted."))
    if content_hash != report.content_hash:
        raise ReportError(_("Confirm the report's fingerprint to accept it."))
    report.accepted_by = by
    report.accepted_at = timezone.now()
    report._history_user = by
    report.save(update_fields=["accepted_by", "accepted_at"])


# --- Rendering --------------------------------------------------------------------------------


def report_filename(report: ProgressReport, extension: str = "pdf") -> str:
    name = slugify(
        f"voortgangsrapport-{report.snapshot.get('municipality', '')}-"
        f"{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    )
    if not report.language.startswith("nl"):
        name = f"{name}-{slugify(report.language)}"
    return f"{name}.{extension}"


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _indicator_chart(index: int, indicator: dict) -> charts.Chart:
    unit = f" ({indicator['unit']})" if indicator["unit"] else ""
    points = indicator["points"]
    return charts.line_chart(
        f"progress-indicator-{index}",
        _("%(name)s: target and result per year") % {"name": indicator["name"]},
        [str(point["year"]) for point in points],
        [
            charts.Series(
                _("Target") + unit, [_decimal(p["target"]) for p in points], "#6c757d", dashed=True
            ),
            charts.Series(_("Result") + unit, [_decimal(p["actual"]) for p in points], "#1f4e79"),
        ],
        first_column=_("Year"),
        empty=_("No targets or results yet."),
        font_family=FONT,
    )


def report_context(report: ProgressReport) -> dict:
    """What the PDF shows, read from the snapshot only; call inside the report's language."""
    data = report.snapshot
    start = datetime.date.fromisoformat(data["period"]["start"])
    end = datetime.date.fromisoformat(data["period"]["end"])
    statuses = dict(ExecutionStatus.choices)
    kinds = dict(FundingSource.Kind.choices)
    progress = [
        {
            **objective,
            "actions": [
                {**action, "status_label": statuses.get(action["status"], action["status"])}
                for action in objective["actions"]
            ],
        }
        for objective in data["progress"]
    ]
    per_year = data["finance"]["per_year"]
    spending_chart = charts.bar_chart(
        "progress-spending",
        _("Budget and spending per year"),
        [str(row["year"]) for row in per_year],
        [
            charts.Series(_("Budget"), [Decimal(row["budget"]) for row in per_year]),
            charts.Series(_("Spent"), [Decimal(row["spent"]) for row in per_year]),
        ],
        first_column=_("Year"),
        empty=_("No budget in this period."),
        font_family=FONT,
    )
    return {
        "report": report,
        "data": data,
        "language_tag": "nl-BE" if report.language.startswith("nl") else report.language,
        "document_identifier": pdfa.progress_report_identifier(report),
        "figures_attachment": FIGURES_ATTACHMENT,
        "period": period_label(start, end),
        "made_on": datetime.date.fromisoformat(data["made_on"]),
        "progress": progress,
        "indicators": [
            {**indicator, "chart": _indicator_chart(index, indicator)}
            for index, indicator in enumerate(data["indicators"], start=1)
        ],
        "spending_chart": spending_chart,
        "funding": [
            {**row, "kind_label": kinds.get(row["kind"], row["kind"])}
            for row in data["finance"]["funding"]
        ],
        "staffing_on": datetime.date.fromisoformat(data["staffing"]["on"]),
        "staffing_fte": sum(
            (Decimal(place["fte"]) for place in data["staffing"]["places"]), Decimal(0)
        ),
        "stories": [
            {**story, "consent_on": datetime.date.fromisoformat(story["consent_on"])}
            for story in data["stories"]
        ],
    }


def _page_css(report: ProgressReport) -> str:
    footer = f"{report.title} · {report.content_hash[:12]}"
    page, of = _("page"), _("of")
    return (
        "@page { "
        f"@top-left {{ content: {css_string(report.snapshot.get('municipality', ''))}; }} "
        f"@bottom-left {{ content: {css_string(footer)}; }} "
        f"@bottom-right {{ content: {css_string(page.capitalize())} ' ' counter(page) ' ' "
        f"{css_string(of)} ' ' counter(pages); }} }} "
        "@page :first { @top-left { content: none; } }"
    )


FIGURES_ATTACHMENT = "cijfers.csv"


def report_archive(report: ProgressReport, context: dict) -> pdfa.Archive:
    """The PDF/A metadata of a progress report and its figures CSV; inside its language."""
    municipality = report.snapshot.get("municipality", "")
    return pdfa.Archive(
        identifier=context["document_identifier"],
        title=report.title,
        author=_("IN-Z vzw and the municipality of %(municipality)s")
        % {"municipality": municipality},
        subject=_("Progress report on after-school care and leisure, %(municipality)s, %(period)s")
        % {"municipality": municipality, "period": context["period"]},
        keywords=("PLUS", "IN-Z", "BOA", municipality, _("Progress report")),
        language=context["language_tag"],
        created=context["made_on"],
        attachments=(
            pdfa.Attachment(
                name=FIGURES_ATTACHMENT,
                content=figures_csv(report),
                description=_(
                    "The report's figures per age group, each column defined on the second row "
                    "(semicolons and decimal commas)."
                ),
            ),
        ),
    )


def render_progress_report_pdf(
    report: ProgressReport, *, progress: Callable[[int], None] | None = None
) -> bytes:
    """The PDF/A of ``report``'s snapshot in its language; ReportError for known trouble."""
    with translation.override(report.language):
        if (report.snapshot or {}).get("schema") != SCHEMA:
            raise ReportError(
                _("This report was saved in a format this portal cannot print; make it again.")
            )
        context = report_context(report)
        html = render_to_string(PDF_TEMPLATE, context)
        if progress:
            progress(35)
        return render_pdf(
            html,
            page_css=_page_css(report),
            progress=progress,
            archive=report_archive(report, context),
        ).content


def storage_name(report_id: int) -> str:
    return f"progress-reports/{report_id}.pdf"


def _load(report_id: int) -> ProgressReport:
    return ProgressReport.objects.select_related("trajectory__municipality").get(pk=report_id)


def _render(report: ProgressReport, *, progress) -> bytes:
    return render_progress_report_pdf(report, progress=progress)


BACKGROUND = BackgroundPdf(
    model=ProgressReport,
    noun="Progress report",
    load=_load,
    render=_render,
    storage_name=storage_name,
    queue=lambda report_id: _queue(report_id),
    language_field="language",
    hash_field="pdf_hash",
)


def progress_report_process(*, report_id: int) -> bool:
    """Claim a queued report and render it; False when someone else has it or it failed."""
    return BACKGROUND.process(report_id)


def progress_report_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue again the reports whose worker died mid-render (``BackgroundPdf.sweep``)."""
    return BACKGROUND.sweep(now=now)


# --- The figures beside the PDF (XLSX and CSV) ------------------------------------------------


def _figure_columns() -> list[tuple[str, str]]:
    """(heading, definition) of each column of the figures sheet."""
    return [
        (_("From"), _("First day of the report's period.")),
        (_("Until"), _("Last day of the report's period.")),
        (_("Age group"), _("5–10 or 11–15 years, or both together (total).")),
        (
            _("Children reached"),
            _(
                "Children enrolled in PLUS care: per place and age group the highest count "
                "among the terms that overlap the period, summed over the places."
            ),
        ),
        (
            _("Attendances"),
            _("Children present, added up over the sessions held in the period (visits)."),
        ),
        (
            _("Of which from vulnerable families"),
            _("Attendances of children from vulnerable families, as recorded per session."),
        ),
        (
            _("Care places (intake)"),
            _("Places the care providers of the intake offer for this age group."),
        ),
        (
            _("Sessions planned"),
            _("Sessions of the plan in force in the period that were not cancelled."),
        ),
        (
            _("Sessions held"),
            _("Planned sessions before the report's day whose attendance was recorded."),
        ),
        (_("Sessions cancelled"), _("Sessions of the period that were cancelled.")),
    ]


def _funding_columns() -> list[tuple[str, str]]:
    return [
        (_("Funding source"), _("The kind of funding, as planned in the action plan.")),
        (_("Year"), _("The budget year the funding was planned for.")),
        (_("Planned"), _("Amount planned from this source for this year (EUR).")),
        (_("Received"), _("Amount recorded as received for these sources so far (EUR).")),
        (
            _("Spent by the actions"),
            _("What all actions of the plan in force spent that year (EUR), from all sources."),
        ),
    ]


def figures_rows(report: ProgressReport) -> list[list]:
    data = report.snapshot
    start, end = report.period_start, report.period_end
    reach, places, sessions = data["reach"], data["places"], data["sessions"]

    def count(value):
        return None if value is None else int(Decimal(value))

    young, teens = count(reach["children_5_10"]), count(reach["children_11_15"])
    total = None if young is None and teens is None else (young or 0) + (teens or 0)
    return [
        [
            start,
            end,
            "5–10",
            young,
            sessions["children_5_10"],
            sessions["vulnerable_5_10"],
            places["children_5_10"],
            None,
            None,
            None,
        ],
        [
            start,
            end,
            "11–15",
            teens,
            sessions["children_11_15"],
            sessions["vulnerable_11_15"],
            places["children_11_15"],
            None,
            None,
            None,
        ],
        [
            start,
            end,
            _("Total"),
            total,
            sessions["children_5_10"] + sessions["children_11_15"],
            sessions["vulnerable_5_10"] + sessions["vulnerable_11_15"],
            places["children_5_10"] + places["children_11_15"],
            sessions["planned"],
            sessions["held"],
            sessions["cancelled"],
        ],
    ]


def funding_rows(report: ProgressReport) -> list[list]:
    kinds = dict(FundingSource.Kind.choices)
    spent = {row["year"]: Decimal(row["spent"]) for row in report.snapshot["finance"]["per_year"]}
    return [
        [
            str(kinds.get(row["kind"], row["kind"])),
            row["year"],
            Decimal(row["planned"]),
            Decimal(row["received"]),
            spent.get(row["year"]),
        ]
        for row in report.snapshot["finance"]["funding"]
    ]


def figures_xlsx(report: ProgressReport) -> bytes:
    """The figures a municipality reports on out-of-school care, each column defined."""
    from plus_portal import spreadsheets

    with translation.override(report.language):
        figures, funding = _figure_columns(), _funding_columns()
        definitions = [[_("Figures"), heading, definition] for heading, definition in figures] + [
            [_("Funding"), heading, definition] for heading, definition in funding
        ]
        return spreadsheets.xlsx(
            [
                spreadsheets.Sheet(
                    _("Figures"), [heading for heading, _d in figures], figures_rows(report)
                ),
                spreadsheets.Sheet(
                    _("Funding"),
                    [heading for heading, _d in funding],
                    funding_rows(report),
                    decimal_format=spreadsheets.EURO_FORMAT,
                ),
                spreadsheets.Sheet(
                    _("Definitions"),
                    [_("Sheet"), _("Column"), _("Definition")],
                    definitions,
                    wrap=True,
                ),
            ]
        )


def figures_csv(report: ProgressReport) -> bytes:
    """The figures sheet as CSV, with a second header row holding each column's definition."""
    from plus_portal import spreadsheets

    with translation.override(report.language):
        figures = _figure_columns()
        rows = [[definition for _h, definition in figures], *figures_rows(report)]
        return spreadsheets.csv_bytes([heading for heading, _d in figures], rows)
