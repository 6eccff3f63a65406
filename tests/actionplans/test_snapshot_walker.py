"""One typed snapshot schema, one walker: stored versions load, keep their hash, and no other
module walks the snapshot dict by hand.

``data/snapshot_schema1.json`` and ``data/snapshot_schema2.json`` were written by the portal
before the plan tree was typed (a schema 1 version, and a schema 2 version with every frozen
section), each with the SHA-256 it was stored under.
"""

import json
import re
from pathlib import Path

import pytest

from actionplans import exports
from actionplans.diff import diff_snapshots
from actionplans.models import Plan
from actionplans.snapshots import (
    ACTION,
    ACTION_PLAN,
    OBJECTIVE,
    Snapshot,
    UnreadableSnapshot,
    build_snapshot,
    plan_snapshot,
    snapshot_hash,
)
from tests.actionplans.factories import PlanVersionFactory

DATA = Path(__file__).parent / "data"
ACTIONPLANS = Path(__file__).parents[2] / "actionplans"


def _stored(schema: int) -> tuple[dict, str]:
    stored = json.loads((DATA / f"snapshot_schema{schema}.json").read_text(encoding="utf-8"))
    return stored["snapshot"], stored["hash"]


@pytest.mark.parametrize("schema", [1, 2])
def test_a_stored_version_reads_back_to_the_same_data_and_hash(schema):
    data, stored_hash = _stored(schema)
    assert snapshot_hash(data) == stored_hash

    snapshot = Snapshot.from_data(data)

    assert snapshot.schema == schema
    assert snapshot.to_data() == data
    assert snapshot_hash(snapshot.to_data()) == stored_hash


def test_a_schema_1_version_has_the_plan_tree_and_no_frozen_sections():
    snapshot = Snapshot.from_data(_stored(1)[0])

    assert snapshot.content is None
    assert snapshot.plan.municipality.name == "Sint-Truiden"
    assert [objective.code for objective in snapshot.objectives] == ["BD1", "BD2"]
    assert snapshot.actions[0].slots[0].slot == "after_school"


def test_a_schema_2_version_has_its_frozen_sections():
    content = Snapshot.from_data(_stored(2)[0]).content

    assert content is not None
    assert [item.code for item in content.swot.items] == ["S1", "W1", "W2", "O1", "T1"]
    assert content.staffing is not None


def test_an_unknown_schema_is_refused_by_name():
    data, _hash = _stored(2)
    with pytest.raises(UnreadableSnapshot, match="7"):
        Snapshot.from_data({**data, "schema": 7})


def test_the_walker_visits_every_part_in_plan_order_with_its_parents():
    snapshot = Snapshot.from_data(_stored(2)[0])
    walked = [(placed.level, placed.part.code) for placed in snapshot.parts()]

    assert walked[:4] == [
        (OBJECTIVE, "BD1"),
        (ACTION_PLAN, "AP1.1"),
        (ACTION, "A1.1.1"),
        (ACTION, "A1.1.2"),
    ]
    assert {code for level, code in walked if level == ACTION} == {
        action.code for action in snapshot.actions
    }
    for placed in snapshot.parts(ACTION):
        objective, action_plan = placed.parents
        assert placed.part in action_plan.actions
        assert action_plan in objective.action_plans


@pytest.mark.django_db
def test_the_old_versions_still_diff_and_export_with_the_typed_schema():
    old, new = _stored(1)[0], _stored(2)[0]
    assert diff_snapshots(old, new).is_empty  # the same plan tree, frozen twice

    version = PlanVersionFactory(snapshot=old, content_hash=_stored(1)[1])
    _headers, rows = exports.version_rows(version)
    assert [row[4] for row in rows] == [action.code for action in Snapshot.from_data(old).actions]


@pytest.mark.django_db
def test_refreezing_an_unchanged_plan_gives_the_same_hash(plan_a):
    plan = Plan.objects.get(pk=plan_a["plan"].pk)
    first = plan_snapshot(plan)

    assert snapshot_hash(plan_snapshot(Plan.objects.get(pk=plan.pk))) == snapshot_hash(first)
    assert Snapshot.from_data(first) == build_snapshot(plan)


# What walking the snapshot dict by hand looks like: a key of the plan tree read off a dict.
_HAND_WALK = re.compile(
    r"""\[["'](objectives|action_plans|actions|plan|totals)["']\]"""
    r"""|\.get\(["'](objectives|action_plans|actions|plan|totals|schema)["']"""
)


def test_no_module_but_snapshots_walks_the_snapshot_dict():
    offenders = {
        str(path.relative_to(ACTIONPLANS)): match.group(0)
        for path in sorted(ACTIONPLANS.rglob("*.py"))
        if path.name != "snapshots.py"
        for match in [_HAND_WALK.search(path.read_text(encoding="utf-8"))]
        if match
    }
    assert offenders == {}
