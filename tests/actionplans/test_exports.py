"""The BBC export of a version: one row per action, money per year, the version and its hash."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from actionplans.exports import EURO_FORMAT, version_csv, version_rows, version_xlsx
from tests.actionplans.factories import ActionFactory, PlanVersionFactory, sample_plan

pytestmark = pytest.mark.usefixtures("in_english")

YEARS = [f"Raming {year}" for year in range(2026, 2032)]
FUNDING = [
    "Financiering Municipal own means",
    "Financiering BOA subsidy",
    "Financiering Supra-local project subsidy",
    "Financiering Partner contribution",
    "Financiering Social-employment subsidy",
]
HEADERS = [
    "Beleidsdoelstelling (code)",
    "Beleidsdoelstelling (titel)",
    "Actieplan (code)",
    "Actieplan (titel)",
    "Actie (code)",
    "Actie (titel)",
    "Prioritair",
    "BD prioritair",
    "AP prioritair",
    *YEARS,
    *FUNDING,
    "Eigenaar",
    "Start",
    "Einde",
    "Leeftijdsgroepen",
    "Locaties",
    "Momenten",
    "Status",
    "Voortgang (%)",
    "Versie",
    "SHA-256",
]


@pytest.fixture
def parts(trajectory_a, intake_a):
    parts = sample_plan(trajectory_a, site=intake_a["site"])
    ActionFactory(
        action_plan=parts["AP1.2"],
        number=2,
        title='=HYPERLINK("http://evil.example","klik")',
        owner="+32 11 12 34 56",
        at_central_site=True,
        central_site_name="@SUM(A1:A2)",
    )
    return parts


@pytest.fixture
def version(parts, coordinator):
    version = PlanVersionFactory(plan=parts["plan"], number=3, submitted_by=coordinator)
    # What the export shows is the frozen version, whatever happens to the plan afterwards.
    parts["A1.1.1"].title = "Changed after submitting"
    parts["A1.1.1"].save(update_fields=["title", "updated_at"])
    return version


def _rows_by_code(headers, rows):
    return {
        row[headers.index("Actie (code)")]: dict(zip(headers, row, strict=True)) for row in rows
    }


def test_one_row_per_action_of_the_version(version):
    headers, rows = version_rows(version)

    assert headers == HEADERS
    assert [row[4] for row in rows] == ["A1.1.1", "A1.1.2", "A1.2.1", "A1.2.2", "A2.1.1"]
    by_code = _rows_by_code(headers, rows)
    first = by_code["A1.1.1"]
    assert first["Actie (titel)"] == "Brugfiguur in Velm"
    assert (first["Prioritair"], first["AP prioritair"], first["BD prioritair"]) == (
        "ja",
        "ja",
        "ja",
    )
    assert (first["Raming 2026"], first["Raming 2027"], first["Raming 2028"]) == (
        Decimal("1500.75"),  # 1200.50 + 300.25
        Decimal("1250.00"),
        Decimal("0.00"),
    )
    assert first["Financiering BOA subsidy"] == Decimal("1000.00")
    assert first["Financiering Municipal own means"] == Decimal("400.00")
    assert (first["Start"], first["Einde"]) == (
        datetime.date(2026, 9, 1),
        datetime.date(2027, 6, 30),
    )
    assert first["Leeftijdsgroepen"] == "5–10 years, 11–15 years"
    assert first["Locaties"] == "Vrije Basisschool Sint-Jozef – 1 (Kerkstraat 20, 3806)"
    assert first["Momenten"] == (
        "After school 15:30–18:00 (20 children); Summer holiday 09:00–16:00 (30 children)"
    )
    assert (first["Status"], first["Voortgang (%)"]) == ("Planned", 10)
    assert (first["Versie"], first["SHA-256"]) == (3, version.content_hash)

    second = by_code["A1.1.2"]
    assert (second["Prioritair"], second["AP prioritair"], second["BD prioritair"]) == (
        "nee",
        "ja",
        "ja",
    )
    teens = by_code["A2.1.1"]
    assert teens["BD prioritair"] == "ja"
    assert teens["Locaties"] == "Jeugdhuis De Link"
    assert (teens["Start"], teens["Einde"]) == (None, None)
    assert teens["Financiering Supra-local project subsidy"] == Decimal("5.00")


def test_the_workbook(version):
    workbook = load_workbook(io.BytesIO(version_xlsx(version)))

    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1 + 5
    assert sheet.freeze_panes == "A2"
    row = dict(zip(HEADERS, sheet[2], strict=True))
    assert row["Actie (code)"].value == "A1.1.1"
    assert row["Raming 2026"].value == pytest.approx(1500.75)
    assert row["Raming 2026"].number_format == EURO_FORMAT
    assert row["Financiering BOA subsidy"].value == 1000
    # A worksheet date reads back as a naive datetime at midnight.
    assert row["Start"].value.date() == datetime.date(2026, 9, 1)
    assert row["Start"].number_format == "DD/MM/YYYY"
    assert row["Voortgang (%)"].value == 10

    about = workbook["Versie"]
    facts = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert facts["Plan"] == "PLUS Sint-Truiden"
    assert facts["Gemeente"] == "Sint-Truiden (71053)"
    assert facts["Versie"] == 3
    assert facts["SHA-256"] == version.content_hash
    assert len(facts["SHA-256"]) == 64
    assert facts["Ingediend door"] == str(version.submitted_by)
    assert isinstance(facts["Ingediend op"], datetime.datetime)


def test_the_csv(version):
    data = version_csv(version)

    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + 5
    first = dict(zip(HEADERS, rows[1], strict=True))
    assert first["Actie (code)"] == "A1.1.1"
    assert (first["Raming 2026"], first["Raming 2031"]) == ("1500,75", "0,00")
    assert (first["Start"], first["Einde"]) == ("01/09/2026", "30/06/2027")
    assert (first["Versie"], first["SHA-256"]) == ("3", version.content_hash)
    assert {row[-1] for row in rows[1:]} == {version.content_hash}


def test_formulas_are_neutralised(version):
    rows = list(
        csv.reader(io.StringIO(version_csv(version).decode("utf-8-sig"), newline=""), delimiter=";")
    )
    evil = dict(zip(HEADERS, rows[4], strict=True))
    assert evil["Actie (titel)"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert evil["Eigenaar"] == "'+32 11 12 34 56"
    assert evil["Locaties"] == "'@SUM(A1:A2)"

    sheet = load_workbook(io.BytesIO(version_xlsx(version))).worksheets[0]
    title = sheet.cell(row=5, column=HEADERS.index("Actie (titel)") + 1)
    # Kept word for word, and stored as text: a workbook never runs it.
    assert title.value == '=HYPERLINK("http://evil.example","klik")'
    assert title.data_type == "s"
