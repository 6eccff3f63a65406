"""Exports write the columns the import reads, so exporting and importing changes nothing."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from municipalities import spreadsheets
from municipalities.models import School
from tests.municipalities.factories import (
    AreaFactory,
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
    SiteYearFactory,
    add_postal_codes,
)

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

KINDS = ["schools", "care-providers", "leisure-actors"]


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    area = AreaFactory(trajectory=trajectory_a, name="Brustem")
    school = SchoolFactory(
        trajectory=trajectory_a,
        institution_number="012345",
        name="Sint-Truiden — Basisschool Sint-Jozef",
        network=School.Network.GO,
        levels=["lager", "kleuter"],
    )
    first = SiteFactory(school=school, site_number=1, name="Ève", area=area)
    SiteYearFactory(site=first, school_year="2024-2025", pupils_5_10=170)
    SiteYearFactory(site=first, school_year="2025-2026", gok_mother_education=None)
    second = SiteFactory(
        school=school,
        site_number=2,
        postal_code="3803",
        setting="rural",
        latitude=None,
        longitude=None,
        care_offer=[],
    )
    SiteFactory(school=SchoolFactory(trajectory=trajectory_a, levels=[]), site_number=1)
    CareProviderFactory(trajectory=trajectory_a, area=area, sites_served=[first, second])
    CareProviderFactory(trajectory=trajectory_a, name="=Speelplein", kind="playground", slots=[])
    LeisureActorFactory(trajectory=trajectory_a, area=area, age_groups=["5-10", "11-15"])
    LeisureActorFactory(
        trajectory=trajectory_a,
        name="-Bib-",
        kind="library",
        cost_level="",
        contact_email="",
        contact_phone="@bib",
        in_partnership=False,
        age_groups=[],
    )
    return trajectory_a


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_is_all_unchanged(trajectory, kind, fmt):
    export = {"csv": spreadsheets.export_csv, "xlsx": spreadsheets.export_xlsx}[fmt]
    data = export(trajectory=trajectory, kind=kind)

    rows = spreadsheets.read_table(io.BytesIO(data), f"export.{fmt}", kind=kind)
    preview = spreadsheets.preview_import(trajectory=trajectory, kind=kind, rows=rows)

    assert [row.changes for row in preview.rows if row.changes] == []
    assert preview.counts["unchanged"] == len(rows) >= 2
    assert preview.notes == []


def test_csv_export_is_utf8_with_bom_and_semicolons_for_belgian_excel(trajectory):
    data = spreadsheets.export_csv(trajectory=trajectory, kind="schools")

    assert data.startswith(b"\xef\xbb\xbfInstellingsnummer;Schoolnaam;Net;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, first = rows[0], rows[1]
    record = dict(zip(header, first, strict=True))
    assert record["Schoolnaam"] == "Sint-Truiden — Basisschool Sint-Jozef"
    assert record["Net"] == "GO!"
    assert record["Niveaus"] == "kleuter, lager"
    assert record["Breedtegraad"] == "50,816300"
    assert record["Schooljaar"] == "2025-2026"  # the most recent year
    assert record["GOK schooltoeslag (%)"] == "24,0"
    assert record["GOK opleiding moeder (%)"] == ""
    assert record["Opvang"] == "voor school, na school"


def test_csv_export_neutralises_formula_like_cells(trajectory):
    providers = spreadsheets.export_csv(trajectory=trajectory, kind="care-providers").decode()
    actors = spreadsheets.export_csv(trajectory=trajectory, kind="leisure-actors").decode()

    assert "\r\n'=Speelplein;speelpleinwerking;" in providers
    assert "'-Bib-" in actors
    assert "'@bib" in actors
    assert "'+32 11 12 34 56" in actors


def test_xlsx_export_neutralises_formula_like_text_as_the_csv_does(trajectory):
    data = spreadsheets.export_xlsx(trajectory=trajectory, kind="care-providers")

    sheet = load_workbook(io.BytesIO(data)).active
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    assert names["'=Speelplein"] == "s"


def test_export_table_gives_headers_and_human_values(trajectory):
    headers, rows = spreadsheets.export_table(trajectory=trajectory, kind="care-providers")

    assert headers == [column.header for column in spreadsheets.columns_for("care-providers")]
    record = dict(zip(headers, rows[1], strict=True))
    assert record["Type"] == "IBO"
    assert record["Vestigingen"] == "012345/1, 012345/2"
    assert record["Openingsmomenten"] == "voor school, na school, vakantie"


@pytest.mark.parametrize("kind", KINDS)
def test_templates_have_every_column_and_an_explanation(kind):
    workbook = load_workbook(io.BytesIO(spreadsheets.template_xlsx(kind)))

    columns = spreadsheets.columns_for(kind)
    data, guide = workbook.worksheets
    assert [cell.value for cell in data[1]] == [column.header for column in columns]
    assert data.max_row == 2  # one example row
    assert guide.title == "Uitleg"
    assert [row[0] for row in guide.iter_rows(min_row=2, values_only=True)] == [
        column.header for column in columns
    ]
    assert all(row[2] for row in guide.iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_example_rows_import_cleanly(trajectory_a, kind, fmt, coordinator):
    add_postal_codes(trajectory_a.municipality)
    if kind == "care-providers":
        SiteFactory(
            school=SchoolFactory(trajectory=trajectory_a, institution_number="012345"),
            site_number=1,
        )
    template = {"csv": spreadsheets.template_csv, "xlsx": spreadsheets.template_xlsx}[fmt]

    rows = spreadsheets.read_table(io.BytesIO(template(kind)), f"sjabloon.{fmt}", kind=kind)
    preview = spreadsheets.preview_import(trajectory=trajectory_a, kind=kind, rows=rows)

    assert preview.counts["new"] == 1, preview.rows[0].errors


def test_latitude_keeps_its_decimals_through_xlsx(trajectory):
    data = spreadsheets.export_xlsx(trajectory=trajectory, kind="schools")

    rows = spreadsheets.read_table(io.BytesIO(data), "export.xlsx", kind="schools")

    assert Decimal(rows[0]["cells"]["latitude"]) == Decimal("50.8163")
