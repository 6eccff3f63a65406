"""Schools' own free days from a spreadsheet: one row per free day, with the school's
instellingsnummer or name, the date, the kind and an optional note.

A file is read whole and bounded (size, rows, columns) before anything is parsed; formulas
are never evaluated. The import saves every row or none, so a mistake in row 40 leaves
nothing half-imported.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from execution.models import SchoolFreeDay
from execution.sessions import sessions_generate_on_commit
from municipalities.models import School, Trajectory
from plus_portal.models import User

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 20
# An XLSX file is a zip of XML: refuse one that unpacks to more than a real list of free days
# could need, before openpyxl parses any of it.
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")

# Header words (lower case) for each column, in Dutch and English.
HEADERS = {
    "institution_number": {"instellingsnummer", "institution number"},
    "school": {"school", "schoolnaam", "school name", "naam"},
    "day": {"datum", "date", "dag", "day"},
    "kind": {"soort", "kind", "type"},
    "note": {"opmerking", "note", "omschrijving"},
}
KIND_WORDS = {
    SchoolFreeDay.Kind.STUDY_DAY: {
        "study_day",
        "pedagogische studiedag",
        "studiedag",
        "pedagogical study day",
    },
    SchoolFreeDay.Kind.OPTIONAL: {
        "optional",
        "facultatieve vrije dag",
        "facultatieve verlofdag",
        "facultatief",
        "optional free day",
    },
}


class ImportRefused(Exception):
    pass


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


def read_rows(upload) -> list[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, cells by column) for each non-blank row."""
    if upload.size > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 1 MB."))
    data = upload.read(MAX_BYTES + 1)
    grid = _xlsx_grid(data) if data.startswith(b"PK\x03\x04") else _csv_grid(data)
    header = None
    rows = []
    for number, values in grid:
        texts = [str(value).strip() if value is not None else "" for value in values]
        if header is None:
            header = _columns(texts)
            continue
        if any(texts):
            rows.append((number, {key: texts[i] if i < len(texts) else "" for key, i in header}))
        if len(rows) > MAX_ROWS:
            raise ImportRefused(_("The file has more than %(rows)d rows.") % {"rows": MAX_ROWS})
    if header is None:
        raise ImportRefused(_("The file is empty."))
    return rows


def _columns(texts: list[str]) -> list[tuple[str, int]]:
    found = {}
    for index, text in enumerate(texts[:MAX_COLUMNS]):
        for key, words in HEADERS.items():
            if text.lower() in words and key not in found:
                found[key] = index
    if "day" not in found or not {"institution_number", "school"} & found.keys():
        raise ImportRefused(
            _(
                "The first row must name the columns: instellingsnummer or school, datum, "
                "soort and (optionally) opmerking."
            )
        )
    return list(found.items())


def _csv_grid(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield number, values[:MAX_COLUMNS]


def _xlsx_grid(data: bytes):
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportRefused(_("This file cannot be read as an Excel workbook.")) from error
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportRefused(_("The workbook is too large: keep only the sheet with the free days."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(_("This file cannot be read as an Excel workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for number, values in enumerate(rows, start=1):
        yield number, [_xlsx_text(value) for value in values]
    workbook.close()


def _xlsx_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _parse_day(text: str) -> datetime.date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 a date only
        except ValueError:
            continue
    raise ValidationError(_("“%(text)s” is not a date like 14/10/2026.") % {"text": text})


def _parse_kind(text: str) -> str:
    for kind, words in KIND_WORDS.items():
        if text.lower() in words:
            return kind
    raise ValidationError(
        _("“%(text)s” is not a kind: write “pedagogische studiedag” or “facultatieve vrije dag”.")
        % {"text": text}
    )


def _school(cells: dict[str, str], by_number: dict, by_name: dict) -> School:
    number, name = cells.get("institution_number", ""), cells.get("school", "")
    school = by_number.get(number.zfill(6)) if number else by_name.get(name.lower())
    if school is None:
        raise ValidationError(
            _("No school “%(school)s” in this municipality's intake.") % {"school": number or name}
        )
    return school


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


@transaction.atomic
def school_free_days_import(
    *, trajectory: Trajectory, rows: list[tuple[int, dict[str, str]]], by: User
) -> tuple[int, list[RowError]]:
    """Add each row's free day; when any row is wrong, add none and say which rows."""
    schools = list(School.objects.filter(trajectory=trajectory))
    by_number = {school.institution_number: school for school in schools}
    by_name = {school.name.lower(): school for school in schools}
    free_days, errors, seen = [], [], set()
    for number, cells in rows:
        try:
            free_day = SchoolFreeDay(
                school=_school(cells, by_number, by_name),
                day=_parse_day(cells.get("day", "")),
                kind=_parse_kind(cells.get("kind", "")),
                note=cells.get("note", "")[:200],
                created_by=by,
            )
            free_day.full_clean(exclude=["created_by"])
            if (free_day.school_id, free_day.day) in seen:
                raise ValidationError(_("This row repeats an earlier row."))
        except ValidationError as error:
            errors.append(RowError(number, _message(error)))
            continue
        seen.add((free_day.school_id, free_day.day))
        free_day._history_user = by
        free_days.append(free_day)
    if errors:
        return 0, errors
    for free_day in free_days:
        free_day.save()
    sessions_generate_on_commit(trajectory.pk, by=by)
    return len(free_days), []
