"""A record's change history as people read it: who changed what, when."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from plus_portal.templatetags.portal import display_value

CHANGE_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
IGNORED_FIELDS = {"created_at", "updated_at", "version"}


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


def record_history_entries(record: models.Model) -> list[HistoryEntry]:
    model = type(record)
    entries = []
    history = list(record.history.select_related("history_user").order_by("history_date"))
    previous = None
    for historical in history:
        changes = []
        if previous is not None:
            delta = historical.diff_against(previous)
            for change in delta.changes:
                if change.field in IGNORED_FIELDS:
                    continue
                field = model._meta.get_field(change.field)
                if isinstance(field, models.ManyToManyField):
                    continue
                changes.append(
                    (
                        field.verbose_name,
                        _display(previous, model, change.field),
                        _display(historical, model, change.field),
                    )
                )
        entries.append(
            HistoryEntry(
                when=historical.history_date,
                who=historical.history_user,
                kind=CHANGE_KINDS[historical.history_type],
                changes=changes,
            )
        )
        previous = historical
    return list(reversed(entries))
