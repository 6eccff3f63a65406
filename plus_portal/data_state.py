"""A short string that changes whenever a record of some apps is written: the key of what a
page caches of them (``staffing.overview``, ``swot.matrix``, the plan page).

Read in one query, however many tables: the newest history id of every history table (an
index lookup, whatever the size), and for a table without history its count and highest id
(a row added or deleted) and the sum of its lock versions where it has them. Every write to
a table with history writes history (moves and renumbering too), and the history of
many-to-many changes is written with a history row of its owner, so neither is read. What
it cannot see is an UPDATE of a table without a history that changes no version: the portal
writes such rows only with their parent (an action's slots, a placement's slots), whose
history then moves. The reference list of municipalities and postal codes is not read at
all: only ``load_municipalities`` writes it, after a Statbel update, and pages cached by this
key show its changes when they expire (a day at most).

A label is an app ("swot": all its models) or one model ("execution.ProgressNote": the model
with its history and many-to-many tables), for a page that shows only a little of an app.
"""

import hashlib
import weakref
from functools import lru_cache

from django.apps import apps
from django.db import connection, models
from django.utils.translation import get_language

#: The state statements prepared on each open PostgreSQL connection; they last as long as it.
_prepared = weakref.WeakKeyDictionary()


def _is_history(model) -> bool:
    return model.__name__.startswith("Historical") and any(
        field.name == "history_id" for field in model._meta.fields
    )


def _is_m2m_history(model) -> bool:
    """simple_history's record of a many-to-many field, one per history row of the owner."""
    return model._meta.pk.name == "m2m_history_id"


#: Written only by ``load_municipalities``; see the module docstring.
REFERENCE_MODELS = {"municipalities.Municipality", "municipalities.PostalCode"}


def _models(label: str) -> list:
    if "." not in label:
        return list(apps.get_app_config(label).get_models(include_auto_created=True))
    model = apps.get_model(label)
    found = [model, *(field.remote_field.through for field in model._meta.local_many_to_many)]
    if manager := getattr(model._meta, "simple_history_manager_attribute", None):
        found.append(getattr(model, manager).model)
    return found


@lru_cache
def _state_sql(app_labels: tuple[str, ...]) -> str:
    parts = []
    for label in app_labels:
        for model in _models(label):
            if model._meta.label in REFERENCE_MODELS:
                continue
            table = model._meta.db_table
            if _is_history(model):
                parts.append(f"(SELECT MAX(history_id) FROM {table})")
                continue
            if _is_m2m_history(model) or hasattr(model._meta, "simple_history_manager_attribute"):
                continue
            if isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
                column = model._meta.pk.column
                parts.append(f"(SELECT COUNT(*) || '.' || COALESCE(MAX({column}), 0) FROM {table})")
            versions = [
                field.column
                for field in model._meta.concrete_fields
                if field.name == "version" and isinstance(field, models.IntegerField)
            ]
            parts += [f"(SELECT SUM({column}) FROM {table})" for column in versions]
    return f"SELECT {', '.join(parts)}"


def _execute_prepared(cursor, sql: str) -> None:
    """PostgreSQL would plan the statement's some ninety subselects on every call (5 of its
    8 ms on the plan page); prepared once per connection, it is planned once. Persistent
    connections (``CONN_MAX_AGE``) keep it; a prepared statement outlives a rollback."""
    prepared = _prepared.setdefault(connection.connection, set())
    name = f"plus_data_state_{hashlib.sha256(sql.encode()).hexdigest()[:16]}"
    if name not in prepared:
        cursor.execute(f"PREPARE {name} AS {sql}")
        prepared.add(name)
    cursor.execute(f"EXECUTE {name}")


def data_state(*app_labels: str) -> str:
    """What the apps' tables hold now, in one short string (one query)."""
    sql = _state_sql(app_labels)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _execute_prepared(cursor, sql)
        else:
            cursor.execute(sql)
        row = cursor.fetchone()
    return ":".join(str(value or 0) for value in row)


def viewer(user) -> str:
    """What of a user changes what a page shows them: who they are and what they may do."""
    return f"{user.pk}:{user.is_administrator:d}{user.works_for_inz:d}"


def cache_key(name: str, *parts: object, apps: tuple[str, ...]) -> str:
    """The key of a cached page part: it changes with ``parts`` (what else the part depends
    on: the viewer, the query, the day), the language and the state of ``apps`` (one query)."""
    raw = ":".join(map(str, [*parts, get_language(), data_state(*apps)]))
    return f"{name}:{hashlib.sha256(raw.encode()).hexdigest()}"
