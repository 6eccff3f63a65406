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

import csv
import datetime
import io
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from actionplans.models import Action, FundingSource, PlanVersion
from actionplans.snapshots import ACTION, FrozenAction, FrozenSlot, Snapshot
from municipalities.choices import AgeGroup
from municipalities.spreadsheets.columns import INJECTION_PREFIXES

EURO_FORMAT = "#,##0.00 [$€-813]"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"

# Control characters a worksheet cannot hold (openpyxl refuses them); pasted text has them.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

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
    moments = []
    for slot in slots:
        text = slot.label
        count = slot.expected_children
        if count:
            children = ngettext("%(count)d child", "%(count)d children", count) % {"count": count}
            text += f" ({children})"
        moments.append(text)
    return "; ".join(moments)


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


# --- CSV ----------------------------------------------------------------------------------------


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # Belgian grouping and decimal comma (24.000,00), as Excel reads numbers in nl-BE.
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    # A spreadsheet program would run these as a formula; a leading quote keeps them text.
    if text.startswith(INJECTION_PREFIXES):
        return "'" + text
    return text


def version_csv(version: PlanVersion) -> bytes:
    """UTF-8 with a BOM, semicolons and decimal commas: what Excel opens right in Belgium."""
    headers, rows = version_rows(version)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_text(header) for header in headers])
    writer.writerows([_csv_text(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------


def _put(sheet, row: int, column: int, value: Any):
    """Write one cell: money and dates with their formats, text never as a formula."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, Decimal):
        cell.number_format = EURO_FORMAT
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _width(header: str, values: list) -> int:
    longest = max((len(str(value)) for value in values if value is not None), default=0)
    return min(max(len(header), longest, 10) + 2, 60)


def version_xlsx(version: PlanVersion) -> bytes:
    """The version as a workbook: the actions (header on row 1), and a sheet "Versie"."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = version_rows(version)
    bold = Font(bold=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Actions")
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_number, column, value)
    for column, header in enumerate(headers, start=1):
        values = [row[column - 1] for row in rows]
        sheet.column_dimensions[get_column_letter(column)].width = _width(header, values)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    plan = Snapshot.from_data(version.snapshot).plan
    submitted_at = timezone.localtime(version.submitted_at).replace(tzinfo=None)
    about = workbook.create_sheet(pgettext(COLUMN, "Version"))
    municipality = plan.municipality
    for row_number, (label, value) in enumerate(
        [
            (pgettext(COLUMN, "Plan"), plan.title),
            (_("Municipality"), f"{municipality.name} ({municipality.nis_code})"),
            (_("Planning cycle"), f"{plan.cycle.start}–{plan.cycle.end}"),
            (pgettext(COLUMN, "Version"), version.number),
            ("SHA-256", version.content_hash),
            (pgettext(COLUMN, "Submitted by"), str(version.submitted_by)),
            (pgettext(COLUMN, "Submitted on"), submitted_at),
        ],
        start=1,
    ):
        _put(about, row_number, 1, label).font = bold
        _put(about, row_number, 2, value)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 70

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
