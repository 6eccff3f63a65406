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

YEARS = [f"Estimate {year}" for year in range(2026, 2032)]
FUNDING = [
    "Funding Municipal own means",
    "Funding BOA subsidy",
    "Funding Supra-local project subsidy",
    "Funding Partner contribution",
    "Funding Social-employment subsidy",
]
HEADERS = [
    "Policy objective (code)",
    "Policy objective (title)",
    "Action plan (code)",
    "Action plan (title)",
    "Action (code)",
    "Action (title)",
    "Prioritair",
    "Objective prioritair",
    "Action plan prioritair",
    *YEARS,
    *FUNDING,
    "Owner",
    "Start",
    "End",
    "Age groups",
    "Age groups (code)",
    "Locations",
    "Time slots",
    "Time slots (code)",
    "Status",
    "Status (code)",
    "Progress (%)",
    "Version",
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
        row[headers.index("Action (code)")]: dict(zip(headers, row, strict=True)) for row in rows
    }


def test_one_row_per_action_of_the_version(version):
    headers, rows = version_rows(version)

    assert headers == HEADERS
    assert [row[4] for row in rows] == ["A1.1.1", "A1.1.2", "A1.2.1", "A1.2.2", "A2.1.1"]
    by_code = _rows_by_code(headers, rows)
    first = by_code["A1.1.1"]
    assert first["Action (title)"] == "Brugfiguur in Velm"
    flags = ("Prioritair", "Action plan prioritair", "Objective prioritair")
    assert tuple(first[flag] for flag in flags) == (
        "yes",
        "yes",
        "yes",
    )
    assert (first["Estimate 2026"], first["Estimate 2027"], first["Estimate 2028"]) == (
        Decimal("1500.75"),  # 1200.50 + 300.25
        Decimal("1250.00"),
        Decimal("0.00"),
    )
    assert first["Funding BOA subsidy"] == Decimal("1000.00")
    assert first["Funding Municipal own means"] == Decimal("400.00")
    assert (first["Start"], first["End"]) == (
        datetime.date(2026, 9, 1),
        datetime.date(2027, 6, 30),
    )
    assert first["Age groups"] == "5–10 years, 11–15 years"
    assert first["Locations"] == "Vrije Basisschool Sint-Jozef – 1 (Kerkstraat 20, 3806)"
    assert first["Time slots"] == (
        "After school 15:30–18:00 (20 children); Summer holiday 09:00–16:00 (30 children)"
    )
    assert (first["Status"], first["Progress (%)"]) == ("Planned", 10)
    assert (first["Status (code)"], first["Age groups (code)"]) == ("planned", "5-10, 11-15")
    assert first["Time slots (code)"] == "after_school 15:30-18:00; holidays:summer 09:00-16:00"
    assert (first["Version"], first["SHA-256"]) == (3, version.content_hash)

    second = by_code["A1.1.2"]
    assert tuple(second[flag] for flag in flags) == (
        "no",
        "yes",
        "yes",
    )
    teens = by_code["A2.1.1"]
    assert teens["Objective prioritair"] == "yes"
    assert teens["Locations"] == "Jeugdhuis De Link"
    assert (teens["Start"], teens["End"]) == (None, None)
    assert teens["Funding Supra-local project subsidy"] == Decimal("5.00")


def test_the_workbook(version):
    workbook = load_workbook(io.BytesIO(version_xlsx(version)))

    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1 + 5
    assert sheet.freeze_panes == "A2"
    row = dict(zip(HEADERS, sheet[2], strict=True))
    assert row["Action (code)"].value == "A1.1.1"
    assert row["Estimate 2026"].value == pytest.approx(1500.75)
    assert row["Estimate 2026"].number_format == EURO_FORMAT
    assert row["Funding BOA subsidy"].value == 1000
    # A worksheet date reads back as a naive datetime at midnight.
    assert row["Start"].value.date() == datetime.date(2026, 9, 1)
    assert row["Start"].number_format == "DD/MM/YYYY"
    assert row["Progress (%)"].value == 10

    about = workbook["Version"]
    assert workbook.sheetnames == ["Actions", "Version"]
    facts = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert facts["Plan"] == "PLUS Sint-Truiden"
    assert facts["Municipality"] == "Sint-Truiden (71053)"
    assert facts["Version"] == 3
    assert facts["SHA-256"] == version.content_hash
    assert len(facts["SHA-256"]) == 64
    assert facts["Submitted by"] == str(version.submitted_by)
    assert isinstance(facts["Submitted on"], datetime.datetime)


def test_the_csv(version):
    data = version_csv(version)

    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + 5
    first = dict(zip(HEADERS, rows[1], strict=True))
    assert first["Action (code)"] == "A1.1.1"
    assert (first["Estimate 2026"], first["Estimate 2031"]) == ("1.500,75", "0,00")
    assert (first["Start"], first["End"]) == ("01/09/2026", "30/06/2027")
    assert (first["Version"], first["SHA-256"]) == ("3", version.content_hash)
    assert {row[-1] for row in rows[1:]} == {version.content_hash}


def test_formulas_are_neutralised(version):
    rows = list(
        csv.reader(io.StringIO(version_csv(version).decode("utf-8-sig"), newline=""), delimiter=";")
    )
    evil = dict(zip(HEADERS, rows[4], strict=True))
    assert evil["Action (title)"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert evil["Owner"] == "'+32 11 12 34 56"
    assert evil["Locations"] == "'@SUM(A1:A2)"

    sheet = load_workbook(io.BytesIO(version_xlsx(version))).worksheets[0]
    title = sheet.cell(row=5, column=HEADERS.index("Action (title)") + 1)
    # Kept word for word behind an apostrophe, and stored as text: a workbook never runs it.
    assert title.value == '\'=HYPERLINK("http://evil.example","klik")'
    assert title.data_type == "s"
