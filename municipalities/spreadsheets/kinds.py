"""The kinds of import, their column sets, and how a header names a column."""

from __future__ import annotations

from municipalities.models import ImportBatch
from municipalities.spreadsheets import actors, providers, schools
from municipalities.spreadsheets.cells import norm
from municipalities.spreadsheets.columns import Column

SCHOOLS = ImportBatch.Kind.SCHOOLS.value
CARE_PROVIDERS = ImportBatch.Kind.CARE_PROVIDERS.value
LEISURE_ACTORS = ImportBatch.Kind.LEISURE_ACTORS.value

COLUMNS: dict[str, list[Column]] = {
    SCHOOLS: schools.COLUMNS,
    CARE_PROVIDERS: providers.COLUMNS,
    LEISURE_ACTORS: actors.COLUMNS,
}
SHEET_TITLES = {SCHOOLS: "Scholen", CARE_PROVIDERS: "Opvang", LEISURE_ACTORS: "Vrije tijd"}
# Dutch words for download file names, whatever the interface language: the files are shared
# with municipal officials, who keep them beside their own Dutch lists.
FILE_WORDS = {SCHOOLS: "scholen", CARE_PROVIDERS: "opvang", LEISURE_ACTORS: "vrije-tijd"}


def columns_for(kind: str) -> list[Column]:
    """The columns an import of this kind accepts, in the order exports write them."""
    try:
        return COLUMNS[kind]
    except KeyError:
        raise ValueError(f"Unknown import kind {kind!r}.") from None


def _header_lookup(columns: list[Column]) -> dict[str, str]:
    lookup = {}
    for column in columns:
        for word in (column.header, column.key, *column.aliases):
            lookup.setdefault(norm(word), column.key)
    return lookup


# The column key each folded header word names, per kind.
HEADER_LOOKUPS = {kind: _header_lookup(columns) for kind, columns in COLUMNS.items()}
# For a file read without its kind: the first kind's meaning wins; fallback_key sorts out the
# one header that means different things ("Adres": a site's street, a provider's address).
ANY_HEADER_LOOKUP = {
    word: key for kind in reversed(COLUMNS) for word, key in HEADER_LOOKUPS[kind].items()
}
# The header of each column key of any kind, the first kind's first.
ANY_HEADERS = {column.key: column.header for kind in reversed(COLUMNS) for column in COLUMNS[kind]}
