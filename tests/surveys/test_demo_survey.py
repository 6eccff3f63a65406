"""The demo's survey: Sint-Truiden's closed survey of March 2026, seeded once however often
the demo runs. Only the intake part of the demo is seeded here (the survey needs nothing
else), so the test stays fast; test_seed_demo.py runs the whole command."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from municipalities import demo as municipalities_demo
from plus_portal.management.commands.seed_demo import DEMO_APPS
from surveys import demo, intake
from surveys.models import MINIMUM_CELL, Burst, Response, Survey


@pytest.fixture
def seeded(db):
    call_command("load_municipalities")
    world = municipalities_demo.DemoWorld()
    municipalities_demo.seed(world)
    demo.seed(world)
    return world


def state():
    return sorted(
        Response.objects.values_list(
            "submission_key", "language", "kind", "site_id", "area_id", "burst_id"
        )
    )


def test_the_demo_survey_is_seeded_once_closed_and_varied(seeded):
    before = state()
    demo.seed(seeded)
    assert state() == before
    assert "surveys" in DEMO_APPS

    survey = Survey.objects.get(name=demo.NAME)
    assert survey.trajectory.municipality.name_nl == "Sint-Truiden"
    assert not survey.is_open(timezone.localdate())
    counted = Response.objects.filter(survey=survey).counted()
    assert counted.count() == 150
    languages = Counter(counted.values_list("language", flat=True))
    assert set(languages) == {"nl-be", "fr", "en"}
    assert languages["nl-be"] > languages["fr"] + languages["en"]
    assert set(counted.values_list("kind", flat=True)) == set(Response.Kind.values)

    per_site = Counter(counted.values_list("site_id", flat=True))
    assert set(per_site) == set(survey.sites.values_list("pk", flat=True))
    assert min(per_site.values()) < MINIMUM_CELL

    burst = Burst.objects.get(survey=survey)
    assert burst.status == Burst.Status.PENDING
    assert burst.responses.count() == 10

    texts = Counter(
        Response.objects.filter(survey=survey)
        .exclude(free_text="")
        .values_list("free_text_status", flat=True)
    )
    assert texts[Response.TextStatus.PUBLISHED] >= 3
    assert texts[Response.TextStatus.PENDING] == 1


def test_the_demo_survey_proposes_intake_needs_with_a_folded_area(seeded):
    survey = Survey.objects.get(name=demo.NAME)
    rows = intake.proposal(survey)
    areas = {row.area.name for row in rows if row.area}
    assert {"Centrum", "Velm", "Zepperen"} <= areas
    # Fewer than five answers: counted with the whole municipality.
    assert not {"Wilderen", "Brustem"} & areas
    per_area = Counter(
        Response.objects.filter(survey=survey, kind="parent")
        .counted()
        .values_list("area__name", flat=True)
    )
    assert 0 < per_area["Wilderen"] < MINIMUM_CELL
    assert any(row.area is None for row in rows)
    assert all(row.until for row in rows if row.slot == "after_school")
