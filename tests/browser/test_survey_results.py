"""A coordinator reviews a survey's free text and discards a burst; the official then reads
the results, a small group hidden and the free text only as published."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from surveys.models import Burst
from tests.factories import TEST_PASSWORD
from tests.surveys.factories import ResponseFactory
from tests.surveys.results_fixtures import make_counted_survey

SHOTS = "/tmp/shots"


def _url(name, survey):
    return reverse(name, kwargs={"trajectory_pk": survey.trajectory_id, "pk": survey.pk})


def test_a_coordinator_reviews_and_the_official_reads_only_what_was_published(
    page: Page, login, live_server, coordinator, official_a, trajectory_a
):
    world = make_counted_survey(trajectory_a)
    survey, burst = world["survey"], world["burst"]
    ResponseFactory(
        survey=survey, free_text="Opvang tot 18 uur graag. Bel me: Zwartenbroek 0470 12 34 56"
    )
    english = [{"name": "django_language", "value": "en", "url": live_server.url}]

    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies(english)
    page.goto(live_server.url + _url("survey_results:texts", survey))
    text = page.get_by_role("textbox").first
    expect(text).to_have_value("Opvang tot 18 uur graag. Bel me: Zwartenbroek 0470 12 34 56")
    text.fill("Opvang tot 18 uur graag.")
    page.get_by_role("button", name="Publish").first.click()
    expect(page.get_by_text("The text is shown to officials.")).to_be_visible()
    expect(page.get_by_text("No text waits for review.")).to_be_visible()

    page.goto(live_server.url + _url("survey_results:bursts", survey))
    # Four answers at De Regenboog in a few minutes: a flood, not four families.
    expect(page.get_by_text("4 answers from")).to_be_visible()
    expect(page.get_by_role("cell", name="Before school").first).to_be_visible()
    page.get_by_role("button", name="Discard").click()
    expect(page.get_by_text("No burst waits for review")).to_be_visible()
    burst.refresh_from_db()
    assert burst.status == Burst.Status.DISCARDED

    page.context.clear_cookies()
    login("official_a", TEST_PASSWORD)
    page.context.add_cookies(english)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + _url("survey_results:results", survey))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    site_b = page.locator("#breakdown-site").get_by_role("row").filter(has_text="De Regenboog")
    expect(site_b).to_contain_text("fewer than 5")
    expect(page.get_by_text("Opvang tot 18 uur graag.")).to_be_visible()
    expect(page.get_by_text("Zwartenbroek")).to_have_count(0)
    expect(page.get_by_text("0470")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/survey-results-official-390.png", full_page=True)
