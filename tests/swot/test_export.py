"""The SWOT spreadsheet: items with their evidence, TOWS strategies and what they leave open."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from municipalities.models import ChildrenCount
from swot.exports import swot_xlsx
from swot.models import Quadrant, Strategy, Theme
from tests.municipalities.factories import AreaFactory, SchoolFactory, SiteFactory
from tests.swot.factories import StrategyFactory, SwotAnalysisFactory, SwotItemFactory

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def analysis(trajectory_a, coordinator):
    analysis = SwotAnalysisFactory(trajectory=trajectory_a)
    area = AreaFactory(trajectory=trajectory_a, name="Velm")
    site = SiteFactory(school=SchoolFactory(trajectory=trajectory_a), name="Velm-centrum")
    children = ChildrenCount.objects.create(
        trajectory=trajectory_a, area=area, age_group="5-10", children=400
    )
    weakness = SwotItemFactory(
        analysis=analysis,
        theme=Theme.CHILDCARE,
        quadrant=Quadrant.WEAKNESS,
        priority=1,
        statement="Few care places in Velm",
        explanation="20 places for 400 children.",
        age_groups=["5-10", "11-15"],
        evidence_figures="Care places 5–10: 20\nchildren 5–10: 400",
        source_name="Opgroeien",
        source_date=datetime.date(2026, 2, 1),
        author=coordinator,
    )
    weakness.evidence_sites.add(site)
    weakness.evidence_children_counts.add(children)
    opportunity = SwotItemFactory(
        analysis=analysis,
        theme=Theme.PARTICIPATION,
        quadrant=Quadrant.OPPORTUNITY,
        statement="Chiro wants to join",
    )
    SwotItemFactory(
        analysis=analysis,
        theme=Theme.LEISURE,
        quadrant=Quadrant.WEAKNESS,
        priority=2,
        statement='=HYPERLINK("http://evil.example")',
    )
    SwotItemFactory(
        analysis=analysis,
        theme=Theme.SCHOOLS,
        quadrant=Quadrant.THREAT,
        statement="Schools lose pupils",
        is_parked=True,
        parked_reason="Outside the scope of PLUS",
    )
    StrategyFactory(
        analysis=analysis,
        kind=Strategy.Kind.WO,
        title="Bring Chiro to Velm",
        priority=1,
        description="-Use the Chiro's hall after school",
        items=[weakness, opportunity],
    )
    return analysis


def rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_workbook_has_the_three_sheets_with_bold_frozen_headers(analysis):
    workbook = load_workbook(io.BytesIO(swot_xlsx(analysis)))

    assert workbook.sheetnames == ["SWOT", "TOWS", "Coverage"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
    assert rows(workbook["SWOT"])[0] == [
        "Theme",
        "Quadrant",
        "Priority",
        "Statement",
        "Explanation",
        "Age groups",
        "Evidence (intake records and figures)",
        "Source",
        "Supported",
        "Parked (reason)",
        "Theme (code)",
        "Quadrant (code)",
    ]


def test_an_item_row_lists_its_evidence_one_line_each(analysis):
    sheet = load_workbook(io.BytesIO(swot_xlsx(analysis)))["SWOT"]

    row = next(r for r in rows(sheet) if r[3] == "Few care places in Velm")
    assert row == [
        "Childcare",
        "Weakness",
        1,
        "Few care places in Velm",
        "20 places for 400 children.",
        "5–10 years, 11–15 years",
        "School site: Velm-centrum\n"
        "Children count: Velm: 5–10 years: 400\n"
        "Care places 5–10: 20\n"
        "children 5–10: 400",
        "Opgroeien\n01/02/2026",  # Belgian short date, also in English
        "yes",
        None,
        "childcare",
        "W",
    ]
    # Childcare comes before leisure, schools and participation.
    assert [r[0] for r in rows(sheet)[1:]] == [
        "Childcare",
        "Leisure",
        "Schools",
        "Resident participation",
    ]
    parked = next(r for r in rows(sheet) if r[3] == "Schools lose pupils")
    assert parked[8] == "no"
    assert parked[9] == "Outside the scope of PLUS"


def test_tows_lists_internal_and_external_items(analysis):
    sheet = load_workbook(io.BytesIO(swot_xlsx(analysis)))["TOWS"]

    assert rows(sheet)[1] == [
        "WO – overcome weaknesses by seizing opportunities",
        1,
        "Bring Chiro to Velm",
        "'-Use the Chiro's hall after school",
        "Few care places in Velm",
        "Chiro wants to join",
        "WO",
    ]


def test_coverage_lists_open_weaknesses_and_threats_then_parked_ones(analysis):
    sheet = load_workbook(io.BytesIO(swot_xlsx(analysis)))["Coverage"]

    assert rows(sheet) == [
        ["Quadrant", "Statement", "Parked (reason)"],
        ["Weakness", '\'=HYPERLINK("http://evil.example")', None],
        ["Threat", "Schools lose pupils", "Outside the scope of PLUS"],
    ]


def test_no_cell_is_a_formula(analysis):
    workbook = load_workbook(io.BytesIO(swot_xlsx(analysis)))

    values = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in values if cell.data_type == "f"]
    assert '\'=HYPERLINK("http://evil.example")' in [cell.value for cell in values]


def test_labels_follow_the_active_language(analysis):
    with translation.override("nl-be"):
        content = swot_xlsx(analysis)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    # An existing msgid: "5–10 years" is translated in the catalogue.
    assert "5–10 years" not in rows(sheet)[1][5]


@pytest.mark.parametrize("size", [1, 10])
def test_the_export_runs_a_fixed_number_of_queries(
    trajectory_a, size, django_assert_max_num_queries
):
    analysis = SwotAnalysisFactory(trajectory=trajectory_a)
    site = SiteFactory(school=SchoolFactory(trajectory=trajectory_a))
    children = ChildrenCount.objects.create(
        trajectory=trajectory_a,
        area=AreaFactory(trajectory=trajectory_a),
        age_group="5-10",
        children=300,
    )
    for _ in range(size):
        item = SwotItemFactory(analysis=analysis)
        item.evidence_sites.add(site)
        item.evidence_children_counts.add(children)
        StrategyFactory(analysis=analysis, items=[item])

    # Items with their author; six evidence prefetches, two with a second step (the site's
    # school, the count's area); strategies and their items.
    with django_assert_max_num_queries(11):
        swot_xlsx(analysis)
