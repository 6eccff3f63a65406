"""A record's change history as people read it: who changed what, when."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from plus_portal.templatetags.portal import display_value

CHANGE_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
IGNORED_FIELDS = {"created_at", "updated_at", "version"}
# Rows of one record written this close together, by one person, are one save.
SAVE_SECONDS = 5


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: object
    kind: str
    changes: list[tuple[str, str, str]]


def _display(historical, model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        value = getattr(historical, field.attname)
        related = field.related_model.objects.filter(pk=value).first() if value else None
        return str(related) if related else "—"
    instance = model(**{name: getattr(historical, name)})
    return display_value(instance, name)


def _display_related(field: models.ManyToManyField, rows: list[dict], names: dict) -> str:
    """The objects a many-to-many field held, by name, from simple_history's through rows."""
    target = field.m2m_reverse_field_name()
    labels = sorted(names.get((field.related_model, row[target]), "—") for row in rows)
    return ", ".join(labels) or "—"


def _related_names(model, deltas) -> dict:
    """Names of every object the deltas' many-to-many changes mention: one query per model."""
    wanted: dict[type, set] = {}
    for delta in deltas:
        for change in delta.changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ManyToManyField):
                target = field.m2m_reverse_field_name()
                ids = {row[target] for row in [*change.old, *change.new]}
                wanted.setdefault(field.related_model, set()).update(ids)
    return {
        (related, pk): str(obj)
        for related, ids in wanted.items()
        for pk, obj in related._base_manager.in_bulk(ids).items()
    }


def _saves(history: list) -> list[list]:
    """Historical rows grouped per save: simple_history writes one row for the save and one
    more for each many-to-many field the same form then sets, by the same person, at once."""
    groups: list[list] = []
    for historical in history:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and historical.history_type == "~"
            and last.history_type != "-"
            and historical.history_user_id == last.history_user_id
            and (historical.history_date - last.history_date).total_seconds() <= SAVE_SECONDS
        ):
            groups[-1].append(historical)
        else:
            groups.append([historical])
    return groups


def record_history_entries(record: models.Model) -> list[HistoryEntry]:
    """Newest first: who changed which fields (many-to-many included) from what to what,
    one entry per save."""
    model = type(record)
    history = list(record.history.select_related("history_user").order_by("history_date", "pk"))
    groups = _saves(history)
    # Each save is compared with the state before it: the last row of the previous save.
    pairs = [
        (group[-1], groups[index - 1][-1] if index else None) for index, group in enumerate(groups)
    ]
    deltas = {id(new): new.diff_against(old) for new, old in pairs if old is not None}
    names = _related_names(model, deltas.values())
    entries = []
    for group, (newest, before) in zip(groups, pairs, strict=True):
        changes = []
        if before is not None and group[0].history_type != "+":
            for change in deltas[id(newest)].changes:
                if change.field in IGNORED_FIELDS:
                    continue
                field = model._meta.get_field(change.field)
                if isinstance(field, models.ManyToManyField):
                    old = _display_related(field, change.old, names)
                    new = _display_related(field, change.new, names)
                    if old == new:
                        continue  # the same objects, rows written again
                else:
                    old = _display(before, model, change.field)
                    new = _display(newest, model, change.field)
                changes.append((field.verbose_name, old, new))
        first = group[0]
        entries.append(
            HistoryEntry(
                when=newest.history_date,
                who=first.history_user,
                kind=CHANGE_KINDS[first.history_type],
                changes=changes,
            )
        )
    return list(reversed(entries))
