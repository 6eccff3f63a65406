"""School lists as municipalities keep them import without being rewritten first.

The sample (files/generate_real_world.py) has no urban/rural column, pupil numbers without a
school year, site names written after the school's name, and a Gemeente column with one school
of Hasselt, in XLSX and in semicolon CSV as UTF-8 with a BOM and as Windows-1252.
"""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities import spreadsheets
from municipalities.models import ImportBatch, School, Site, SiteYear
from tests.factories import MunicipalityFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory, add_postal_codes

pytestmark = pytest.mark.usefixtures("in_english")

FILES = Path(__file__).parent / "files"
SAMPLES = [
    "schools_real_world.xlsx",
    "schools_real_world_utf8_bom.csv",
    "schools_real_world_cp1252.csv",
]
# 3 December 2026, mid-morning in Brussels: school year 2026-2027.
WINTER = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    MunicipalityFactory(nis_code="71072", name_nl="Hasselt", name_fr="Hasselt")
    return trajectory_a


def read(name):
    with open(FILES / name, "rb") as upload:
        return spreadsheets.read_table(upload, name, kind="schools")


def preview(trajectory, rows):
    return spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)


def apply(trajectory, rows, by):
    return spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=rows, by=by, allow_partial=True
    )


def csv_rows(text):
    return spreadsheets.read_table(io.BytesIO(text.encode()), "lijst.csv", kind="schools")


def by_row(result):
    """The data rows in file order (the XLSX has a title above its header)."""
    return sorted(result.rows, key=lambda row: row.row)


@pytest.mark.parametrize("name", SAMPLES)
@time_machine.travel(WINTER, tick=False)
def test_the_preview_takes_every_row_but_the_other_municipalitys(trajectory, name):
    result = preview(trajectory, read(name))

    rows = by_row(result)
    assert [row.status for row in rows] == ["new"] * 6 + ["error"]
    assert rows[-1].errors == [("Postcode", "postcode 3500 is not in Sint-Truiden.")]
    first = rows[0].row
    assert (
        "Names with a site added are split into the school's name and the site's name: "
        f"row {first + 1}: “Basisschool De Regenboog” and site “wijkschool Brustem”; "
        f"row {first + 3}: “VBS Sint-Jozef” and site “afdeling Zepperen”."
    ) in result.notes
    assert (
        "7 rows have pupil or GOK figures without a school year: they are taken as 2026-2027, "
        "the current school year."
    ) in result.notes
    assert (
        "6 new sites have no urban or rural setting in the file, and the sites of this "
        "trajectory do not show one most of them have: they stay unknown. Fill it in on the "
        "site's form."
    ) in result.notes
    assert (
        f"Row {first + 6} is in Hasselt (Gemeente “Hasselt”), not in Sint-Truiden. Check that "
        "the school belongs in this trajectory; the row is not refused for it."
    ) in result.notes
    # Gemeente is recognised, not ignored; "SINT-TRUIDEN" and "Saint-Trond" are this one.
    assert not any("not recognised" in note for note in result.notes)
    assert sum("Gemeente" in note for note in result.notes) == 1


@pytest.mark.parametrize("name", SAMPLES)
@time_machine.travel(WINTER, tick=False)
def test_applying_gives_schools_with_named_sites_and_this_years_pupils(
    trajectory, name, coordinator
):
    counts = apply(trajectory, read(name), coordinator)

    assert counts == {"new": 6, "changed": 0, "unchanged": 0, "error": 1}
    schools = {school.institution_number: school for school in trajectory.schools.all()}
    assert sorted(schools) == ["036111", "036129", "036137", "046011"]
    regenboog = schools["036111"]
    assert regenboog.name == "Basisschool De Regenboog"
    assert [(s.site_number, s.name) for s in regenboog.sites.order_by("site_number")] == [
        (1, ""),
        (2, "wijkschool Brustem"),
    ]
    jozef = schools["036129"]
    assert jozef.name == "VBS Sint-Jozef"
    assert jozef.levels == ["kleuter", "lager"]  # the kleuter site's levels and the others'
    assert jozef.sites.get(site_number=2).name == "afdeling Zepperen"
    assert set(Site.objects.filter(school__trajectory=trajectory).values_list("setting")) == {("",)}
    years = SiteYear.objects.filter(site__school__trajectory=trajectory)
    assert {year.school_year for year in years} == {"2026-2027"}
    brustem = years.get(site__school=regenboog, site__site_number=2)
    assert (brustem.pupils_5_10, brustem.gok_school_allowance) == (64, Decimal("18.0"))


@time_machine.travel(WINTER, tick=False)
def test_importing_the_list_again_changes_nothing(trajectory, coordinator):
    apply(trajectory, read("schools_real_world_utf8_bom.csv"), coordinator)

    result = preview(trajectory, read("schools_real_world_cp1252.csv"))

    assert result.counts == {"new": 0, "changed": 0, "unchanged": 6, "error": 1}


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        (datetime.datetime(2026, 8, 31, 21, 59, tzinfo=datetime.UTC), "2025-2026"),
        (datetime.datetime(2026, 8, 31, 22, 0, tzinfo=datetime.UTC), "2026-2027"),
        (datetime.datetime(2027, 2, 1, 12, tzinfo=datetime.UTC), "2026-2027"),
    ],
    ids=["31 August in Brussels", "1 September in Brussels", "1 February"],
)
def test_the_assumed_school_year_switches_on_1_september(trajectory, coordinator, moment, year):
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;Schooljaar;"
        "Leerlingen 5-10\n"
        "036111;Basisschool De Regenboog;gemeentelijk;1;Schoolstraat 1;3800;;182\n"
    )
    with time_machine.travel(moment, tick=False):
        result = preview(trajectory, rows)
        apply(trajectory, rows, coordinator)

    assert (
        f"1 row has pupil or GOK figures without a school year: they are taken as {year}, "
        "the current school year."
    ) in result.notes
    assert SiteYear.objects.get(site__school__trajectory=trajectory).school_year == year


def test_a_given_school_year_is_kept_and_no_year_is_assumed(trajectory, coordinator):
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;Schooljaar;"
        "Leerlingen 5-10\n"
        "036111;Basisschool De Regenboog;gemeentelijk;1;Schoolstraat 1;3800;2024-25;182\n"
        "036111;Basisschool De Regenboog;gemeentelijk;2;Schoolstraat 9;3800;;\n"
    )

    result = preview(trajectory, rows)
    apply(trajectory, rows, coordinator)

    assert not any("school year" in note for note in result.notes)
    assert list(SiteYear.objects.values_list("school_year", flat=True)) == ["2024-2025"]


def test_a_new_site_gets_the_setting_most_sites_of_the_trajectory_have(trajectory, coordinator):
    school = SchoolFactory(trajectory=trajectory, institution_number="036111")
    SiteFactory(school=school, site_number=1, street="Schoolstraat 1", setting="rural")
    SiteFactory(school=school, site_number=2, setting=Site.Setting.RURAL)
    SiteFactory(school=school, site_number=3, setting=Site.Setting.URBAN)
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;Stedelijk of landelijk\n"
        f"036111;{school.name};katholiek;1;Schoolstraat 1;3800;\n"
        f"036111;{school.name};katholiek;4;Dorp 4;3806;\n"
        f"036111;{school.name};katholiek;5;Markt 5;3800;stedelijk\n"
    )

    result = preview(trajectory, rows)
    apply(trajectory, rows, coordinator)

    # An empty cell is "not given": the existing site keeps its own setting.
    assert [row.status for row in result.rows] == ["unchanged", "new", "new"]
    assert (
        "1 new site has no urban or rural setting in the file: it gets “landelijk”, the "
        "setting of most sites of this trajectory (2 of 3). It can be changed on the site's "
        "form."
    ) in result.notes
    settings = dict(school.sites.values_list("site_number", "setting"))
    assert settings == {1: "rural", 2: "rural", 3: "urban", 4: "rural", 5: "urban"}


def test_without_a_majority_the_setting_stays_unknown_and_the_form_takes_it(
    trajectory, coordinator
):
    school = SchoolFactory(trajectory=trajectory, institution_number="036111")
    SiteFactory(school=school, site_number=1, setting=Site.Setting.RURAL)
    SiteFactory(school=school, site_number=2, setting=Site.Setting.URBAN)
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode\n"
        f"036111;{school.name};katholiek;3;Dorp 3;3806\n"
    )

    result = preview(trajectory, rows)
    apply(trajectory, rows, coordinator)

    assert any("1 new site has no urban or rural setting" in note for note in result.notes)
    site = school.sites.get(site_number=3)
    assert site.setting == ""
    site.setting = Site.Setting.RURAL
    site.full_clean()  # unknown is allowed, and so is choosing it later


def test_an_existing_school_keeps_its_name_when_one_site_row_adds_the_site(trajectory, coordinator):
    school = SchoolFactory(
        trajectory=trajectory, institution_number="036111", name="Basisschool De Regenboog"
    )
    SiteFactory(school=school, site_number=1, name="", street="Schoolstraat 1")
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;Stedelijk of landelijk\n"
        "036111;Basisschool De Regenboog (wijkschool Brustem);katholiek;1;Schoolstraat 1;3800;"
        "stedelijk\n"
    )

    result = preview(trajectory, rows)
    apply(trajectory, rows, coordinator)

    assert result.rows[0].changes == [("Vestigingsnaam", "", "wijkschool Brustem")]
    school.refresh_from_db()
    assert school.name == "Basisschool De Regenboog"
    assert school.sites.get().name == "wijkschool Brustem"


def test_a_site_name_column_wins_over_the_suffix(trajectory, coordinator):
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Vestigingsnaam;Adres;Postcode\n"
        "036111;Basisschool De Regenboog;gemeentelijk;1;Hoofdschool;Schoolstraat 1;3800\n"
        "036111;Basisschool De Regenboog: Brustem;gemeentelijk;2;Wijkschool;Weg 2;3800\n"
        "036111;Basisschool De Regenboog Velm;gemeentelijk;3;;Weg 3;3806\n"
    )

    apply(trajectory, rows, coordinator)

    school = School.objects.get(trajectory=trajectory)
    assert school.name == "Basisschool De Regenboog"
    names = dict(school.sites.values_list("site_number", "name"))
    assert names == {1: "Hoofdschool", 2: "Wijkschool", 3: "Velm"}


def test_names_that_share_only_a_word_are_still_a_conflict(trajectory):
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode\n"
        "036111;Basisschool Sint-Jan;gemeentelijk;1;Schoolstraat 1;3800\n"
        "036111;Basisschool Sint-Jozef;gemeentelijk;2;Weg 2;3800\n"
    )

    result = preview(trajectory, rows)

    assert result.rows[1].errors == [
        (
            "Schoolnaam",
            "Differs from row 2 (Basisschool Sint-Jan) for the same instellingsnummer.",
        )
    ]


def test_gemeente_is_compared_without_case_accents_or_postcode(trajectory, municipality_b):
    trajectory.areas.create(name="Brustem")
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;Gemeente\n"
        "036111;School A;GO!;1;Weg 1;3800;sint truiden\n"
        "036112;School B;GO!;1;Weg 2;3800;SAINT-TROND\n"
        "036113;School C;GO!;1;Weg 3;3800;3800 Sint-Truiden (Brustem)\n"
        "036114;School D;GO!;1;Weg 4;3800;Brüstem\n"
        "036115;School E;GO!;1;Weg 5;3800;Tirlemont\n"
        "036116;School F;GO!;1;Weg 6;3800;Tirlemont\n"
        "036117;School G;GO!;1;Weg 7;3800;Nergenshuizen\n"
    )

    result = preview(trajectory, rows)

    assert result.counts["new"] == 7  # warned, never refused
    warnings = [note for note in result.notes if "Gemeente" in note]
    assert warnings == [
        "Rows 6, 7 are in Tienen (Gemeente “Tirlemont”), not in Sint-Truiden. Check that these "
        "schools belong in this trajectory; the rows are not refused for it.",
        "Row 8: Gemeente “Nergenshuizen” is not Sint-Truiden nor one of the deelgemeenten this "
        "trajectory knows. Check the row; it is not refused for it.",
    ]


def test_a_longer_new_name_without_a_separator_renames_the_school(trajectory, coordinator):
    school = SchoolFactory(trajectory=trajectory, institution_number="036111", name="VBS")
    SiteFactory(school=school, site_number=1, name="", street="Schoolstraat 1")
    rows = csv_rows(
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode\n"
        "036111;VBS Sint-Jozef;katholiek;1;Schoolstraat 1;3800\n"
    )

    result = preview(trajectory, rows)

    assert result.rows[0].changes == [("Schoolnaam", "VBS", "VBS Sint-Jozef")]
    assert not any("split" in note for note in result.notes)


@time_machine.travel(WINTER, tick=False)
def test_the_pages_preview_and_apply_the_xlsx_list(coordinator_client, trajectory):

    client = coordinator_client
    client.cookies["django_language"] = "en"
    kwargs = {"pk": trajectory.pk, "section": "schools"}
    upload = SimpleUploadedFile("scholen.xlsx", (FILES / "schools_real_world.xlsx").read_bytes())
    response = client.post(reverse("municipalities:import_upload", kwargs=kwargs), {"file": upload})
    preview_url = response.url

    page = client.get(preview_url).text
    assert "taken as 2026-2027, the current school year" in page
    assert "and site “wijkschool Brustem”" in page
    assert "Row 10 is in Hasselt" in page
    assert not School.objects.exists()

    response = client.post(preview_url, {"confirm": "", "allow_partial": "on"})

    assert response.status_code == 302
    assert ImportBatch.objects.get().result["new"] == 6
    assert School.objects.get(institution_number="036111").name == "Basisschool De Regenboog"
    assert SiteYear.objects.filter(school_year="2026-2027").count() == 6
