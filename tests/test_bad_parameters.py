"""The malformed parameters that once answered 500, each by name (the walk in
test_bad_input_walk.py sends every parameter of every route; these read as the findings)."""

import pytest
from django.urls import reverse

from municipalities.models import School


def _url(name, trajectory, **kwargs):
    return reverse(name, kwargs={"trajectory_pk": trajectory.pk, **kwargs})


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("swot:matrix", "round=abc"),
        ("swot:tows", "round=abc"),
        ("swot:coverage", "round=x1"),
        ("swot:export", "round=-1"),
    ],
)
@pytest.mark.parametrize("persona", ["coordinator_client", "official_a_client"])
def test_malformed_query_parameters_answer_404(request, persona, name, query, world, trajectory_a):
    client = request.getfixturevalue(persona)
    assert client.get(f"{_url(name, trajectory_a)}?{query}").status_code == 404


@pytest.mark.parametrize("query", ["version=abc", "version=0", "version=99999999999999999999"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_malformed_export_version_answers_404(official_a_client, world, trajectory_a, fmt, query):
    url = _url("actionplans:export", trajectory_a, fmt=fmt)
    assert official_a_client.get(f"{url}?{query}").status_code == 404


@pytest.mark.parametrize("query", ["to=abc", "from=99999999999999999999", "to=-1"])
def test_malformed_diff_versions_answer_404(official_a_client, world, trajectory_a, query):
    from actionplans.models import PlanVersion

    first = PlanVersion.objects.get(plan__trajectory=trajectory_a)
    PlanVersion.objects.create(
        plan=first.plan,
        number=2,
        snapshot=first.snapshot,
        content_hash="2" * 64,
        submitted_by=first.submitted_by,
    )
    url = _url("actionplans:diff", trajectory_a)
    assert official_a_client.get(f"{url}?{query}").status_code == 404


def test_malformed_parent_of_a_new_part_answers_404(coordinator_client, plan_a, trajectory_a):
    url = _url("actionplans:part_create", trajectory_a, kind="action")
    assert coordinator_client.get(f"{url}?parent=abc").status_code == 404
    assert coordinator_client.post(url, {"parent": "abc"}).status_code == 404


def test_malformed_version_of_a_report_request_answers_404(official_a_client, world, trajectory_a):
    url = _url("actionplans:report_request", trajectory_a)
    assert official_a_client.post(url, {"version": "abc"}).status_code == 404


def test_malformed_library_source_answers_404(coordinator_client, trajectory_a, plan_a):
    url = _url("actionplans:library", trajectory_a)
    response = coordinator_client.post(url, {"source": "abc", "into": plan_a["action_plan"].pk})
    assert response.status_code == 404


def test_malformed_comment_parent_answers_404(official_a_client, world):
    url = reverse("comment_add", kwargs={"label": "actionplans.action", "pk": world["action"]})
    response = official_a_client.post(url, {"body": "Een antwoord", "parent": "abc"})
    assert response.status_code == 404


def test_quick_add_into_an_unknown_quadrant_answers_400(coordinator_client, trajectory_a, swot_a):
    url = _url("swot:item_quick_add", trajectory_a)
    response = coordinator_client.post(
        url,
        {"quadrant": "X", "theme": "childcare", "statement": "Iets", "age_groups": ["5-10"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert not swot_a["analysis"].items.filter(statement="Iets").exists()


def test_deleting_a_school_whose_site_is_staffed_says_what_refers_to_it(
    coordinator_client, world, trajectory_a
):
    school = School.objects.get(trajectory=trajectory_a)
    url = reverse(
        "municipalities:record_delete",
        kwargs={"pk": trajectory_a.pk, "section": "schools", "record_pk": school.pk},
    )
    response = coordinator_client.post(url, follow=True)

    assert response.status_code == 200
    assert "kan niet verwijderd worden" in response.text
    # The placement at its site, and the session planned there.
    assert "1 inzet" in response.text
    assert "verwijzen er nog naar" in response.text
    assert School.objects.filter(pk=school.pk).exists()
