from pathlib import Path

from playwright.sync_api import Page, expect

from municipalities.models import Site
from tests.factories import TEST_PASSWORD, MunicipalityFactory

FILES = Path(__file__).parent.parent / "municipalities" / "files"

CSV = (
    "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Straat en nummer;Postcode;"
    "Stedelijk of landelijk;Opvang\n"
    "036111;Basisschool De Zonnewijzer;gemeentelijk;1;Stationsstraat 12;3800;stedelijk;na school\n"
    "036129;Vrije Basisschool Sint-Jozef;katholiek;1;Kerkstraat 20;3806;landelijk;\n"
    "036137;GO! Basisschool Het Speelhof;GO!;1;Tiensesteenweg 88;3500;stedelijk;woensdag\n"
)


def test_coordinator_imports_schools_sees_the_error_and_confirms_the_valid_rows(
    page: Page, login, tmp_path, coordinator, trajectory_a, postal_codes_a
):
    spreadsheet = tmp_path / "scholen.csv"
    spreadsheet.write_bytes(CSV.encode("cp1252"))
    login("coordinator", TEST_PASSWORD)

    page.get_by_role("link", name="Sint-Truiden").click()
    page.get_by_role("link", name="Scholen en vestigingen").first.click()
    page.get_by_role("link", name="Rekenblad importeren").click()
    page.get_by_label("Rekenblad").set_input_files(spreadsheet)
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    summary = page.get_by_role("status").filter(has_text="nieuw")
    expect(summary).to_contain_text("2 nieuw")
    expect(summary).to_contain_text("1 rij met fouten")
    error_row = page.locator("tr", has_text="Tiensesteenweg 88")
    expect(error_row).to_contain_text("3500")
    expect(error_row).to_contain_text("Sint-Truiden")

    page.get_by_label("Alleen de geldige rijen importeren").check()
    page.get_by_role("button", name="Import bevestigen").click()

    expect(page.get_by_text("Import klaar: 2 nieuw")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Basisschool De Zonnewijzer")
    expect(table).to_contain_text("Vrije Basisschool Sint-Jozef")
    expect(table).not_to_contain_text("Het Speelhof")


def test_official_reads_the_intake_but_sees_no_edit_buttons(
    page: Page, login, live_server, official_a, trajectory_a, intake_a
):
    login("official_a", TEST_PASSWORD)
    page.goto(f"{live_server.url}/trajectories/{trajectory_a.pk}/intake/schools/")
    expect(page.get_by_role("table")).to_contain_text("Vrije Basisschool Sint-Jozef")
    expect(page.get_by_role("link", name="Toevoegen")).to_have_count(0)
    expect(page.get_by_role("link", name="Rekenblad importeren")).to_have_count(0)

    page.get_by_role("link", name="Vrije Basisschool Sint-Jozef").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sint-Jozef")
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    page.get_by_role("link", name="Overzicht").click()
    expect(page.get_by_role("heading", name="Intake-checklist")).to_be_visible()


def test_a_real_world_school_list_is_explained_in_the_preview_and_imported(
    page: Page, login, coordinator, trajectory_a, postal_codes_a
):
    # The sample: no urban/rural or school-year column, site names after the school's name,
    # a Gemeente column with a school of Hasselt (postcode 3500, so that row is refused).
    MunicipalityFactory(nis_code="71072", name_nl="Hasselt", name_fr="Hasselt")
    login("coordinator", TEST_PASSWORD)

    page.get_by_role("link", name="Sint-Truiden").click()
    page.get_by_role("link", name="Scholen en vestigingen").first.click()
    page.get_by_role("link", name="Rekenblad importeren").click()
    page.get_by_label("Rekenblad").set_input_files(FILES / "schools_real_world_cp1252.csv")
    page.get_by_role("button", name="Voorbeeld bekijken").click()

    summary = page.get_by_role("status").filter(has_text="nieuw")
    expect(summary).to_contain_text("6 nieuw")
    expect(summary).to_contain_text("1 rij met fouten")
    notes = page.locator(".alert-info")
    expect(notes.filter(has_text="wijkschool Brustem")).to_have_count(1)
    expect(notes.filter(has_text="afdeling Zepperen")).to_have_count(1)
    expect(notes.filter(has_text="Hasselt")).to_have_count(1)

    page.get_by_label("Alleen de geldige rijen importeren").check()
    page.get_by_role("button", name="Import bevestigen").click()

    expect(page.get_by_text("Import klaar: 6 nieuw")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Basisschool De Regenboog")
    expect(table).not_to_contain_text("Regenboog – wijkschool")
    expect(table).not_to_contain_text("De Linde")
    site = Site.objects.get(school__name="Basisschool De Regenboog", site_number=2)
    assert (site.name, site.setting) == ("wijkschool Brustem", "")
