"""Charts drawn on the server: well-formed SVG, every text escaped, described for screen readers."""

import copy
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from actionplans import charts
from actionplans.coverage import Cell, CoverageMatrix, Row
from actionplans.snapshots import Snapshot
from tests.actionplans.snapshot_data import (
    action_data,
    action_plan_data,
    objective_data,
    snapshot_data,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & "quotes"'

DATA = snapshot_data(
    [
        objective_data(
            "BD1",
            [
                action_plan_data(
                    "AP1.1",
                    [
                        action_data(
                            "A1.1.1",
                            title=HOSTILE,
                            is_prioritair=True,
                            starts_on="2026-09-01",
                            ends_on="2027-06-30",
                        ),
                        action_data("A1.1.2", title="Zonder data"),
                        action_data(
                            "A1.1.3", title="Geschrapt", starts_on="2027-01-01", status="dropped"
                        ),
                    ],
                    title="AP",
                )
            ],
            title=HOSTILE,
        )
    ],
    totals={
        "budget_by_year": {"2026": "18500.00", "2027": "37000.00", "2028": "0.00"},
        "funding_by_source_and_year": {
            "boa": {"2026": "10000.00", "2027": "20000.00", "2028": "0.00"},
            "municipal": {"2026": "8500.00", "2027": "0.00", "2028": "0.00"},
        },
    },
    title="Plan",
)
SNAPSHOT = Snapshot.from_data(DATA)


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything not well-formed, e.g. an unescaped "<"
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text
    assert desc is not None
    assert desc.text
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    return root


def _texts(root: ET.Element) -> str:
    return " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))


@pytest.mark.usefixtures("in_english")
def test_timeline_escapes_titles_and_describes_every_action():
    svg = charts.timeline_svg(SNAPSHOT)
    assert "<script>" not in svg
    root = _parse(svg)
    desc = root.find(f"{SVG}desc").text
    assert "A1.1.1" in desc
    assert "A1.1.2 Zonder data: no dates" in desc
    assert "2026-09-01" in desc
    assert "★ A1.1.1" in _texts(root)  # prioritair mark
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("rx")]) == 2  # two bars


@pytest.mark.usefixtures("in_english")
def test_budget_chart_stacks_sources_and_marks_the_cost():
    root = _parse(charts.budget_svg(SNAPSHOT))
    desc = root.find(f"{SVG}desc").text
    assert "2026: budget € 18.500,00, funding € 18.500,00" in desc
    labels = _texts(root)
    assert "BOA subsidy" in labels
    assert "Municipal own means" in labels
    assert "2028" in labels


def test_budget_chart_in_dutch_uses_belgian_money():
    from django.utils import translation

    with translation.override("nl-be"):
        root = _parse(charts.budget_svg(SNAPSHOT))
    assert "€ 18.500,00" in root.find(f"{SVG}desc").text


@pytest.mark.usefixtures("in_english")
def test_coverage_chart_shows_symbols_beside_colours():
    matrix = CoverageMatrix(
        rows=[
            Row(
                "5-10",
                "area",
                HOSTILE,
                [Cell("after_school", need=20, offer=24, need_expressed=True), Cell("morning")],
            )
        ]
    )
    svg = charts.coverage_svg(matrix)
    assert "<script>" not in svg
    root = _parse(svg)
    assert "24/20 ✓" in _texts(root)
    assert "offer 24, need 20 (Covered)" in root.find(f"{SVG}desc").text


def test_each_chart_gets_its_own_ids():
    other = copy.deepcopy(DATA)
    other["objectives"][0]["code"] = "BD2"
    first = _parse(charts.timeline_svg(SNAPSHOT))
    second = _parse(charts.timeline_svg(Snapshot.from_data(other)))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_the_web_partial_shows_the_same_charts(settings):

    html = Template('{% include "actionplans/reports/charts.html" %}').render(
        Context({"snapshot": DATA})
    )
    assert charts.timeline_svg(SNAPSHOT) in html
    assert charts.budget_svg(SNAPSHOT) in html
