"""Spreadsheet import and export for the intake: schools and sites, care providers, leisure actors.

An import takes two steps. ``read_table`` turns an uploaded CSV or XLSX file into rows of plain
text keyed by column (kept in ``ImportBatch.rows``); ``preview_import`` classifies every row as
new, changed, unchanged or error against the database; ``apply_import`` validates again and
writes the valid rows in one transaction. Exports write the same columns in the same human
forms, so exporting and importing again changes nothing.

Formulas are never evaluated: a formula cell is an error for its row and column.

Where things live: ``cells`` reads one cell's text (``CellError``), ``vocabulary`` holds the
words for the codes, ``columns`` the ``Column`` that checks a cell through its model field,
``schools``, ``providers`` and ``actors`` the column set of each kind, ``kinds`` which kind has
which columns; ``workbooks`` and ``reading`` read a file, ``importing`` (with ``import_base``,
``school_import`` and ``named_import``) previews and applies it, and ``exporting`` writes the
same columns back through the portal's one spreadsheet writer, ``plus_portal.spreadsheets``.
"""

# Read at call time by the reader (through this package), so this one setting governs and a
# test can lower it. Together they keep the dearest file a web request reads near 2 s of CPU
# on 2 cores (openpyxl reads some 80,000 cells a second; expat counts them five times faster
# first), and refuse anything larger within a few hundredths of a second
# (bench/import_limits.py).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000  # data rows; blank rows are skipped
# What is read of a sheet, blank rows and formatted empty cells included.
MAX_SHEET_ROWS = 20_000
MAX_COLUMNS = 100  # the widest template has 21
# A header and 5,000 rows of 30 columns with room to spare; also the most different texts.
MAX_CELLS = 160_000
# An XLSX file is a zip of XML; these bound what openpyxl would unpack and parse.
MAX_SHEETS = 100  # opening a workbook reads the top of every sheet
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 10 * 1024 * 1024  # a part openpyxl parses whole: styles, workbook, relations
# Spreadsheet XML packs 5-30 to 1 (more without cell references); a zip bomb about 1,000 to 1.
MAX_COMPRESSION_RATIO = 200
# Everything openpyxl parses of the sheets and shared texts (about 1.5 µs an element), and of
# that what it turns into objects (20-45 µs each): merged cells, conditional formats, links,
# formatted text runs and other settings besides the cells' values.
MAX_XML_ELEMENTS = 1_000_000
MAX_FORMAT_ELEMENTS = 30_000

from municipalities.spreadsheets.columns import Column  # noqa: E402
from municipalities.spreadsheets.errors import ImportRefused  # noqa: E402
from municipalities.spreadsheets.exporting import (  # noqa: E402
    export_csv,
    export_filename,
    export_table,
    export_xlsx,
    template_csv,
    template_filename,
    template_xlsx,
)
from municipalities.spreadsheets.importing import (  # noqa: E402
    ImportPreview,
    RowResult,
    apply_import,
    import_result_message,
    preview_import,
)
from municipalities.spreadsheets.kinds import (  # noqa: E402
    CARE_PROVIDERS,
    LEISURE_ACTORS,
    SCHOOLS,
    columns_for,
)
from municipalities.spreadsheets.reading import Table, read_table  # noqa: E402

__all__ = [
    "CARE_PROVIDERS",
    "LEISURE_ACTORS",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_FORMAT_ELEMENTS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_SHEET_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_XML_ELEMENTS",
    "SCHOOLS",
    "Column",
    "ImportPreview",
    "ImportRefused",
    "RowResult",
    "Table",
    "apply_import",
    "columns_for",
    "export_csv",
    "export_filename",
    "export_table",
    "export_xlsx",
    "import_result_message",
    "preview_import",
    "read_table",
    "template_csv",
    "template_filename",
    "template_xlsx",
]
