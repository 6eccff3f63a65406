"""Schema 2: what a version freezes besides the plan tree, read back by the same walker."""

import datetime
import json
from decimal import Decimal

import pytest

from actionplans import reports, services
from actionplans.models import Plan
from actionplans.snapshots import (
    SCHEMA_VERSION,
    VersionContent,
    from_data,
    snapshot_hash,
    to_data,
    version_content,
    version_snapshot,
)
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 10, 5)


@pytest.fixture
def placed(plan_a, trajectory_a, intake_a):
    placement = PlacementFactory(
        worker=WorkerFactory(first_name="Ahmed", last_name="Benali"),
        trajectory=trajectory_a,
        site=intake_a["site"],
        central_site_name="",
        hours_per_week=Decimal("19"),
        actions=[plan_a["action"]],
    )
    PlacementSlotFactory(placement=placement, weekday=0)
    return placement


@pytest.fixture
def snapshot(plan_a, swot_a, placed):
    return version_snapshot(Plan.objects.get(pk=plan_a["plan"].pk), on=MONDAY)


def test_the_frozen_sections_sit_beside_the_unchanged_plan_keys(snapshot):
    assert snapshot["schema"] == SCHEMA_VERSION == 2
    assert {"plan", "objectives", "totals"} <= snapshot.keys()
    assert {"swot", "intake", "coverage", "staffing"} <= snapshot.keys()


def test_they_hold_codes_and_numbers_and_read_back_to_the_same_data(snapshot):
    content = version_content(snapshot)
    assert isinstance(content, VersionContent)
    assert to_data(content) == {name: snapshot[name] for name in to_data(content)}
    assert to_data(from_data(VersionContent, to_data(content))) == to_data(content)

    assert [item.code for item in content.swot.items] == ["S1", "W1", "W2", "O1", "T1"]
    assert content.swot.strategies[0].kind == "WO"
    assert [i.code for i in content.swot.strategies[0].items] == ["W1", "O1"]
    assert snapshot["intake"]["leisure_by_kind"] == [{"code": "youth_work", "count": 1}]
    assert content.intake.age_groups[0].pupils == 140
    assert content.coverage.rows  # the need in the whole municipality, the offer in Velm


def test_staffing_is_counted_per_place_and_moment_without_anyone_named(snapshot):
    staffing = snapshot["staffing"]
    assert staffing["on"] == "2026-10-05"
    monday = staffing["rows"][0]
    assert (monday["weekday"], monday["slot"], monday["placed"], monday["required"]) == (
        0,
        "after_school",
        1,
        2,
    )
    assert staffing["places"] == [
        {"place": "Vrije Basisschool Sint-Jozef – 1", "staff": 1, "fte": "0.50"}
    ]
    frozen = json.dumps(snapshot, ensure_ascii=False)
    for personal in ("Ahmed", "Benali", "lde", "2023-06-01", "2024-01-01"):
        assert personal not in frozen


def test_the_same_content_gives_the_same_hash(plan_a, swot_a, placed, snapshot):
    again = version_snapshot(Plan.objects.get(pk=plan_a["plan"].pk), on=MONDAY)
    assert snapshot_hash(again) == snapshot_hash(snapshot)


def test_a_schema_1_version_is_still_read_and_says_its_sections_are_live(
    plan_a, coordinator, swot_a
):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    old = {
        key: value
        for key, value in version.snapshot.items()
        if key in ("plan", "objectives", "totals")
    }
    version.snapshot = {**old, "schema": 1}
    version.save(update_fields=["snapshot"])

    assert version_content(version.snapshot) is None
    content, is_frozen = reports.frozen_content(version)
    assert not is_frozen
    assert [item.code for item in content.swot.items] == ["S1", "W1", "W2", "O1", "T1"]
