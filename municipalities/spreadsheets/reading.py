"""Reading uploaded CSV and XLSX files into rows of text keyed by column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from itertools import islice

from django.utils.translation import gettext_lazy as _

from municipalities.spreadsheets.cells import norm
from municipalities.spreadsheets.errors import ImportRefused
from municipalities.spreadsheets.kinds import (
    ANY_HEADER_LOOKUP,
    COLUMNS,
    HEADER_LOOKUPS,
    columns_for,
)
from municipalities.spreadsheets.workbooks import (
    UNREADABLE,
    grouped,
    limits,
    open_first_sheet,
    too_many_rows,
)
from plus_portal.spreadsheets import cell_text

# The header row must be among the first rows: titles and notes above it are common.
HEADER_SEARCH_ROWS = 10


class Table(list):
    """The rows ``read_table`` found: a plain list (JSON-ready) that also remembers the file's
    header row and the headers it did not recognise."""

    header_row: int = 0
    ignored_headers: tuple[str, ...] = ()


def read_table(uploaded_file, filename: str, *, kind: str | None = None) -> Table:
    """Parse an uploaded CSV or XLSX file into rows of text keyed by column.

    Returns ``[{"row": n, "cells": {key: text}}]`` where n is the row number the spreadsheet
    shows; every recognised column is in every row's cells (blank as ""), so a column the file
    lacks stays absent and the import leaves that field alone. Pass ``kind`` to recognise only
    that kind's headers; without it the header row is the first with every required header of
    any kind. Raises ImportRefused for a file that cannot be used.
    """
    if kind is not None:
        columns_for(kind)
    data = _read_bytes(uploaded_file)
    if not data.strip():
        raise ImportRefused(_("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptionInfo".encode("utf-16-le") in data:
        # Excel wraps a workbook it encrypts with a password in the old compound format.
        raise ImportRefused(
            _(
                "This Excel file is protected with a password; remove the password and save "
                "it again."
            )
        )
    if extension == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            _("Old Excel files (.xls) cannot be read; save the file as .xlsx or .csv.")
        )
    if data.startswith(b"PK\x03\x04"):
        grid = _xlsx_rows(data)
    elif extension in {"xlsx", "xlsm"}:
        raise ImportRefused(
            _("This file is not a real Excel workbook (.xlsx); save it again as .xlsx or .csv.")
        )
    elif extension in {"csv", "txt", "tsv", ""}:
        grid = _csv_rows(data)
    else:
        raise ImportRefused(_("Upload a .xlsx or .csv file."))
    return _tabulate(grid, kind)


def _read_bytes(uploaded_file) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limits().MAX_UPLOAD_BYTES:
        raise _too_large()
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limits().MAX_UPLOAD_BYTES + 1)
    if len(data) > limits().MAX_UPLOAD_BYTES:
        raise _too_large()
    return data


def _too_large() -> ImportRefused:
    megabytes = f"{limits().MAX_UPLOAD_BYTES / 1024 / 1024:g}"
    return ImportRefused(_("The file is larger than %(max)s MB.") % {"max": megabytes})


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    delimiter = _guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        if "field limit" in str(error):
            # One cell swallowed the rest of the file: mostly a quote that is never closed.
            raise ImportRefused(
                _(
                    "Row %(row)s holds a cell of more than %(max)s characters; check for a quote "
                    '(") that is opened but not closed.'
                )
                % {"row": grouped(number + 1), "max": grouped(csv.field_size_limit())}
            ) from None
        raise ImportRefused(
            _("The CSV file could not be read; check its quotes, or save it from Excel again.")
        ) from None


def _decode(data: bytes) -> str:
    unreadable = ImportRefused(
        _("The file's characters could not be read; save it as CSV in UTF-8.")
    )
    not_text = ImportRefused(_("This is not a text (CSV) file; upload a .xlsx or .csv file."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]  # Excel's "Unicode text": tab-separated UTF-16
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise not_text
        encodings = [encoding]
    else:
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise not_text
        return text
    raise unreadable


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without its byte order mark has a zero in (nearly) every other byte."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _guess_delimiter(text: str) -> str:
    """The delimiter that gives the first lines the most header-like cells."""
    head = text[:20000]
    best, best_score = ";", -1
    for delimiter in (";", ",", "\t"):
        try:
            rows = list(
                islice(csv.reader(io.StringIO(head), delimiter=delimiter), HEADER_SEARCH_ROWS)
            )
        except csv.Error:
            continue
        score = max(
            (sum(1 for cell in row if norm(cell) in ANY_HEADER_LOOKUP) for row in rows),
            default=0,
        )
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    workbook, sheet = open_first_sheet(data)
    try:
        sheet.reset_dimensions()  # some writers record wrong dimensions; read what is there
        expected = 1
        for cells in sheet.iter_rows():
            number = next((c.row for c in cells if getattr(c, "row", None)), expected)
            yield number, [_xlsx_text(cell) for cell in cells]
            expected = number + 1
    except ImportRefused:
        raise
    except Exception:  # openpyxl raises many types for a broken workbook
        raise ImportRefused(UNREADABLE) from None
    finally:
        workbook.close()


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f" or not isinstance(
        value, str | int | float | Decimal | bool | date | time
    ):
        # Formulas (also array formulas) keep their text so the preview can refuse them.
        text = str(getattr(value, "text", value))
        return text if text.startswith("=") else "=" + text
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (cell.number_format or ""):
            number *= 100
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if value.startswith("="):
        # Text that looks like a formula: mark it as text the way an export does, so the
        # import takes it as the text it is.
        return cell_text(value)
    return value


def _tabulate(grid: Iterable[tuple[int, list[str]]], kind: str | None) -> Table:
    grid = iter(grid)
    max_rows = limits().MAX_ROWS
    max_sheet_rows = limits().MAX_SHEET_ROWS
    max_columns = limits().MAX_COLUMNS
    lookup = HEADER_LOOKUPS[kind] if kind else ANY_HEADER_LOOKUP
    kinds = [kind] if kind else list(COLUMNS)
    best_missing: list[str] | None = None
    mapping: dict[int, str] | None = None
    table = Table()
    for number, cells in grid:
        # Checked before a row is looked at, so a file of blank lines or one endless line
        # costs no more than the limits allow (an XLSX file was counted before it was opened).
        if number > max_sheet_rows:
            raise too_many_rows()
        if len(cells) > max_columns:
            raise ImportRefused(
                _(
                    "Row %(row)s has %(count)s columns; at most %(max)s can be read. Remove the "
                    "columns you do not need and upload the file again."
                )
                % {
                    "row": grouped(number),
                    "count": grouped(len(cells)),
                    "max": grouped(max_columns),
                }
            )
        if mapping is None:
            if number > HEADER_SEARCH_ROWS:
                break
            candidate: dict[int, str] = {}
            ignored = []
            for index, cell in enumerate(cells):
                key = lookup.get(norm(cell))
                if key and key not in candidate.values():
                    candidate[index] = key
                elif cell.strip():
                    ignored.append(cell.strip())
            found = set(candidate.values())
            for candidate_kind in kinds:
                missing = [
                    column.header
                    for column in COLUMNS[candidate_kind]
                    if column.required
                    and column.key not in found
                    and column.fallback_key not in found
                ]
                if not missing:
                    mapping = candidate
                    table.header_row = number
                    table.ignored_headers = tuple(ignored)
                    break
                if best_missing is None or len(missing) < len(best_missing):
                    best_missing = missing
            continue
        values = {
            key: (cells[index].strip() if index < len(cells) else "")
            for index, key in mapping.items()
        }
        if not any(values.values()):
            continue
        if len(table) >= max_rows:
            raise ImportRefused(
                _("The file has more than %(max)s data rows; split it into smaller files.")
                % {"max": max_rows}
            )
        table.append({"row": number, "cells": values})
    if mapping is None:
        raise ImportRefused(
            _(
                "No header row with the required columns was found in the first %(rows)s rows. "
                "Missing: %(headers)s."
            )
            % {"rows": HEADER_SEARCH_ROWS, "headers": ", ".join(best_missing or [])}
        )
    if not table:
        raise ImportRefused(_("The file has a header row but no data rows."))
    if table.ignored_headers:
        # Kept on the first row too, so the note survives storage in ImportBatch.rows.
        table[0]["ignored_headers"] = list(table.ignored_headers)
    return table
