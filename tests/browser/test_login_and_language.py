from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD


def test_official_logs_in_in_dutch_sees_own_municipality_and_switches_to_english(
    page: Page, login, official_a, trajectory_a, trajectory_b
):
    login("official_a", TEST_PASSWORD)

    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sint-Truiden")
    expect(page.get_by_role("link", name="Mijn gemeente")).to_be_visible()
    expect(page.get_by_text("Tienen")).to_have_count(0)

    page.get_by_role("link", name="Planningscyclus 2026–2031").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sint-Truiden")

    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wisselen").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="My municipality")).to_be_visible()
    expect(page.get_by_role("heading", name="Intake checklist")).to_be_visible()


def test_official_cannot_open_another_municipality(
    page: Page, login, live_server, official_a, trajectory_b
):
    login("official_a", TEST_PASSWORD)
    response = page.goto(f"{live_server.url}/trajectories/{trajectory_b.pk}/")
    assert response.status == 404


def test_phone_width_shows_the_menu_behind_a_toggle(page: Page, login, official_a, trajectory_a):
    page.set_viewport_size({"width": 360, "height": 740})
    login("official_a", TEST_PASSWORD)

    menu_link = page.get_by_role("link", name="Mijn gemeente")
    expect(menu_link).to_be_hidden()
    page.get_by_role("button", name="Navigatie openen of sluiten").click()
    expect(menu_link).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
