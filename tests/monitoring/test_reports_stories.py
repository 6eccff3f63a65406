"""Stories for the progress report: coordinators add, edit and remove them, always with the
consent date; officials read them; the reports page runs a fixed number of queries."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from monitoring.models import ProgressReport, Story

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _story(trajectory, **kwargs):
    return Story.objects.create(
        trajectory=trajectory,
        text=kwargs.get("text", "Fijn dat het kan."),
        told_by=kwargs.get("told_by", "een vader"),
        consent_on=datetime.date(2026, 10, 1),
    )


def test_a_coordinator_adds_a_story_with_consent(coordinator, trajectory_a):
    url = reverse("progress_reports:story_add", args=[trajectory_a.pk])
    response = _client(coordinator).post(
        url,
        {"text": "Mijn zoon leerde zwemmen.", "told_by": "een moeder", "consent_on": "2026-11-02"},
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.told_by, story.consent_on) == ("een moeder", datetime.date(2026, 11, 2))
    assert story.history.first().history_user == coordinator


def test_a_story_without_consent_is_refused(coordinator, trajectory_a):
    url = reverse("progress_reports:story_add", args=[trajectory_a.pk])
    response = _client(coordinator).post(url, {"text": "Zonder toestemming.", "told_by": "iemand"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Story.objects.exists()


def test_a_coordinator_edits_and_removes_a_story(coordinator, trajectory_a):
    story = _story(trajectory_a)
    client = _client(coordinator)
    client.post(
        reverse("progress_reports:story_edit", args=[trajectory_a.pk, story.pk]),
        {"text": "Anders gezegd.", "told_by": "een vader", "consent_on": "2026-10-01"},
    )
    story.refresh_from_db()
    assert story.text == "Anders gezegd."
    client.post(reverse("progress_reports:story_remove", args=[trajectory_a.pk, story.pk]))
    assert not Story.objects.exists()


@pytest.mark.parametrize("name", ["story_edit", "story_remove"])
def test_an_official_only_reads_stories(official_a, trajectory_a, name):
    story = _story(trajectory_a)
    url = reverse(f"progress_reports:{name}", args=[trajectory_a.pk, story.pk])
    assert _client(official_a).post(url, {"text": "x", "told_by": "y"}).status_code == 403
    assert Story.objects.get().text == "Fijn dat het kan."


def test_another_municipality_s_story_is_404(coordinator_b, trajectory_a):
    story = _story(trajectory_a)
    url = reverse("progress_reports:story_edit", args=[trajectory_a.pk, story.pk])
    assert _client(coordinator_b).get(url).status_code == 404


def _reports(trajectory, count):
    for number in range(count):
        ProgressReport.objects.create(
            trajectory=trajectory,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            title=f"Rapport {number}",
            snapshot={},
            content_hash="c" * 64,
        )
        _story(trajectory, told_by=f"ouder {number}")


def test_the_reports_page_runs_a_fixed_number_of_queries(
    coordinator, trajectory_a, django_assert_max_num_queries
):
    client = _client(coordinator)
    url = reverse("progress_reports:list", args=[trajectory_a.pk])
    _reports(trajectory_a, 2)
    client.get(url)  # the session and the language, once
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    _reports(trajectory_a, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
