"""Preview and apply an import: classify rows against the database, then write them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, ngettext

from municipalities.models import Trajectory
from municipalities.spreadsheets.columns import Column
from municipalities.spreadsheets.errors import ImportRefused
from municipalities.spreadsheets.import_base import (
    CHANGED,
    ERROR,
    NEW,
    STATUSES,
    UNCHANGED,
    KindImport,
    ParsedRow,
    parse_cells,
)
from municipalities.spreadsheets.kinds import (
    ANY_HEADERS,
    CARE_PROVIDERS,
    LEISURE_ACTORS,
    SCHOOLS,
    columns_for,
)
from municipalities.spreadsheets.named_import import ActorImport, ProviderImport
from municipalities.spreadsheets.school_import import SchoolImport

_IMPORTS: dict[str, type[KindImport]] = {
    SCHOOLS: SchoolImport,
    CARE_PROVIDERS: ProviderImport,
    LEISURE_ACTORS: ActorImport,
}


@dataclass
class RowResult:
    row: int
    status: str
    cells: dict[str, str]
    errors: list[tuple[str, str]] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[RowResult]
    counts: dict[str, int]
    columns: list[Column]
    has_errors: bool
    notes: list[str]


@dataclass
class _Analysis:
    preview: ImportPreview
    write: Callable[[Any], None]


def preview_import(*, trajectory: Trajectory, kind: str, rows: list[dict]) -> ImportPreview:
    """Classify every row against the database without writing anything.

    Runs a fixed number of queries: what the rows refer to is loaded once, up front.
    """
    return _analyse(trajectory, kind, rows).preview


def apply_import(*, trajectory: Trajectory, kind: str, rows: list[dict], by, allow_partial: bool):
    """Validate the rows again against the data as it is now and write them in one transaction.

    With errors, nothing is written unless ``allow_partial``; then only the valid rows are.
    Returns the counts per status.
    """
    try:
        with transaction.atomic():
            # Imports into one trajectory take turns, so each validates against the other's result.
            Trajectory.objects.select_for_update().filter(pk=trajectory.pk).exists()
            analysis = _analyse(trajectory, kind, rows)
            errors = analysis.preview.counts[ERROR]
            if errors and not allow_partial:
                raise ImportRefused(
                    ngettext(
                        "%(count)d row has errors. Correct it, or choose to import only the "
                        "valid rows.",
                        "%(count)d rows have errors. Correct them, or choose to import only the "
                        "valid rows.",
                        errors,
                    )
                    % {"count": errors}
                )
            analysis.write(by)
    except IntegrityError:
        raise ImportRefused(
            gettext("The data changed while importing. Upload the file again for a fresh preview.")
        ) from None
    return dict(analysis.preview.counts)


def import_result_message(counts: dict[str, int]) -> str:
    """What an applied import did, for the message after confirming (counts from apply)."""
    return gettext("Import done: %(new)s, %(changed)s, %(unchanged)s, %(error)s.") % {
        "new": ngettext("%(count)d new", "%(count)d new", counts[NEW]) % {"count": counts[NEW]},
        "changed": ngettext("%(count)d changed", "%(count)d changed", counts[CHANGED])
        % {"count": counts[CHANGED]},
        "unchanged": ngettext("%(count)d unchanged", "%(count)d unchanged", counts[UNCHANGED])
        % {"count": counts[UNCHANGED]},
        "error": ngettext(
            "%(count)d row with errors left out",
            "%(count)d rows with errors left out",
            counts[ERROR],
        )
        % {"count": counts[ERROR]},
    }


def _analyse(trajectory: Trajectory, kind: str, rows: list[dict]) -> _Analysis:
    columns = columns_for(kind)
    ignored = list(rows[0].get("ignored_headers", ())) if rows else []
    rows = [row for row in rows if any(str(v).strip() for v in row.get("cells", {}).values())]
    present: set[str] = set()
    for row in rows:
        present.update(row["cells"])
    keys = {column.key for column in columns}
    renamed = {
        column.fallback_key: column.key
        for column in columns
        if column.fallback_key and column.key not in present and column.fallback_key in present
    }
    present = {renamed.get(key, key) for key in present}
    notes = []
    ignored += [header for key, header in ANY_HEADERS.items() if key in present - keys]
    if ignored:
        notes.append(
            gettext("These columns are not recognised and are ignored: %(headers)s.")
            % {"headers": ", ".join(ignored)}
        )
    missing = [column.header for column in columns if column.required and column.key not in present]
    file_columns = [column for column in columns if column.key in present]
    parsed = []
    for row in rows:
        cells = {renamed.get(key, key): value for key, value in row["cells"].items()}
        values, errors = parse_cells(file_columns, cells)
        errors[:0] = [
            (header, gettext("This column is missing from the file.")) for header in missing
        ]
        parsed.append(ParsedRow(int(row["row"]), row["cells"], values, errors))
    importer = _IMPORTS[kind](trajectory, parsed, present, notes)
    importer.classify()
    results = [
        RowResult(row=p.row, status=p.status, cells=p.cells, errors=p.errors, changes=p.changes)
        for p in parsed
    ]
    counts = dict.fromkeys(STATUSES, 0)
    for result in results:
        counts[result.status] += 1
    preview = ImportPreview(
        rows=results,
        counts=counts,
        columns=file_columns,
        has_errors=counts[ERROR] > 0,
        notes=notes + importer.notes_after(),
    )
    return _Analysis(preview=preview, write=importer.write)
