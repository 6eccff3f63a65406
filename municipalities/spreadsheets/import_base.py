"""What the import of every kind shares: parsed rows, areas, the diff against the database,
and bulk writes that keep history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from municipalities.models import Area, Trajectory
from municipalities.spreadsheets.cells import CellError, collapse
from municipalities.spreadsheets.columns import Column
from municipalities.spreadsheets.kinds import columns_for
from plus_portal.spreadsheets import restore_text

BATCH_SIZE = 500

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
STATUSES = (NEW, CHANGED, UNCHANGED, ERROR)


@dataclass
class ParsedRow:
    row: int
    cells: dict[str, str]
    values: dict[str, Any]
    errors: list[tuple[str, str]]
    status: str = ERROR
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    # Filled in by the classification, used by the write.
    changed: list[str] = field(default_factory=list)
    site_changed: list[str] = field(default_factory=list)
    year_changed: list[str] = field(default_factory=list)
    obj: Any = None


def parse_cells(columns: list[Column], cells: dict[str, str]):
    """The values of a row's cells, and (header, message) for each cell that holds none."""
    values, errors = {}, []
    for column in columns:
        text = str(cells.get(column.key, "")).strip()
        if text.startswith("="):
            errors.append(
                (
                    column.header,
                    gettext("contains a formula; formulas are not evaluated — paste the values."),
                )
            )
            continue
        # The apostrophe an export put before a "formula-like" text is not part of it.
        text = restore_text(text).strip()
        try:
            values[column.key] = column.clean(text)
        except CellError as error:
            errors.append((column.header, error.message))
    return values, errors


class KindImport:
    """The import of one kind: classifies the parsed rows, then writes the valid ones."""

    kind: str

    def __init__(self, trajectory: Trajectory, parsed: list[ParsedRow], present: set[str], notes):
        self.trajectory = trajectory
        self.parsed = parsed
        self.present = present
        self.columns = {column.key: column for column in columns_for(self.kind)}
        self.areas = {area_key(area.name): area for area in trajectory.areas.all()}
        self.areas_by_pk = {area.pk: area for area in self.areas.values()}
        self.new_areas: dict[str, str] = {}

    def classify(self) -> None:
        raise NotImplementedError

    def write(self, by) -> None:
        raise NotImplementedError

    def error(self, item: ParsedRow, key: str, message: str) -> None:
        item.errors.append((self.columns[key].header, str(message)))

    def diff(self, item: ParsedRow, obj, attributes: dict[str, str]) -> list[str]:
        """The column keys whose value in the row differs from the object's; records changes."""
        changed = []
        for key, attribute in attributes.items():
            if key not in item.values:
                continue
            new = item.values[key]
            if key == "area":
                old_area = self.areas_by_pk.get(obj.area_id)
                old = old_area.name if old_area else ""
                differs = area_key(old) != area_key(new)
            else:
                old = getattr(obj, attribute)
                differs = comparable(old) != comparable(new)
            if differs:
                column = self.columns[key]
                item.changes.append((column.header, column.display(old), column.display(new)))
                changed.append(key)
        return changed

    def note_area(self, item: ParsedRow) -> None:
        name = item.values.get("area")
        if name and area_key(name) not in self.areas:
            self.new_areas.setdefault(area_key(name), name)

    def notes_after(self) -> list[str]:
        if not self.new_areas:
            return []
        return [
            gettext("These areas are new and will be added: %(areas)s.")
            % {"areas": ", ".join(sorted(self.new_areas.values()))}
        ]

    def area_for(self, name: str | None):
        return self.areas.get(area_key(name)) if name else None

    def create_areas(self, by) -> None:
        wanted = {
            key: name
            for key, name in self.new_areas.items()
            if any(p.status != ERROR and area_key(p.values.get("area")) == key for p in self.parsed)
        }
        created = bulk_create_with_history(
            [Area(trajectory=self.trajectory, name=name) for name in wanted.values()],
            Area,
            batch_size=BATCH_SIZE,
            default_user=by,
        )
        for area in created:
            self.areas[area_key(area.name)] = area

    def valid(self) -> list[ParsedRow]:
        return [p for p in self.parsed if p.status != ERROR]


def area_key(name: str | None) -> str:
    return collapse(name or "").casefold()


def comparable(value: Any) -> Any:
    """A value as it compares with another: lists without order, decimals without zeros."""
    if isinstance(value, list | tuple):
        return sorted(value)
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def save_records(model, new: list, changed: list, fields: set[str], by) -> None:
    """Create and update in batches, with a history entry for each record."""
    if new:
        bulk_create_with_history(new, model, batch_size=BATCH_SIZE, default_user=by)
    if changed:
        bulk_update_with_history(
            changed, model, sorted(fields), batch_size=BATCH_SIZE, default_user=by
        )
