"""Opening an uploaded XLSX workbook without letting it cost more than a web request can spend.

An XLSX file is a zip of XML. A 4.7 MB upload can hold 101 rows of 16,384 columns and unpack to
79 MB, and a zip of a few kilobytes can unpack to gigabytes: openpyxl spends a minute of CPU on
the first and runs out of memory on the second, and merely opening a workbook reads the top of
every sheet (all of a sheet that declares no dimension). So ``open_first_sheet`` looks before
openpyxl parses anything, cheapest first:

1. the zip's central directory: how tightly each part is packed, and the unpacked size of each
   part openpyxl parses whole (zipfile never unpacks more of a part than it declares);
2. the ``<dimension ref=…>`` the first sheet declares near its top;
3. the unpacked size of the whole file;
4. the XML openpyxl will parse, streamed through expat, which counts cells, columns, rows and
   elements and stops at the first one over a limit, so a sheet that lies about its dimension
   is cut off early too.

Only then does openpyxl open the workbook, read-only, to stream the first sheet's rows.
"""

from __future__ import annotations

import functools
import io
import zipfile
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from municipalities.spreadsheets.errors import ImportRefused

NOT_A_WORKBOOK = _(
    "This file is not a real Excel workbook (.xlsx); save it again as .xlsx or .csv."
)
UNREADABLE = _(
    "The Excel file could not be read; it may be damaged or protected with a password. "
    "Save it again as .xlsx or .csv."
)
# Parts smaller than this are harmless however tightly they are packed.
_RATIO_FLOOR = 1024 * 1024
# A sheet declares its dimension before its cells; this much of it is read to find it.
_PEEK_BYTES = 64 * 1024
_CHUNK = 64 * 1024


def limits():
    """The package holds the limits, read at call time, so they are set (and lowered by a
    test) in one place."""
    from municipalities import spreadsheets

    return spreadsheets


def grouped(value: int) -> str:
    """A number as the interface writes it: 16.384."""
    return number_format(value, force_grouping=True)


def megabytes(size: int) -> str:
    value = size / 1024 / 1024
    decimals = 0 if value >= 10 else 1
    # number_format cuts decimals off; round first.
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


def unpacked_too_large(size: int) -> ImportRefused:
    return ImportRefused(
        _("Unpacked, the file would be %(size)s MB; at most %(max)s MB can be read.")
        % {"size": megabytes(size), "max": megabytes(limits().MAX_UNZIPPED_BYTES)}
    )


def too_many_columns(columns: int | None = None) -> ImportRefused:
    maximum = limits().MAX_COLUMNS
    advice = _(
        "Delete the columns you do not need (select them and choose Delete: clearing them is "
        "not enough) and upload the file again."
    )
    if columns is None:
        reason = _("The sheet has more than %(max)s columns; at most %(max)s can be read.") % {
            "max": grouped(maximum)
        }
    else:
        reason = _("The sheet has %(count)s columns; at most %(max)s can be read.") % {
            "count": grouped(columns),
            "max": grouped(maximum),
        }
    return ImportRefused(f"{reason} {advice}")


def too_many_rows(rows: int | None = None) -> ImportRefused:
    maximum = limits().MAX_SHEET_ROWS
    advice = _("Delete the empty rows below the table, or split the file.")
    if rows is None:
        reason = _(
            "The file has more than %(max)s rows (blank rows included); at most %(max)s can "
            "be read."
        ) % {"max": grouped(maximum)}
    else:
        reason = _("The sheet has %(count)s rows; at most %(max)s can be read.") % {
            "count": grouped(rows),
            "max": grouped(maximum),
        }
    return ImportRefused(f"{reason} {advice}")


def open_first_sheet(data: bytes):
    """The first worksheet of an XLSX file, opened read-only by openpyxl once the file has
    shown it stays within the limits; returns ``(workbook, sheet)``, close the workbook after
    use. Raises ImportRefused, with the reason, for a file that cannot be read or is too big.
    """
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ImportRefused(NOT_A_WORKBOOK) from None
    except Exception:  # a zip version or feature zipfile does not support
        raise ImportRefused(UNREADABLE) from None
    with archive:
        if "[Content_Types].xml" not in archive.namelist():
            raise ImportRefused(NOT_A_WORKBOOK)
        _check_packing(archive)
        first, others, strings = _find_parts(data, archive)
        _check_dimension(archive, first)
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limits().MAX_UNZIPPED_BYTES:
            raise unpacked_too_large(unpacked)
        budget = _Budget()
        _scan(archive, first, _SheetCounter(budget))
        for name in others:
            _scan(archive, name, _TopOfSheetCounter(budget))
        if strings:
            _scan(archive, strings, _TextCounter(budget))
    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
        return workbook, workbook.worksheets[0]
    except Exception:  # openpyxl raises many types for a broken workbook
        raise ImportRefused(UNREADABLE) from None


def _check_packing(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    ratio = limits().MAX_COMPRESSION_RATIO
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size > ratio * packed:
            unpacked = sum(each.file_size for each in infos)
            if unpacked > limits().MAX_UNZIPPED_BYTES:
                raise unpacked_too_large(unpacked)
            raise ImportRefused(
                _(
                    "The file is packed %(ratio)s to 1, far more tightly than a spreadsheet "
                    "is; it is not read. Save it again from Excel as .xlsx."
                )
                % {"ratio": grouped(info.file_size // packed)}
            )


def _check_part_size(info: zipfile.ZipInfo) -> None:
    maximum = limits().MAX_PART_BYTES
    if info.file_size > maximum:
        raise ImportRefused(
            _("Unpacked, part %(part)s of the file would be %(size)s MB; at most %(max)s MB.")
            % {
                "part": info.filename,
                "size": megabytes(info.file_size),
                "max": megabytes(maximum),
            }
        )


def _find_parts(data: bytes, archive: zipfile.ZipFile) -> tuple[str, list[str], str | None]:
    """The first worksheet, the other sheets openpyxl opens, and the shared texts, found the
    way openpyxl finds them; every other XML part is held to MAX_PART_BYTES first, since
    openpyxl parses those whole."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, WORKSHEET_TYPE

    names = set(archive.namelist())
    _check_part_size(archive.getinfo("[Content_Types].xml"))
    reader = None
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, keep_links=False)
        reader.read_manifest()
        streamed = {
            part.PartName[1:]
            for part in reader.package.Override
            if part.ContentType in {SHARED_STRINGS, WORKSHEET_TYPE}
        }
        for info in archive.infolist():
            name = info.filename.lower()
            if info.filename not in streamed and name.endswith((".xml", ".rels", ".vml")):
                _check_part_size(info)
        reader.read_workbook()
        sheets = list(reader.parser.find_sheets())
        strings = reader.package.find(SHARED_STRINGS)
    except ImportRefused:
        raise
    except (OSError, KeyError):  # no workbook part, or a part the package names is missing
        raise ImportRefused(NOT_A_WORKBOOK) from None
    except Exception:
        raise ImportRefused(UNREADABLE) from None
    finally:
        if reader is not None:
            reader.archive.close()
    if len(sheets) > limits().MAX_SHEETS:
        raise ImportRefused(
            _(
                "The workbook has %(count)s sheets; at most %(max)s can be opened. Keep the sheet "
                "to import (the first) and delete the others."
            )
            % {"count": grouped(len(sheets)), "max": grouped(limits().MAX_SHEETS)}
        )
    # As openpyxl's read-only workbook: chart sheets and missing parts are no worksheets.
    worksheets = [
        rel.target
        for _sheet, rel in sheets
        if rel.target in names and "chartsheet" not in (rel.Type or "")
    ]
    if not worksheets:
        raise ImportRefused(_("The workbook has no sheet to read."))
    strings_part = strings.PartName[1:] if strings is not None else None
    return worksheets[0], worksheets[1:], strings_part if strings_part in names else None


def _check_dimension(archive: zipfile.ZipFile, sheet: str) -> None:
    from openpyxl.utils.cell import range_boundaries

    found = {}

    def start(name, attrs):
        local = name.rpartition(" ")[2]
        if local == "dimension":
            found["ref"] = attrs.get("ref", "")
            raise _Done
        if local == "sheetData":
            raise _Done

    _scan(archive, sheet, start, limit=_PEEK_BYTES)
    try:
        _min_col, _min_row, max_col, max_row = range_boundaries(found.get("ref") or "")
    except (TypeError, ValueError):
        return  # none, or one openpyxl cannot read either: the scan counts what is there
    if max_col is not None and max_col > limits().MAX_COLUMNS:
        raise too_many_columns(max_col)
    if max_row is not None and max_row > limits().MAX_SHEET_ROWS:
        raise too_many_rows(max_row)


class _Done(Exception):
    """A scan has seen what it needed."""


def _refuse_declarations(*args):
    # No XLSX part declares a DTD; refusing one keeps entity expansion out of every parser.
    raise ImportRefused(UNREADABLE)


def _scan(archive: zipfile.ZipFile, name: str, counter, *, limit: int | None = None) -> None:
    """Stream one part through expat, calling ``counter`` (or its start and end methods) per
    element, until the part ends, ``limit`` bytes are read, or the counter raises."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    if callable(counter):
        parser.StartElementHandler = counter
    else:
        parser.StartElementHandler = counter.start
        parser.EndElementHandler = counter.end
    read = 0
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
                read += len(chunk)
                if limit is not None and read >= limit:
                    return
            parser.Parse(b"", True)
    except _Done:
        pass
    except ImportRefused:
        raise
    except Exception:  # broken XML, a damaged zip stream, a bad reference
        raise ImportRefused(UNREADABLE) from None


@functools.cache
def _column_numbers() -> dict[str, int]:
    from openpyxl.utils.cell import get_column_letter

    return {get_column_letter(number): number for number in range(1, 18279)}


def _row_number(text: str) -> int:
    # As openpyxl: "5" and "5.0" are row 5.
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise
        return int(value)


class _Budget:
    """What the scans counted across the parts openpyxl will parse."""

    def __init__(self):
        self.elements = 0
        self.max_elements = limits().MAX_XML_ELEMENTS
        self.formats = 0
        self.max_formats = limits().MAX_FORMAT_ELEMENTS

    def element(self) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise ImportRefused(
                _(
                    "The workbook holds more than can be read (over %(max)s XML elements in its "
                    "sheets and texts); copy only the table into a new workbook and upload that."
                )
                % {"max": grouped(self.max_elements)}
            )

    def format(self) -> None:
        self.formats += 1
        if self.formats > self.max_formats:
            raise ImportRefused(
                _(
                    "The workbook has more than %(max)s merged cells, formatted text runs, "
                    "conditional formats, links and other settings besides its values; at most "
                    "%(max)s can be read. Copy only the values into a new workbook (Paste "
                    "Special, Values) and upload that."
                )
                % {"max": grouped(self.max_formats)}
            )


class _SheetCounter:
    """Counts the first sheet as openpyxl reads it. Every child of a ``row`` is a cell, in the
    column its ``r`` names or the one after the previous cell; a row without ``r`` follows the
    previous one. What a cell holds beyond a value (or a formula and its value) is formatting,
    and so is every element besides the rows and cells."""

    def __init__(self, budget: _Budget):
        self.budget = budget
        self.max_cells = limits().MAX_CELLS
        self.max_columns = limits().MAX_COLUMNS
        self.max_rows = limits().MAX_SHEET_ROWS
        self.columns = _column_numbers()
        self.depth = 0
        self.row_depth = -1
        self.cell_depth = -1
        self.in_cell = 0
        self.row = 0
        self.column = 0
        self.cells = 0

    def start(self, name, attrs):
        self.depth += 1
        self.budget.element()
        if self.depth == self.row_depth + 1:
            self.cell(attrs)
        elif self.cell_depth > 0:
            self.in_cell += 1
            if self.in_cell > 2:
                self.budget.format()
        elif name.endswith(" row") or name == "row":
            self.row_depth = self.depth
            ref = attrs.get("r")
            self.row = _row_number(ref) if ref else self.row + 1
            self.column = 0
            if self.row > self.max_rows:
                raise too_many_rows()
        elif self.depth > 1 and not name.endswith("sheetData"):
            self.budget.format()

    def cell(self, attrs):
        self.cell_depth = self.depth
        self.in_cell = 0
        self.cells += 1
        if self.cells > self.max_cells:
            raise ImportRefused(
                _(
                    "The workbook has more than %(max)s cells (filled or formatted); at most "
                    "%(max)s can be read. Delete what you do not need, or split the file."
                )
                % {"max": grouped(self.max_cells)}
            )
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            self.column = self.columns.get(letters) or self.columns[letters.upper()]
        else:
            self.column += 1
        if self.column > self.max_columns:
            raise too_many_columns()

    def end(self, name):
        if self.depth == self.cell_depth:
            self.cell_depth = -1
        elif self.depth == self.row_depth:
            self.row_depth = -1
        self.depth -= 1


class _TopOfSheetCounter:
    """Counts what opening the workbook parses of another sheet: up to its dimension, or all
    of it when it declares none."""

    def __init__(self, budget: _Budget):
        self.budget = budget

    def start(self, name, attrs):
        self.budget.element()
        if name.endswith("dimension"):
            raise _Done

    def end(self, name):
        if name.endswith("sheetData"):
            raise _Done


class _TextCounter:
    """Counts the shared texts, which openpyxl reads all of when it opens the workbook; what a
    text holds beyond its one ``<t>`` is formatting."""

    def __init__(self, budget: _Budget):
        self.budget = budget
        self.max_texts = limits().MAX_CELLS
        self.depth = 0
        self.texts = 0
        self.in_text = 0

    def start(self, name, attrs):
        self.depth += 1
        self.budget.element()
        if self.depth == 2:
            self.texts += 1
            self.in_text = 0
            if self.texts > self.max_texts:
                raise ImportRefused(
                    _(
                        "The workbook holds more than %(max)s different texts (in all its "
                        "sheets); at most %(max)s can be read. Keep only the sheet to import, "
                        "or split the file."
                    )
                    % {"max": grouped(self.max_texts)}
                )
        elif self.depth > 2:
            self.in_text += 1
            if self.in_text > 1:
                self.budget.format()

    def end(self, name):
        self.depth -= 1
