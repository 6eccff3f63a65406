"""The history of the rows of one part of a worker's file (competences, availability, the
POP's improvement actions, …), deleted rows included, as people read it.

``plus_portal.history`` tells the history of one record; here a part of the file is many small
rows that come and go, so each entry names the row it concerns. Runs two queries whatever the
number of rows: the historical rows, and the names behind their foreign keys.
"""

from collections import defaultdict

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from plus_portal.history import CHANGE_KINDS, HistoryEntry, record_history_entries
from staffing.models import DevelopmentPlan, ImprovementAction


def _value(historical, field: models.Field, names: dict) -> str:
    if isinstance(field, models.ForeignKey):
        return names.get(getattr(historical, field.attname), "—")
    value = getattr(historical, field.attname)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.TimeField):
        return formats.time_format(value, "H:i")
    if isinstance(field, models.DecimalField):
        return formats.number_format(value)
    return str(value)


def rows_history(model: type[models.Model], fields: list[str], **filters) -> list[HistoryEntry]:
    """Every change to the rows of ``model`` matching ``filters``, newest first.

    A created or deleted row is told as one line with its values; a changed row as the fields
    that changed, before and after.
    """
    meta_fields = [model._meta.get_field(name) for name in fields]
    history = list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names: dict = {}
    for field in meta_fields:
        if isinstance(field, models.ForeignKey):
            ids = {getattr(h, field.attname) for h in history} - {None}
            names |= {
                obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)
            }
    label = str(model._meta.verbose_name)
    previous: dict = defaultdict(lambda: None)
    entries = []
    for historical in history:
        before = previous[historical.id]
        summary = " · ".join(_value(historical, field, names) for field in meta_fields)
        if historical.history_type == "~" and before is not None:
            changes = [
                (field.verbose_name, _value(before, field, names), _value(historical, field, names))
                for field in meta_fields
                if getattr(before, field.attname) != getattr(historical, field.attname)
            ]
            if not changes:
                previous[historical.id] = historical
                continue
        elif historical.history_type == "-":
            changes = [(label, summary, "—")]
        else:
            changes = [(label, "—", summary)]
        entries.append(
            HistoryEntry(
                when=historical.history_date,
                who=historical.history_user,
                kind=CHANGE_KINDS[historical.history_type],
                changes=changes,
            )
        )
        previous[historical.id] = historical
    return list(reversed(entries))


def pop_history(pop: DevelopmentPlan) -> list[HistoryEntry]:
    """The history of a saved POP and of its improvement actions together, newest first."""
    entries = [
        *record_history_entries(pop),
        *rows_history(ImprovementAction, ["description", "owner", "due_on", "done"], pop_id=pop.pk),
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
