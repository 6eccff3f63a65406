"""The matrix counts open suggestions without computing the indicators on every view."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from municipalities.models import ChildrenCount
from swot.indicators import intake_state
from tests.municipalities.factories import (
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
)


def _view(client, trajectory):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk}))
    assert response.status_code == 200
    return response.context["suggestion_count"], len(queries)


def _computes_indicators(client, trajectory) -> bool:
    # Only the indicators read the pupil figures; the matrix itself never does.
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("swot:matrix", kwargs={"trajectory_pk": trajectory.pk}))
    return any("municipalities_siteyear" in q["sql"] for q in queries)


def test_a_second_view_reuses_the_count_and_a_changed_intake_renews_it(
    coordinator_client, trajectory_a, swot_a
):
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="5-10", children=1000)
    CareProviderFactory(trajectory=trajectory_a, capacity_5_10=40)

    first_count, first_queries = _view(coordinator_client, trajectory_a)
    second_count, second_queries = _view(coordinator_client, trajectory_a)
    assert second_count == first_count
    assert second_queries < first_queries
    assert not _computes_indicators(coordinator_client, trajectory_a)

    # An actor outside the partnership is one more suggestion.
    actor = LeisureActorFactory(trajectory=trajectory_a, in_partnership=False)
    assert _view(coordinator_client, trajectory_a)[0] == first_count + 1

    actor.delete()
    assert _view(coordinator_client, trajectory_a)[0] == first_count


def test_the_intake_state_follows_every_table_the_indicators_read(trajectory_a):
    states = [intake_state(trajectory_a)]
    school = SchoolFactory(trajectory=trajectory_a)
    states.append(intake_state(trajectory_a))
    site = SiteFactory(school=school)
    states.append(intake_state(trajectory_a))
    site.care_offer = ["morning"]
    site.save()
    states.append(intake_state(trajectory_a))
    site.delete()
    states.append(intake_state(trajectory_a))
    assert len(set(states)) == len(states)


def test_another_trajectorys_intake_leaves_the_state_alone(trajectory_a, trajectory_b):
    before = intake_state(trajectory_a)
    SchoolFactory(trajectory=trajectory_b)
    assert intake_state(trajectory_a) == before
