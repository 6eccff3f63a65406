"""A parent on a phone answers the public survey in French, and a child answers the short
version: the browser really solves the proof-of-work challenge, axe-core audits every page and
the Content-Security-Policy refuses nothing."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from surveys.models import Response
from tests.surveys.factories import SurveyFactory

SHOTS = Path("/tmp/shots")


@pytest.fixture
def survey(trajectory_a, intake_a):
    # The live server answers at the real time: the survey is open around today.
    today = timezone.localdate()
    return SurveyFactory(
        trajectory=trajectory_a,
        name="Opvang en vrije tijd 2027",
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=30),
        sites=[intake_a["site"]],
    )


def _verified(page: Page) -> None:
    """Wait for the widget to finish its proof of work (about a second on a phone)."""
    expect(page.locator("altcha-widget .altcha")).to_have_attribute(
        "data-state", "verified", timeout=30_000
    )


def _screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_a_parent_answers_in_french_on_a_phone(page: Page, live_server, survey):
    page.set_viewport_size({"width": 390, "height": 844})
    start = reverse("survey_public:start", kwargs={"token": survey.token})
    page.goto(f"{live_server.url}{start}")
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", name="Votre vie privée")).to_be_visible()
    page.get_by_role("link", name="Je suis un parent").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("De 5 à 10 ans").check()
    page.get_by_label("École ou implantation").select_option(label=str(survey.sites.get()))
    page.get_by_label("Ou votre code postal").fill("3800")
    page.get_by_label("Après l’école", exact=True).check()
    page.get_by_label("Le mercredi après-midi").check()
    page.get_by_label("Après l’école, à quelle heure").select_option("17:30")
    page.get_by_label("Vacances d’été").check()
    page.get_by_label("C’est trop cher").check()
    page.get_by_label("Un des parents travaille ou étudie").check()
    page.get_by_label("Le sport et bouger").check()
    page.get_by_label("Voulez-vous nous dire autre chose").fill("Plus d’accueil le mercredi.")
    _verified(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _screenshot(page, "survey-parent-fr-390.png")
    page.get_by_role("button", name="Envoyer mes réponses").click()

    expect(page.get_by_role("heading", name="Merci !")).to_be_visible()
    stored = Response.objects.get()
    assert (stored.kind, stored.language) == (Response.Kind.PARENT, "fr")
    assert stored.age_groups == ["5-10"]
    assert stored.moments == ["after_school", "wednesday"]
    assert stored.pickup_time == datetime.time(17, 30)
    assert (stored.postal_code, stored.occupation) == ("3800", "some")
    assert stored.free_text == "Plus d’accueil le mercredi."
    assert not [cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid"]


def test_a_child_answers_the_short_version(page: Page, live_server, survey):
    page.set_viewport_size({"width": 360, "height": 740})
    start = reverse("survey_public:start", kwargs={"token": survey.token})
    page.goto(f"{live_server.url}{start}?lang=en")
    page.get_by_role("link", name="I am a child (8 to 15 years)").click()

    page.get_by_label("12", exact=True).check()
    page.get_by_label("Games").check()
    page.get_by_label("Playing outside").check()
    page.get_by_label("Outside, in a park or playground").check()
    page.get_by_label("With my friends").check()
    page.get_by_label("What is missing?").fill("A skate park")
    _verified(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _screenshot(page, "survey-child-en-360.png")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    stored = Response.objects.get()
    assert (stored.kind, stored.language, stored.age_groups) == ("child", "en", ["11-15"])
    assert stored.interests == ["play_outside", "games"]
    assert stored.places == ["outside"]
    assert stored.company == ["friends"]


def test_an_empty_answer_shows_the_summary_first(page: Page, live_server, survey):
    path = reverse("survey_public:child", kwargs={"token": survey.token, "lang": "en"})
    page.goto(f"{live_server.url}{path}")
    _verified(page)
    page.get_by_role("button", name="Send my answers").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name="Please answer at least one question.").click()
    assert not Response.objects.exists()
