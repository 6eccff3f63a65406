"""Coverage that will be lost: an official learns which slot loses staff and from when, the
municipality's coordinators also who leaves and why (a contract or trajectory ending)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from staffing.ratio import coverage_losses, loss_texts
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def leaving(trajectory_a, intake_a, plan_a):
    """Two carers on Monday after school in Velm: one's contract ends on 23/11/2026, the
    other's trajectory on 23/11/2026 too (started 24/11/2021)."""
    workers = [
        WorkerFactory(first_name="Anna", last_name="Aerts", contract_ends_on=D(2026, 11, 23)),
        WorkerFactory(first_name="Bart", last_name="Bosmans", trajectory_starts_on=D(2021, 11, 24)),
    ]
    for worker in workers:
        placement = PlacementFactory(
            worker=worker,
            trajectory=trajectory_a,
            site=intake_a["site"],
            central_site_name="",
            ends_on=None,
        )
        PlacementSlotFactory(placement=placement, weekday=0)
    return workers


def _page(client, trajectory, *, english=True):
    if english:
        client.cookies["django_language"] = "en"
    response = client.get(reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory.pk}))
    assert response.status_code == 200
    return response


def test_official_reads_when_a_slot_loses_staff_but_not_why(
    official_a_client, trajectory_a, plan_a, leaving
):
    response = _page(official_a_client, trajectory_a)
    code = plan_a["action"].code
    assert response.context["losses"] == [
        "Staffing drops from 24/11/2026: Monday · After school 15:30–18:00 at "
        f"Vrije Basisschool Sint-Jozef – 1 ({code}) then has 0 of the 2 staff needed."
    ]
    section = response.text.split("Coverage that will be lost", 1)[1].split("</ul>", 1)[0]
    for secret in ("contract", "trajectory", "Anna Aerts", "Bart Bosmans", "ends"):
        assert secret not in section, secret


def test_official_in_dutch_reads_no_reason_either(official_a_client, trajectory_a, leaving):
    text = _page(official_a_client, trajectory_a, english=False).text
    assert "het contract van" not in text
    assert "het traject van" not in text


def test_coordinator_reads_who_leaves_and_why(coordinator_client, trajectory_a, leaving):
    losses = _page(coordinator_client, trajectory_a).context["losses"]
    assert len(losses) == 2
    assert any(line.endswith("Anna Aerts's contract ends.") for line in losses)
    assert any(line.endswith("Bart Bosmans's trajectory ends.") for line in losses)


def test_one_place_decides_what_is_told(trajectory_a, leaving, in_english):
    losses = coverage_losses(trajectory_a, today=D(2026, 10, 5))
    assert len(losses) == 2
    assert loss_texts(losses, detailed=True) == [loss.internal_text for loss in losses]
    # Both leave the same slot on the same day: without names, that is one sentence.
    assert loss_texts(losses, detailed=False) == [losses[0].public_text]
    assert losses[0].public_text == losses[1].public_text
