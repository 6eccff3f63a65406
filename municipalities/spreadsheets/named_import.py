"""The import of care providers and leisure actors: one record per row, matched on its name."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext

from municipalities.models import CareProvider, LeisureActor, Site
from municipalities.spreadsheets import actors, providers
from municipalities.spreadsheets.cells import site_key_label
from municipalities.spreadsheets.import_base import (
    CHANGED,
    NEW,
    UNCHANGED,
    KindImport,
    ParsedRow,
    save_records,
)
from municipalities.spreadsheets.kinds import CARE_PROVIDERS, LEISURE_ACTORS


class NamedImport(KindImport):
    """Care providers and leisure actors: one record per row, matched on its name."""

    model: type
    attributes: dict[str, str]

    def __init__(self, trajectory, parsed, present, notes):
        super().__init__(trajectory, parsed, present, notes)
        self.existing = {obj.name: obj for obj in self.model.objects.filter(trajectory=trajectory)}

    def classify(self) -> None:
        first_of_name: dict[str, int] = {}
        for item in self.parsed:
            name = item.values.get("name")
            if name:
                first = first_of_name.setdefault(name, item.row)
                if first != item.row:
                    self.error(item, "name", gettext("Duplicate of row %(row)s.") % {"row": first})
            self.check(item)
            if item.errors:
                continue
            self.note_area(item)
            obj = self.existing.get(name)
            if obj is None:
                item.status = NEW
                continue
            item.changed = self.diff(item, obj, self.attributes)
            item.changed += self.diff_more(item, obj)
            item.status = CHANGED if item.changes else UNCHANGED

    def check(self, item: ParsedRow) -> None:
        pass

    def diff_more(self, item: ParsedRow, obj) -> list[str]:
        return []

    def assign(self, obj, values: dict, keys: Iterable[str]) -> None:
        for key in keys:
            if key not in values or key not in self.attributes:
                continue
            if key == "area":
                obj.area = self.area_for(values[key])
            else:
                setattr(obj, self.attributes[key], values[key])

    def write(self, by) -> None:
        self.create_areas(by)
        now = timezone.now()
        new, changed, fields = [], [], {"updated_at"}
        for item in self.valid():
            obj = self.existing.get(item.values["name"])
            if obj is None:
                obj = self.model(trajectory=self.trajectory)
                self.assign(obj, item.values, self.attributes)
                new.append(obj)
            elif item.status == CHANGED:
                keys = [key for key in item.changed if key in self.attributes]
                self.assign(obj, item.values, keys)
                obj.updated_at = now
                fields.update(self.attributes[key] for key in keys)
                changed.append(obj)
            item.obj = obj
        save_records(self.model, new, changed, fields, by)
        self.write_more(by)

    def write_more(self, by) -> None:
        pass


class ProviderImport(NamedImport):
    kind = CARE_PROVIDERS
    model = CareProvider
    attributes = providers.FIELDS

    def __init__(self, trajectory, parsed, present, notes):
        super().__init__(trajectory, parsed, present, notes)
        self.site_pks, self.site_keys = {}, {}
        for pk, number, site_number in Site.objects.filter(
            school__trajectory=trajectory
        ).values_list("pk", "school__institution_number", "site_number"):
            self.site_pks[(number, site_number)] = pk
            self.site_keys[pk] = (number, site_number)
        self.served: dict[int, set[int]] = {}
        through = CareProvider.sites_served.through
        for provider_id, site_id in through.objects.filter(
            careprovider__trajectory=trajectory
        ).values_list("careprovider_id", "site_id"):
            self.served.setdefault(provider_id, set()).add(site_id)

    def check(self, item: ParsedRow) -> None:
        unknown = [key for key in item.values.get("sites_served", ()) if key not in self.site_pks]
        if unknown:
            self.error(
                item,
                "sites_served",
                gettext("These school sites are not in this trajectory: %(sites)s.")
                % {"sites": ", ".join(site_key_label(key) for key in unknown)},
            )

    def diff_more(self, item: ParsedRow, obj) -> list[str]:
        if "sites_served" not in item.values:
            return []
        old = tuple(sorted(self.site_keys[pk] for pk in self.served.get(obj.pk, ())))
        new = item.values["sites_served"]
        if old == new:
            return []
        column = self.columns["sites_served"]
        item.changes.append((column.header, column.display(old), column.display(new)))
        return ["sites_served"]

    def write_more(self, by) -> None:
        # Few providers serve sites, so each sets its own: the m2m signal then records the
        # change in the provider's history, with its sites.
        for item in self.valid():
            if "sites_served" not in item.values:
                continue
            if item.status == CHANGED and "sites_served" not in item.changed:
                continue
            wanted = {self.site_pks[key] for key in item.values["sites_served"]}
            if item.status == NEW and not wanted:
                continue
            item.obj._history_user = by
            item.obj.sites_served.set(wanted)


class ActorImport(NamedImport):
    kind = LEISURE_ACTORS
    model = LeisureActor
    attributes = actors.FIELDS
