"""A coordinator turns a survey's answers into intake needs and sees the plan's coverage
matrix change."""

import datetime

from django.urls import reverse
from playwright.sync_api import Page, expect

from municipalities.models import Area, Need
from tests.factories import TEST_PASSWORD
from tests.surveys.factories import ResponseFactory, SurveyFactory

SHOTS = "/tmp/shots"


def test_a_coordinator_saves_a_surveys_needs_and_the_coverage_matrix_shows_them(
    page: Page, login, live_server, plan_a, coordinator, trajectory_a
):
    zepperen = Area.objects.create(trajectory=trajectory_a, name="Zepperen")
    survey = SurveyFactory(trajectory=trajectory_a, name="opvang en vrije tijd 2027")
    for hour in ["16:30", "17:00", "17:30", "18:00", "18:00", "18:30"]:
        ResponseFactory(
            survey=survey,
            area=zepperen,
            moments=["after_school", "school_free_days"],
            pickup_time=datetime.time.fromisoformat(hour),
            holidays=["summer"],
        )
    ResponseFactory(survey=survey, moments=["wednesday"], age_groups=["11-15"])

    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    plan_url = f"{live_server.url}{reverse('actionplans:plan', args=[trajectory_a.pk])}"
    page.goto(plan_url)
    matrix = page.locator("table.coverage-heatmap")
    expect(matrix.get_by_role("rowheader", name="Zepperen")).to_have_count(0)

    proposal_url = reverse(
        "survey_intake:proposal", kwargs={"trajectory_pk": trajectory_a.pk, "pk": survey.pk}
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{proposal_url}")
    expect(page.get_by_role("heading", name="From survey to intake")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"{SHOTS}/survey-intake-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SHOTS}/survey-intake-1280.png", full_page=True)

    rows = page.locator('input[name="rows"]')
    expect(rows).to_have_count(4)
    # The teen's Wednesday stays out of the intake.
    page.get_by_role("row").filter(has_text="Wednesday afternoon").get_by_role("checkbox").uncheck()
    page.get_by_role("button", name="Save in the intake").click()

    expect(page.get_by_text("3 needs added, 0 needs updated.")).to_be_visible()
    expect(page.get_by_text("bevraging opvang en vrije tijd 2027").first).to_be_visible()
    assert (
        Need.objects.filter(trajectory=trajectory_a, source_name__startswith="bevraging").count()
        == 3
    )
    after_school = Need.objects.get(area=zepperen, slot="after_school")
    assert after_school.until == datetime.time(18, 0)

    page.goto(plan_url)
    row = matrix.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Zepperen"))
    expect(row).to_have_count(1)
    expect(row.get_by_text("offer 0, need 6: Not covered")).to_have_count(3)
