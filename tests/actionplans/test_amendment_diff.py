"""The diff page during an amendment: the version in force against the draft while it is
prepared, against the submitted version once it is in review."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionSlot

pytestmark = pytest.mark.django_db


@pytest.fixture
def amending(plan_a, coordinator, official_a):
    services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    services.plan_amend(plan=plan_a["plan"], reason="Later beginnen", by=coordinator)
    return plan_a


def _diff(client, trajectory, **params) -> str:
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("actionplans:diff", kwargs={"trajectory_pk": trajectory.pk}), params
    )
    assert response.status_code == 200
    return response.text


def _move_the_slot(action) -> None:
    slot = ActionSlot.objects.get(action=action)
    slot.starts_at = datetime.time(16, 15)
    slot.save()
    action.title = "Naschoolse opvang in Velm, later"
    services.part_save(action, expected_version=action.version)


def test_an_untouched_draft_changes_nothing_yet(amending, trajectory_a, official_a_client):
    page = _diff(official_a_client, trajectory_a)
    assert "What the amendment changes" in page
    assert "The amendment changes nothing yet." in page


def test_the_draft_is_compared_with_the_version_in_force(
    amending, trajectory_a, coordinator_client
):
    _move_the_slot(amending["action"])
    page = _diff(coordinator_client, trajectory_a)
    assert "against the amendment in preparation" in page
    assert "Naschoolse opvang in Velm, later" in page
    assert "16:15" in page


def test_once_submitted_the_new_version_is_compared_with_the_one_in_force(
    amending, trajectory_a, coordinator, official_a_client
):
    _move_the_slot(amending["action"])
    services.plan_submit(plan=amending["plan"], by=coordinator)
    # The draft changes no more, but the new version is what the official decides on.
    page = _diff(official_a_client, trajectory_a)
    assert "Version 1, in force, against version 2, the amendment in review." in page
    assert "16:15" in page


def test_versions_can_still_be_chosen(amending, trajectory_a, coordinator, official_a_client):
    _move_the_slot(amending["action"])
    services.plan_submit(plan=amending["plan"], by=coordinator)
    page = _diff(official_a_client, trajectory_a, **{"from": 1, "to": 2})
    assert "What changed from version 1 to version 2" in page
