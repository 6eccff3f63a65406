"""Spreadsheet import and export for the intake: schools and sites, care providers, leisure actors.

An import takes two steps. ``read_table`` turns an uploaded CSV or XLSX file into rows of plain
text keyed by column (kept in ``ImportBatch.rows``); ``preview_import`` classifies every row as
new, changed, unchanged or error against the database; ``apply_import`` validates again and
writes the valid rows in one transaction. Exports write the same columns in the same human
forms, so exporting and importing again changes nothing.

Formulas are never evaluated: a formula cell is an error for its row and column.
"""

# Read at call time by the reader (through this package), so this one setting governs and a
# test can lower it.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

from municipalities.spreadsheets.columns import (  # noqa: E402
    CARE_PROVIDERS,
    LEISURE_ACTORS,
    SCHOOLS,
    Column,
    ImportRefused,
    columns_for,
)
from municipalities.spreadsheets.exporting import (  # noqa: E402
    export_csv,
    export_table,
    export_xlsx,
    template_csv,
    template_xlsx,
)
from municipalities.spreadsheets.importing import (  # noqa: E402
    ImportPreview,
    RowResult,
    apply_import,
    preview_import,
)
from municipalities.spreadsheets.reading import Table, read_table  # noqa: E402

__all__ = [
    "CARE_PROVIDERS",
    "LEISURE_ACTORS",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "SCHOOLS",
    "Column",
    "ImportPreview",
    "ImportRefused",
    "RowResult",
    "Table",
    "apply_import",
    "columns_for",
    "export_csv",
    "export_table",
    "export_xlsx",
    "preview_import",
    "read_table",
    "template_csv",
    "template_xlsx",
]
