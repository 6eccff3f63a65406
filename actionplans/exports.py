"""A plan version as the spreadsheet municipal finance staff paste into their BBC tools.

The export reads the version's frozen snapshot, never the live plan, so the file shows
exactly what was submitted (and approved), and every row carries the version's number and
SHA-256. One row per action.

Headers and values (slots, age groups, funding sources, statuses) are words in the active
language, in Dutch the BBC vocabulary of the finance department: render inside
``translation.override(...)`` for the reader's language. Where a tool needs to match values,
a "(code)" column beside the label keeps the stored codes, which never change with the
language (age groups, time slots, status).
"""

import datetime
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from actionplans.models import Action, FundingSource, PlanVersion
from actionplans.snapshots import ACTION, FrozenAction, FrozenSlot, Snapshot
from actionplans.templatetags.plans import slot_text
from municipalities.choices import AgeGroup
from plus_portal import spreadsheets
from plus_portal.spreadsheets import EURO_FORMAT

COLUMN = "spreadsheet column"


def _labels(choices) -> dict[str, str]:
    return {code: str(label) for code, label in choices}


def _years(snapshot: Snapshot) -> list[int]:
    """The cycle's years, and any other year something is budgeted in, so no euro is lost."""
    years = set(snapshot.plan.cycle.years)
    years |= {int(year) for year in snapshot.totals.budget_by_year}
    return sorted(years)


def _funding_kinds(snapshot: Snapshot) -> list[str]:
    kinds = list(FundingSource.Kind.values)
    # A source that no longer exists in the code still shows up, under its code.
    present = snapshot.totals.funding_by_source_and_year
    return kinds + sorted(kind for kind in present if kind not in kinds)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _moments(slots: list[FrozenSlot]) -> str:
    return "; ".join(slot_text(slot) for slot in slots)


def _moment_codes(slots: list[FrozenSlot]) -> str:
    """The slots in codes, e.g. "after_school 15:30-18:00; holidays:summer" (for tools)."""
    codes = []
    for slot in slots:
        text = slot.slot
        if slot.holiday_period:
            text += f":{slot.holiday_period}"
        if slot.starts_at and slot.ends_at:
            text += f" {slot.starts_at}-{slot.ends_at}"
        codes.append(text)
    return "; ".join(codes)


def _locations(action: FrozenAction) -> str:
    places = []
    if action.at_central_site:
        places.append(action.central_site_name or capfirst(_("central site")))
    places += [site.label for site in action.sites]
    return "; ".join(places)


def version_rows(version: PlanVersion) -> tuple[list[str], list[list]]:
    """The headers and one row per action of a version, as typed values.

    Money is ``Decimal``, dates are ``datetime.date``, numbers ``int``; the writers below
    format them for their file type. Raises ``UnreadableSnapshot`` (a ``ValueError``) for a
    snapshot schema this portal does not read.
    """
    snapshot = Snapshot.from_data(version.snapshot)
    years = _years(snapshot)
    kinds = _funding_kinds(snapshot)
    kind_labels = _labels(FundingSource.Kind.choices)
    age_labels = _labels(AgeGroup.choices)
    status_labels = _labels(Action.Status.choices)

    headers = [
        pgettext(COLUMN, "Policy objective (code)"),
        pgettext(COLUMN, "Policy objective (title)"),
        pgettext(COLUMN, "Action plan (code)"),
        pgettext(COLUMN, "Action plan (title)"),
        pgettext(COLUMN, "Action (code)"),
        pgettext(COLUMN, "Action (title)"),
        pgettext(COLUMN, "Prioritair"),
        pgettext(COLUMN, "Objective prioritair"),
        pgettext(COLUMN, "Action plan prioritair"),
        *(pgettext(COLUMN, "Estimate %(year)s") % {"year": year} for year in years),
        *(
            pgettext(COLUMN, "Funding %(source)s") % {"source": kind_labels.get(kind, kind)}
            for kind in kinds
        ),
        pgettext(COLUMN, "Owner"),
        pgettext(COLUMN, "Start"),
        pgettext(COLUMN, "End"),
        pgettext(COLUMN, "Age groups"),
        pgettext(COLUMN, "Age groups (code)"),
        pgettext(COLUMN, "Locations"),
        pgettext(COLUMN, "Time slots"),
        pgettext(COLUMN, "Time slots (code)"),
        pgettext(COLUMN, "Status"),
        pgettext(COLUMN, "Status (code)"),
        pgettext(COLUMN, "Progress (%)"),
        pgettext(COLUMN, "Version"),
        "SHA-256",
    ]
    rows = []
    for placed in snapshot.parts(ACTION):
        objective, action_plan = placed.parents
        action = placed.part
        budget = dict.fromkeys(years, Decimal("0.00"))
        for line in action.budget_lines:
            budget[line.year] += Decimal(line.amount)
        funding = dict.fromkeys(kinds, Decimal("0.00"))
        for source in action.funding:
            funding[source.kind] += Decimal(source.amount)
        rows.append(
            [
                objective.code,
                objective.title,
                action_plan.code,
                action_plan.title,
                action.code,
                action.title,
                _yes_no(action.is_prioritair),
                _yes_no(objective.is_prioritair),
                _yes_no(action_plan.is_prioritair),
                *(budget[year] for year in years),
                *(funding[kind] for kind in kinds),
                action.owner,
                _date(action.starts_on),
                _date(action.ends_on),
                ", ".join(age_labels.get(code, code) for code in action.age_groups),
                ", ".join(action.age_groups),
                _locations(action),
                _moments(action.slots),
                _moment_codes(action.slots),
                status_labels.get(action.status, action.status),
                action.status,
                action.progress,
                version.number,
                version.content_hash,
            ]
        )
    return headers, rows


def version_csv(version: PlanVersion) -> bytes:
    """UTF-8 with a BOM, semicolons and decimal commas: what Excel opens right in Belgium."""
    return spreadsheets.csv_bytes(*version_rows(version))


def version_xlsx(version: PlanVersion) -> bytes:
    """The version as a workbook: the actions (header on row 1), and a sheet "Versie"."""
    headers, rows = version_rows(version)
    actions = spreadsheets.Sheet(
        _("Actions"), headers, rows, filter=True, decimal_format=EURO_FORMAT
    )
    plan = Snapshot.from_data(version.snapshot).plan
    municipality = plan.municipality
    about = spreadsheets.Sheet(
        pgettext(COLUMN, "Version"),
        [],
        [
            (pgettext(COLUMN, "Plan"), plan.title),
            (_("Municipality"), f"{municipality.name} ({municipality.nis_code})"),
            (_("Planning cycle"), f"{plan.cycle.start}–{plan.cycle.end}"),
            (pgettext(COLUMN, "Version"), version.number),
            ("SHA-256", version.content_hash),
            (pgettext(COLUMN, "Submitted by"), str(version.submitted_by)),
            (pgettext(COLUMN, "Submitted on"), version.submitted_at),
        ],
        widths=[18, 70],
    )
    return spreadsheets.xlsx([actions, about])
