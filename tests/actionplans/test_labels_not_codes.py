"""What a person reads of a plan version is words and Belgian formats, never stored codes."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from openpyxl import load_workbook

from actionplans.exports import version_csv, version_rows, version_xlsx
from actionplans.models import ActionSlot, BudgetLine, FundingSource
from tests.actionplans.factories import PlanVersionFactory, sample_plan

# Codes the snapshot keeps, which must never reach a reader (as whole words).
RAW_CODES = [
    "after_school",
    "wednesday",
    "holidays",
    "summer",
    "easter",
    "personnel",
    "activities",
    "materials",
    "transport",
    "other",
    "boa",
    "municipal",
    "project_subsidy",
    "partner",
    "social_employment",
    "planned",
    "in_progress",
    "done",
    "5-10",
    "11-15",
]
# English words the Dutch pages once showed.
ENGLISH = ["added", "removed", "changed", "yes", "no", "children", "deadline:"]


def _raw_codes(text: str) -> list[str]:
    return [code for code in RAW_CODES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]


@pytest.fixture
def versions(trajectory_a, intake_a, swot_a, coordinator):
    parts = sample_plan(
        trajectory_a,
        site=intake_a["site"],
        actor=intake_a["leisure-actors"],
        provider=intake_a["care-providers"],
        school=intake_a["schools"],
        swot=swot_a,
    )
    first = PlanVersionFactory(plan=parts["plan"], number=1, submitted_by=coordinator)
    action = parts["A1.1.1"]
    action.status = "in_progress"
    action.progress = 40
    action.age_groups = ["5-10"]
    action.ends_on = datetime.date(2027, 8, 31)
    action.save()
    action.swot_items.set([swot_a["W1"]])
    action.partner_actors.clear()
    ActionSlot.objects.create(
        action=action,
        slot="holidays",
        holiday_period="easter",
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(12, 0),
        expected_children=12,
    )
    ActionSlot.objects.create(action=action, slot="wednesday", expected_children=8)
    BudgetLine.objects.create(
        action=action, category="transport", year=2028, amount=Decimal("24000"), description="Bus"
    )
    FundingSource.objects.create(action=action, kind="partner", year=2028, amount=Decimal("24000"))
    FundingSource.objects.create(
        action=action, kind="social_employment", year=2029, amount=Decimal("1234.5")
    )
    parts["A2.1.1"].funding.update(call_deadline=datetime.date(2030, 11, 15))
    second = PlanVersionFactory(plan=parts["plan"], number=2, submitted_by=coordinator)
    return first, second


def test_the_diff_page_reads_in_dutch_words_and_belgian_formats(
    coordinator_client, trajectory_a, versions
):
    response = coordinator_client.get(
        reverse("actionplans:diff", kwargs={"trajectory_pk": trajectory_a.pk})
    )

    assert response.status_code == 200
    text = strip_tags(response.text.split('id="main"')[1].split("<footer")[0])
    assert _raw_codes(text) == []
    assert [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)] == []
    for expected in [
        "2028 · Vervoer: € 24.000,00 — Bus",
        "2028 · Bijdrage van partners: € 24.000,00",
        "2029 · Subsidie sociale economie: € 1.234,50",
        "Paasvakantie 09:00–12:00 (12 kinderen)",
        "Zomervakantie 09:00–16:00 (30 kinderen)",
        "31/08/2027",
        "deadline 15/11/2030",
        "Gepland",
        "40 %",
        "5–10 jaar",
        "+ € 24.000,00",
        "gewijzigd",
    ]:
        assert expected in text, expected
    assert "24000.00" not in text
    assert "1234.50" not in text


def test_the_money_totals_of_the_diff_are_named_in_words(
    coordinator_client, trajectory_a, versions
):
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.get(
        reverse("actionplans:diff", kwargs={"trajectory_pk": trajectory_a.pk})
    )

    totals = [row[0] for row in response.context["diff"]["totals"]]
    assert totals[:2] == ["Budget, total", "Budget 2028"]
    assert "Funding 2028: Partner contribution" in totals
    assert "Funding 2029: Social-employment subsidy" in totals


def test_the_version_page_reads_in_dutch_words_and_belgian_formats(
    coordinator_client, trajectory_a, versions
):
    response = coordinator_client.get(
        reverse("actionplans:version", kwargs={"trajectory_pk": trajectory_a.pk, "number": 2})
    )

    text = strip_tags(response.text.split('id="main"')[1].split("<footer")[0])
    assert _raw_codes(text) == []
    assert "24000.00" not in text
    assert "Paasvakantie 09:00–12:00" in text
    assert "01/09/2026" in text


def _label_columns(headers: list[str], rows: list[list]) -> str:
    """Every cell a person reads: all columns but the machine-readable "(code)" ones."""
    keep = [index for index, header in enumerate(headers) if not header.endswith("(code)")]
    return "\n".join(str(row[index]) for row in rows for index in keep)


def _english_headers(version) -> list[str]:
    # New headers reach the Dutch catalogue later; rows are matched to them by position.
    with translation.override("en"):
        return version_rows(version)[0]


def test_the_csv_of_a_version_has_labels_beside_its_code_columns(versions):
    headers = _english_headers(versions[1])
    with translation.override("nl-be"):
        data = version_csv(versions[1])

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows[0]) == len(headers)
    assert _raw_codes("\n".join(rows[0])) == []
    assert _raw_codes(_label_columns(headers, rows[1:])) == []
    first = dict(zip(headers, rows[1], strict=True))
    assert first["Estimate 2028"] == "24.000,00"
    assert first["Funding Partner contribution"] == "24.000,00"
    assert first["End"] == "31/08/2027"
    assert (first["Status"], first["Status (code)"]) == ("Bezig", "in_progress")
    assert (first["Age groups"], first["Age groups (code)"]) == ("5–10 jaar", "5-10")
    assert "Paasvakantie 09:00–12:00 (12 kinderen)" in first["Time slots"]
    assert "holidays:easter 09:00-12:00" in first["Time slots (code)"]
    assert first["Prioritair"] == "ja"


def test_the_headers_follow_the_language(versions):
    headers = _english_headers(versions[1])

    assert headers[:7] == [
        "Policy objective (code)",
        "Policy objective (title)",
        "Action plan (code)",
        "Action plan (title)",
        "Action (code)",
        "Action (title)",
        "Prioritair",
    ]
    assert "Funding BOA subsidy" in headers
    assert headers[-1] == "SHA-256"


def test_the_workbook_of_a_version_has_labels_and_belgian_formats(versions):
    headers = _english_headers(versions[1])
    with translation.override("nl-be"):
        workbook = load_workbook(io.BytesIO(version_xlsx(versions[1])))

    assert workbook.sheetnames[0] == "Acties"
    sheet = workbook.worksheets[0]
    body = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert _raw_codes("\n".join(cell.value for cell in sheet[1])) == []
    assert _raw_codes(_label_columns(headers, body)) == []
    first = dict(zip(headers, sheet[2], strict=True))
    assert first["Estimate 2028"].value == 24000
    assert first["Estimate 2028"].number_format == "#,##0.00 [$€-813]"
    assert first["End"].number_format == "DD/MM/YYYY"
    facts = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert facts["Planningscyclus"] == "2026–2031"
    assert facts["Gemeente"] == "Sint-Truiden (71053)"


def test_the_export_file_names_are_dutch(coordinator_client, trajectory_a, versions):
    for fmt in ("xlsx", "csv"):
        response = coordinator_client.get(
            reverse("actionplans:export", kwargs={"trajectory_pk": trajectory_a.pk, "fmt": fmt})
        )
        assert response["Content-Disposition"] == (
            f'attachment; filename="actieplan-sint-truiden-v2.{fmt}"'
        )


def test_the_swot_export_file_name_is_dutch(coordinator_client, trajectory_a, swot_a):
    response = coordinator_client.get(
        reverse("swot:export", kwargs={"trajectory_pk": trajectory_a.pk})
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="swot-sint-truiden-2026-ronde-1.xlsx"'
    )
