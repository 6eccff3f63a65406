"""A coordinator opens a survey over two sites, finds its address and QR code on the
survey's page, has the flyer made and downloads it."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from municipalities.models import School, Site
from surveys.models import Survey
from tests.factories import TEST_PASSWORD

SHOTS = Path("/tmp/shots")


def test_a_coordinator_opens_a_survey_and_downloads_its_flyer(
    page: Page,
    login,
    live_server,
    celery_worker,
    settings,
    tmp_path,
    intake_a,
    trajectory_a,
    coordinator,
):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_URL = live_server.url
    school = School.objects.create(
        trajectory=trajectory_a, institution_number="036137", name="GO! Basisschool De Bron"
    )
    Site.objects.create(
        school=school, site_number=1, name="De Bron", street="Schoolstraat 3", postal_code="3800"
    )
    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(
        f"{live_server.url}{reverse('municipalities:trajectory_detail', args=[trajectory_a.pk])}"
    )
    page.get_by_role("link", name="Surveys").first.click()
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("Name").fill("Opvang 2027")
    page.get_by_label("Opens on").fill("2027-02-01")
    page.get_by_label("Closes on").fill("2027-03-31")
    page.get_by_role("group", name="Vrije Basisschool Sint-Jozef").get_by_role("checkbox").check()
    page.get_by_label("De Bron (Schoolstraat 3, 3800)").check()
    page.get_by_role("button", name="Save").click()

    survey = Survey.objects.get(name="Opvang 2027")
    assert survey.sites.count() == 2
    address = f"{live_server.url}/s/{survey.token}/"
    expect(page.get_by_role("heading", name="Opvang 2027")).to_be_visible()
    expect(page.get_by_label("Address for parents and children")).to_have_value(address)
    expect(page.get_by_role("img", name=f"QR code of the address {address}")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"survey-detail-{width}.png"), full_page=True)

    page.get_by_role("button", name="Make the flyer").click()
    status = page.locator("#flyer-status")
    # The fragment polls on its own: the download link appears without a reload.
    link = status.get_by_role("link", name="Download the flyer (PDF)")
    expect(link).to_be_visible(timeout=60_000)
    expect(status).not_to_have_attribute("hx-trigger", "every 1s")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "flyer-sint-truiden-opvang-2027.pdf"
    reader = PdfReader(download.path())
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\n", "")
    assert "Opvang 2027" in text
    assert address.split("://", 1)[1] in text
