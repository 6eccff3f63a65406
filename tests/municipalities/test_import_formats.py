"""Every accepted file format reads into the same rows, whatever the headers look like."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from municipalities import spreadsheets
from municipalities.models import School, Site, SiteYear
from tests.municipalities.factories import add_postal_codes

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

FILES = Path(__file__).parent / "files"


def read(name: str, kind: str = "schools"):
    upload = SimpleUploadedFile(name, (FILES / name).read_bytes())
    return spreadsheets.read_table(upload, name, kind=kind)


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    return trajectory_a


def test_semicolon_csv_in_windows_1252_keeps_its_accents(trajectory, administrator):
    rows = read("schools_semicolon_cp1252.csv")

    assert [row["row"] for row in rows] == [2, 3, 4]
    assert rows[0]["cells"]["school_name"] == "Sint-Truiden — Basisschool Sint-Jozef"
    assert rows[0]["cells"]["site_name"] == "Ève"
    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)
    assert preview.counts == {"new": 3, "changed": 0, "unchanged": 0, "error": 0}

    spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=rows, by=administrator, allow_partial=False
    )
    school = School.objects.get(trajectory=trajectory, institution_number="012345")
    assert school.name == "Sint-Truiden — Basisschool Sint-Jozef"
    assert school.network == School.Network.FREE_CATHOLIC
    assert school.levels == ["kleuter", "lager"]
    site = Site.objects.get(school=school, site_number=1)
    assert site.name == "Ève"
    assert site.latitude == Decimal("50.816300")
    assert site.care_offer == ["morning", "after_school", "wednesday"]
    year = SiteYear.objects.get(site=site)
    assert year.school_year == "2025-2026"
    assert year.gok_school_allowance == Decimal("24.5")
    assert year.gok_home_language == Decimal("18.0")
    brustem = Site.objects.get(school=school, site_number=2)
    assert brustem.area.name == "Brustem"
    assert brustem.care_offer == ["lunchtime", "holidays"]
    assert brustem.years.get().school_year == "2025-2026"  # written as 2025/2026


def test_utf8_csv_with_bom_and_commas(trajectory):
    rows = read("schools_utf8_bom_comma.csv")

    cells = rows[0]["cells"]
    assert cells["institution_number"] == "034567"  # no BOM glued to the first header
    assert cells["school_name"] == "Stedelijke Basisschool Élan"
    assert cells["care_offer"] == "na school, woensdag, vakantie"
    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)
    assert preview.counts["new"] == 1


def test_xlsx_with_a_title_above_the_header_on_row_4(trajectory):
    rows = read("schools_header_on_row_4.xlsx")

    assert rows.header_row == 4
    assert rows.ignored_headers == ("Opmerking",)
    assert [row["row"] for row in rows] == [5, 7]  # row numbers as Excel shows them
    stored = json.loads(json.dumps(rows))  # as ImportBatch.rows keeps them
    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=stored)
    assert preview.counts == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}
    assert "These columns are not recognised and are ignored: Opmerking." in preview.notes


def test_xlsx_percentage_cells_are_read_as_percentages():
    rows = read("schools_header_on_row_4.xlsx")

    assert rows[0]["cells"]["gok_school_allowance"] == "24.5"  # 0,245 shown as 24,5 %
    assert rows[0]["cells"]["gok_home_language"] == "18"


def test_five_digit_instellingsnummer_gets_its_leading_zero_back(trajectory, administrator):
    rows = read("schools_header_on_row_4.xlsx")  # 45678 stored as a number

    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)

    assert not preview.has_errors
    spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=rows, by=administrator, allow_partial=False
    )
    assert School.objects.get(trajectory=trajectory).institution_number == "045678"


@pytest.mark.parametrize(
    "header",
    ["Instellingsnummer", "INSTELLINGSNUMMER", " instellings nummer ", "Instellings-nummer"],
)
def test_headers_tolerate_case_spaces_and_punctuation(header):
    text = (
        f"{header};Schóólnaam;NET;Vestigingsnr.;Adres;postcode;Stedelijk/Landelijk\n"
        "012345;School;GO!;1;Weg 1;3800;stedelijk\n"
    )

    rows = spreadsheets.read_table(io.BytesIO(text.encode()), "scholen.csv", kind="schools")

    assert rows[0]["cells"] == {
        "institution_number": "012345",
        "school_name": "School",
        "network": "GO!",
        "site_number": "1",
        "street": "Weg 1",
        "postal_code": "3800",
        "setting": "stedelijk",
    }


def test_kind_is_recognised_from_the_headers_when_not_given():
    text = "Naam;Type;Adres;Erkenning\nIBO De Speelboom;IBO;Speelstraat 4;erkend\n"

    rows = spreadsheets.read_table(io.BytesIO(text.encode()), "opvang.csv")

    assert rows[0]["cells"]["name"] == "IBO De Speelboom"


def test_blank_rows_are_skipped():
    text = "Naam;Type\n\nSportclub;sport\n;\nBib;bibliotheek\n"

    rows = spreadsheets.read_table(
        io.BytesIO(text.encode()), "vrije-tijd.csv", kind="leisure-actors"
    )

    assert [(row["row"], row["cells"]["name"]) for row in rows] == [(3, "Sportclub"), (5, "Bib")]
