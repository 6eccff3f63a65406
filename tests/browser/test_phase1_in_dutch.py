"""Phase 1 for a new municipality, in the browser, from access to an approved plan.

On every page the run visits, the Dutch interface shows no raw code of a choice and none of
the English words a page would show if a label were left untranslated.
"""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from municipalities.models import Membership, Need, PostalCode, Trajectory
from plus_portal.models import User
from tests.factories import TEST_PASSWORD, MunicipalityFactory, UserFactory

# Codes of choices a person could meet if a template printed a value instead of its label.
RAW_CODES = [
    "after_school",
    "wednesday_afternoon",
    "lunchtime",
    "flexible",
    "holidays",
    "free_catholic",
    "official_municipal",
    "childcare",
    "leisure",
    "participation",
    "personnel",
    "boa",
    "municipal",
    "in_review",
    "changes_requested",
    "planned",
    "approved",
]
# English words of the interface that have a Dutch translation; whole words, any case.
ENGLISH_WORDS = [
    "Save",
    "Cancel",
    "Submit",
    "Edit",
    "Delete",
    "Remove",
    "Add",
    "Objective",
    "Objectives",
    "Action plan",
    "Strengths",
    "Weaknesses",
    "Opportunities",
    "Threats",
    "Children",
    "Municipality",
    "Planning cycle",
    "Approved",
    "Draft",
    "Comments",
    "History",
    "Version",
    "Schools",
    "Sites",
    "Needs",
    "After school",
    "Wednesday",
    "Monday",
    "Lunchtime",
    "Holidays",
    "years",
    "Yes",
    "No",
    "None",
    "Previous",
    "Next",
    "Back",
    "User",
    "Role",
    "Owner",
    "Title",
    "Description",
]
WORD = re.compile(r"[\w’'–-]+")


class DutchOnly:
    """Reads the visible text of every page that loads and notes what is not Dutch."""

    def __init__(self, page: Page):
        self.page = page
        self.findings: list[str] = []
        self.pages: list[str] = []

    def check(self) -> None:
        page = self.page
        try:
            page.wait_for_load_state("load")
            text = page.locator("body").inner_text()
        except PlaywrightError:
            return  # the page navigated away mid-read; its successor is read on load
        self.pages.append(page.url)
        words = set(WORD.findall(text))
        lines = text.splitlines()
        for code in RAW_CODES:
            if code in words:
                self.findings.append(f"{page.url}: raw code {code!r}")
        for english in ENGLISH_WORDS:
            pattern = re.compile(rf"(?<![\w-]){re.escape(english)}(?![\w-])")
            hits = [line.strip() for line in lines if pattern.search(line)]
            if hits:
                self.findings.append(f"{page.url}: English {english!r} in {hits[:2]}")


@pytest.fixture
def dutch_only(page: Page):
    reader = DutchOnly(page)
    page.on("load", lambda _page: reader.check())
    yield reader
    reader.check()
    assert not reader.findings, "Not Dutch:\n" + "\n".join(dict.fromkeys(reader.findings))


def _as(page: Page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username, TEST_PASSWORD)


def test_phase_one_for_a_new_municipality_speaks_dutch_throughout(
    page: Page, login, live_server, administrator, coordinator, dutch_only
):
    page.on("dialog", lambda dialog: dialog.accept())
    pelt = MunicipalityFactory(nis_code="72043", name_nl="Pelt", name_fr="Pelt")
    PostalCode.objects.create(code="3900", municipality=pelt)
    UserFactory(
        username="official_pelt",
        first_name="Lies",
        last_name="Vos",
        role=User.Role.OFFICIAL,
        municipalities=[pelt],
    )
    base = live_server.url

    # An administrator gives the coordinator access to Pelt.
    _as(page, login, "admin")
    page.goto(f"{base}/trajectories/access/")
    page.get_by_label("Gebruiker").select_option(label=str(coordinator))
    page.get_by_label("Gemeente").select_option(label="Pelt")
    page.get_by_role("button", name="Geven").click()
    expect(page.get_by_role("alert")).to_contain_text("heeft nu toegang tot Pelt")
    assert Membership.objects.filter(user=coordinator, municipality=pelt).exists()

    # The coordinator starts Pelt's trajectory and fills in the intake.
    _as(page, login, "coordinator")
    page.goto(f"{base}/trajectories/new/")
    page.get_by_label("Gemeente").select_option(label="Pelt")
    page.get_by_role("button", name="Starten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pelt")
    trajectory = Trajectory.objects.get(municipality=pelt)
    intake = f"{base}/trajectories/{trajectory.pk}/intake"

    page.goto(f"{intake}/areas/new/")
    page.get_by_label("Naam").fill("Overpelt")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")

    page.goto(f"{intake}/schools/new/")
    page.get_by_label("Instellingsnummer").fill("012345")
    page.locator("#id_name").fill("Basisschool De Kiem")
    page.get_by_label("Onderwijsnet").select_option(index=1)
    page.get_by_label("Lager onderwijs").check()
    page.locator("[name=sites-0-site_number]").fill("1")
    page.locator("[name=sites-0-street]").fill("Kerkstraat 1")
    page.locator("[name=sites-0-postal_code]").fill("3900")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")

    Need.objects.create(
        trajectory=trajectory,
        voiced_by=Need.Voice.PARENTS,
        age_group="5-10",
        slot="after_school",
        children_concerned=30,
        source=Need.Source.SURVEY,
        respondents=60,
    )
    for section in ("schools", "areas", "needs", "children", "care-providers", "contacts"):
        page.goto(f"{intake}/{section}/")
    page.goto(f"{base}/trajectories/{trajectory.pk}/")

    # The SWOT: one item in each quadrant, and a strategy that crosses two of them.
    swot = f"{base}/trajectories/{trajectory.pk}/swot/"
    page.goto(swot)
    page.get_by_role("button", name=re.compile("SWOT.*starten")).click()
    for quadrant, statement in (
        ("S", "Sterke scholen in Overpelt"),
        ("W", "Geen opvang na school in Overpelt"),
        ("O", "BOA-subsidie vanaf 2026"),
        ("T", "Weinig begeleiders"),
    ):
        box = page.locator(f"#quadrant-{quadrant}")
        box.locator(f"#quick-statement-{quadrant}").fill(statement)
        box.get_by_role("button", name="Toevoegen").click()
        expect(page.locator(f"#quadrant-{quadrant}")).to_contain_text(statement)
    page.goto(f"{swot}tows/new/")
    page.get_by_label("Soort").select_option("WO")
    page.get_by_label("Titel").fill("Naschoolse opvang met de BOA-subsidie")
    page.get_by_label("Geen opvang na school in Overpelt").check()
    page.get_by_label("BOA-subsidie vanaf 2026").check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")
    page.goto(f"{swot}coverage/")

    # The plan: an objective, an action plan and an action, then submitted for review.
    plan = f"{base}/trajectories/{trajectory.pk}/plan/"
    page.goto(plan)
    page.get_by_role("button", name=re.compile("[Aa]ctieplan.*(maken|starten)")).click()
    page.goto(f"{plan}objective/new/")
    page.get_by_label("Titel").fill("Elk kind een plek na school")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")
    page.get_by_role("link", name=re.compile("[Aa]ctieplan toevoegen")).first.click()
    page.get_by_label("Titel").fill("Opvang in Overpelt")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_role("link", name=re.compile("[Aa]ctie toevoegen")).first.click()
    page.get_by_label("Titel").fill("Naschoolse opvang in De Kiem")
    page.locator("#id_owner").fill("Joris Claes")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("alert")).to_contain_text("is bewaard")
    page.get_by_role("button", name="Ter beoordeling indienen").click()
    expect(page.get_by_role("alert")).to_contain_text("Versie 1 is vastgelegd")
    page.goto(f"{plan}versions/1/")
    page.goto(f"{plan}reports/")

    # Pelt's official approves the version.
    _as(page, login, "official_pelt")
    page.goto(plan)
    page.get_by_label("Goedgekeurd").check()
    page.get_by_role("button", name="Mijn beslissing vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw beslissing over versie 1")
    for path in ("", "versions/1/", "reports/"):
        page.goto(f"{plan}{path}")
    page.goto(swot)
    page.goto(f"{base}/trajectories/{trajectory.pk}/")

    assert len(dutch_only.pages) >= 25


def test_the_reader_notices_an_untranslated_page(page: Page, login, live_server, coordinator):
    reader = DutchOnly(page)
    login("coordinator", TEST_PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/trajectories/")
    reader.check()
    assert any("English" in finding for finding in reader.findings)
