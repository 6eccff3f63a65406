"""Writing spreadsheets: the one writer behind every export the portal offers (XLSX and CSV).

Values keep their type: numbers stay numbers, dates stay dates, in Belgian formats
(1.234,50 and 26/11/2026) in either language. Text is written so no spreadsheet program
runs it: a text that starts with a character a spreadsheet reads as the start of a formula
gets a leading apostrophe, in XLSX as in CSV (OWASP "CSV injection"; ASVS 1.2.10 asks the
same of XLSX), and control characters a workbook cannot hold are dropped. An import that
reads such a file back takes the apostrophe off with ``restore_text``.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import numberformat, timezone

# Spreadsheet programs read a cell that starts with one of these as a formula (a tab or
# carriage return is skipped first by some of them, so they count too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters a worksheet cannot hold (openpyxl refuses them); pasted text has them.
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
EURO_FORMAT = "#,##0.00 [$€-813]"
_WIDEST = 60  # characters; wider columns are wrapped or cut off on screen anyway


def cell_text(text: str) -> str:
    """Text as every export writes it: without illegal characters, and never a formula."""
    text = _ILLEGAL.sub("", text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore_text(text: str) -> str:
    """A text ``cell_text`` neutralised, as it was before."""
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


@dataclass
class Sheet:
    """One worksheet: a bold, frozen header row and the rows below it.

    Without headers the sheet is a list of label/value rows with the labels in bold.
    """

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    # Characters per column; without them each column fits its longest value (10-60).
    widths: Sequence[int] = ()
    wrap: bool = False  # texts with line breaks: wrapped and aligned to the top
    filter: bool = False  # an auto-filter on the header row
    # The XLSX number format of Decimal values, e.g. EURO_FORMAT when they are money; without
    # one a Decimal shows the decimal places it has.
    decimal_format: str = ""


def xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook of these sheets, written as a stream (openpyxl's write-only mode)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(str(sheet.title)), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM, semicolons and decimal commas: what Excel opens right in Belgium."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_value(header) for header in headers])
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def belgian_number(value: Decimal | float) -> str:
    """1.234,5 — grouped thousands and a decimal comma, with the decimal places it has."""
    return numberformat.format(value, ",", thousand_sep=".", grouping=3, force_grouping=True)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)  # counts, years and numbers of things: no thousands dot
    if isinstance(value, Decimal | float):
        return belgian_number(value)
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return cell_text(str(value))


def _write_sheet(worksheet, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    headers = [str(header) for header in sheet.headers]
    rows = [list(row) for row in sheet.rows]
    widths = sheet.widths or _fitted_widths(headers, rows)
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top") if sheet.wrap else None

    def cell(value: Any, *, font=None):
        result = WriteOnlyCell(worksheet, value=_xlsx_value(value))
        if isinstance(value, Decimal):
            result.number_format = sheet.decimal_format or _decimal_format(value)
        elif isinstance(value, datetime.datetime):
            result.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            result.number_format = DATE_FORMAT
        if font is not None:
            result.font = font
        if wrap is not None:
            result.alignment = wrap
        return result

    if headers:
        worksheet.freeze_panes = "A2"
        worksheet.append([cell(header, font=bold) for header in headers])
    label_font = None if headers else bold
    for row in rows:
        worksheet.append(
            [cell(value, font=label_font if i == 0 else None) for i, value in enumerate(row)]
        )
    if sheet.filter and headers:
        last = get_column_letter(len(headers))
        worksheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        # A text cell is never run on opening, but editing it would make it a formula again.
        return cell_text(value)
    if isinstance(value, datetime.datetime):
        return _local(value)
    if value is None or isinstance(value, int | float | Decimal | datetime.date):
        return value
    return cell_text(str(value))


def _local(value: datetime.datetime) -> datetime.datetime:
    """Workbooks know no time zones: an aware moment is written as the local wall time."""
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _decimal_format(value: Decimal) -> str:
    places = max(-value.as_tuple().exponent, 0) if value.is_finite() else 0
    return "#,##0" + ("." + "0" * places if places else "")


def _fitted_widths(headers: list[str], rows: list[list]) -> list[int]:
    columns = max([len(headers), *(len(row) for row in rows)], default=0)
    widths = []
    for index in range(columns):
        texts = [headers[index]] if index < len(headers) else []
        texts += [str(row[index]) for row in rows if index < len(row) and row[index] is not None]
        longest = max((len(line) for text in texts for line in text.splitlines()), default=0)
        widths.append(min(max(longest, 10) + 2, _WIDEST))
    return widths
