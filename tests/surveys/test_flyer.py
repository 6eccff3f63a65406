"""The survey's A4 flyer, made in the background like the progress report: requested on the
page, rendered by a real worker, downloaded; swept when its worker died; never shown to
someone who may not see the survey."""

import datetime
import io
import time

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from surveys import flyers, services
from surveys.models import Flyer
from tests.surveys.factories import SurveyFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_URL = "https://plus.example.be"


@pytest.fixture
def survey(trajectory_a):
    return SurveyFactory(trajectory=trajectory_a, name="Opvang Brustem 2027")


def _kwargs(flyer):
    return {
        "trajectory_pk": flyer.survey.trajectory_id,
        "pk": flyer.survey_id,
        "flyer_pk": flyer.pk,
    }


def _wait_for(client, url) -> str:
    """Poll like the page's htmx does until the fragment stops asking to be polled."""
    deadline = time.monotonic() + 60
    while True:
        fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
        if "hx-trigger" not in fragment:
            return fragment
        assert time.monotonic() < deadline, "the flyer was not made in time"
        time.sleep(0.2)


def test_a_coordinator_requests_the_flyer_and_downloads_one_a4_page(
    celery_worker, survey, coordinator
):
    client = Client()
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    detail = survey.get_absolute_url()
    response = client.post(reverse("surveys:flyer_request", args=[survey.trajectory_id, survey.pk]))
    assert response.status_code == 302
    flyer = Flyer.objects.get()
    assert flyer.requested_by == coordinator
    assert "flyer-status" in client.get(detail).content.decode()
    fragment = _wait_for(client, reverse("surveys:flyer_status", kwargs=_kwargs(flyer)))

    flyer.refresh_from_db()
    assert (flyer.status, flyer.progress, flyer.attempts) == (Flyer.Status.DONE, 100, 1), (
        flyer.error
    )
    download = reverse("surveys:flyer_download", kwargs=_kwargs(flyer))
    assert download in fragment
    response = client.get(download)
    assert response["Content-Disposition"] == (
        'attachment; filename="flyer-sint-truiden-opvang-brustem-2027.pdf"'
    )
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "Opvang Brustem 2027" in text
    assert f"plus.example.be/s/{survey.token}/" in text.replace("\n", "")
    assert "Sint-Truiden" in text
    assert "at least 5 answers" in text


@pytest.mark.django_db
def test_every_survey_language_has_its_block(survey, settings):
    settings.SURVEY_LANGUAGES = [("nl-be", "Nederlands"), ("fr", "Français"), ("ar", "العربية")]
    texts = flyers.flyer_context(survey)["texts"]
    assert [(text["tag"], text["direction"]) for text in texts] == [
        ("nl-BE", "ltr"),
        ("fr", "ltr"),
        ("ar", "rtl"),
    ]
    assert all(str(survey.closes_on.year) in text["closes"] for text in texts)


@pytest.mark.django_db
def test_a_render_whose_worker_died_is_queued_again_then_given_up(survey, coordinator, settings):
    settings.PLUS_REPORT_MAX_ATTEMPTS = 2
    flyer = services.flyer_request(survey=survey, by=coordinator)
    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # The worker claimed it, then was killed: the flyer stays running.
    Flyer.objects.filter(pk=flyer.pk).update(
        status=Flyer.Status.RUNNING, started_at=datetime.datetime.now(datetime.UTC), attempts=1
    )
    assert services.flyer_sweep() == []  # not past the hard limit yet
    later = datetime.datetime.now(datetime.UTC) + limit + datetime.timedelta(seconds=1)
    assert services.flyer_sweep(now=later) == [flyer.pk]
    flyer.refresh_from_db()
    assert (flyer.status, flyer.progress) == (Flyer.Status.QUEUED, 0)

    # Queued again, it is claimed and made; the second delivery of the message does nothing.
    assert services.flyer_process(flyer_id=flyer.pk)
    flyer.refresh_from_db()
    assert (flyer.status, flyer.attempts) == (Flyer.Status.DONE, 2)
    assert flyer.pdf.name == flyers.storage_name(flyer.pk)
    assert not services.flyer_process(flyer_id=flyer.pk)

    Flyer.objects.filter(pk=flyer.pk).update(status=Flyer.Status.RUNNING, attempts=2)
    assert services.flyer_sweep(now=later) == []
    flyer.refresh_from_db()
    assert flyer.status == Flyer.Status.FAILED
    assert "2" in flyer.error


@pytest.mark.django_db
def test_an_unexpected_failure_is_recorded_without_details(survey, coordinator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/etc/secret")

    monkeypatch.setattr(flyers, "render_pdf", broken)
    flyer = services.flyer_request(survey=survey, by=coordinator)
    assert not services.flyer_process(flyer_id=flyer.pk)
    flyer.refresh_from_db()
    assert (flyer.status, flyer.error) == (Flyer.Status.FAILED, "")
    assert services.flyer_retry(flyer=flyer, by=coordinator)
    assert not services.flyer_retry(flyer=flyer, by=coordinator)


@pytest.mark.django_db
def test_an_outsider_cannot_download_or_follow_the_flyer(
    survey, coordinator, official_a_client, official_b_client, trajectory_b
):
    flyer = services.flyer_request(survey=survey, by=coordinator)
    assert services.flyer_process(flyer_id=flyer.pk)
    download = reverse("surveys:flyer_download", kwargs=_kwargs(flyer))
    assert official_a_client.get(download).status_code == 200  # officials of A read
    assert official_b_client.get(download).status_code == 404
    assert (
        official_b_client.get(reverse("surveys:flyer_status", kwargs=_kwargs(flyer))).status_code
        == 404
    )
    # Nor through a survey of another trajectory, nor with a flyer of another survey.
    other = SurveyFactory(trajectory=trajectory_b)
    elsewhere = {"trajectory_pk": trajectory_b.pk, "pk": other.pk, "flyer_pk": flyer.pk}
    assert (
        official_b_client.get(reverse("surveys:flyer_download", kwargs=elsewhere)).status_code
        == 404
    )
    sibling = SurveyFactory(trajectory=survey.trajectory)
    mixed = {**_kwargs(flyer), "pk": sibling.pk}
    assert official_a_client.get(reverse("surveys:flyer_download", kwargs=mixed)).status_code == 404


@pytest.mark.django_db
def test_a_flyer_still_being_made_is_not_downloaded(survey, coordinator, coordinator_client):
    flyer = services.flyer_request(survey=survey, by=coordinator)
    download = reverse("surveys:flyer_download", kwargs=_kwargs(flyer))
    assert coordinator_client.get(download).status_code == 404


@pytest.mark.django_db
def test_flyers_made_by_hand_are_limited_per_hour(survey, coordinator_client, settings):
    settings.PLUS_REPORT_FORCED_PER_HOUR = 2
    coordinator_client.cookies["django_language"] = "en"
    url = reverse("surveys:flyer_request", args=[survey.trajectory_id, survey.pk])
    for _index in range(3):
        response = coordinator_client.post(url, follow=True)
    assert Flyer.objects.count() == 2
    assert "2 flyers made in the past hour" in response.content.decode()
