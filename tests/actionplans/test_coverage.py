"""Need against offer: the coverage matrix and its heatmap."""

import json

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from actionplans.coverage import (
    COLUMN_KEYS,
    CoverageMatrix,
    coverage_matrix,
    needs_for,
    sites_for,
)
from municipalities.models import Area, Need, Site


def action(code, *, age_groups, slots, sites=(), central=False, status="planned"):
    """An action of the snapshot schema; ``slots`` as (slot, holiday period, expected)."""
    return {
        "id": int(code.replace("A", "").replace(".", "")),
        "code": code,
        "title": f"Actie {code}",
        "status": status,
        "age_groups": list(age_groups),
        "at_central_site": central,
        "central_site_name": "Sporthal De Vrijheid" if central else "",
        "sites": [{"id": site.pk, "label": str(site)} for site in sites],
        "slots": [
            {
                "slot": slot,
                "holiday_period": period,
                "starts_at": None,
                "ends_at": None,
                "expected_children": expected,
            }
            for slot, period, expected in slots
        ],
    }


def snapshot(*actions):
    return {
        "schema": 1,
        "plan": {"id": 1, "title": "Plan Sint-Truiden", "status": "draft"},
        "objectives": [
            {
                "id": 1,
                "code": "BD1",
                "action_plans": [{"id": 1, "code": "AP1.1", "actions": list(actions)}],
            }
        ],
        "totals": {},
    }


def need(trajectory, age_group, slot, children, *, area=None, periods=()):
    return Need.objects.create(
        trajectory=trajectory,
        voiced_by=Need.Voice.PARENTS,
        age_group=age_group,
        slot=slot,
        holiday_periods=list(periods),
        area=area,
        children_concerned=children,
        source=Need.Source.SURVEY,
    )


@pytest.fixture
def offer_plan(intake_a, trajectory_a):
    """Sint-Truiden: needs in Velm, Brustem and the whole municipality, and a plan's offer.

    intake_a already holds a need for after-school care (5–10) without area or number.
    """
    velm, site_velm = intake_a["areas"], intake_a["site"]
    brustem = Area.objects.create(trajectory=trajectory_a, name="Brustem")
    school = intake_a["schools"]
    site_brustem = Site.objects.create(
        school=school, site_number=2, street="Dorp 1", postal_code="3800", area=brustem
    )
    site_elsewhere = Site.objects.create(
        school=school, site_number=3, street="Markt 1", postal_code="3800"
    )

    need(trajectory_a, "5-10", "after_school", 30, area=velm)
    need(trajectory_a, "5-10", "after_school", 10, area=velm)
    need(trajectory_a, "5-10", "wednesday", 12, area=brustem)
    need(trajectory_a, "11-15", "holidays", 25, area=velm, periods=["summer", "easter"])
    need(trajectory_a, "11-15", "holidays", 8)  # no period: every holiday

    return snapshot(
        # Two after-school blocks are the same children: the larger, 25, counts.
        action(
            "A1.1.1",
            age_groups=["5-10"],
            sites=[site_velm],
            slots=[("after_school", "", 20), ("after_school", "", 25)],
        ),
        # Central: its site in Brustem does not matter; both age groups get the full 18 and 30.
        action(
            "A1.1.2",
            age_groups=["5-10", "11-15"],
            central=True,
            sites=[site_brustem],
            slots=[("wednesday", "", 18), ("holidays", "summer", 30)],
        ),
        # A site in Velm and one without area: 25 for Velm and 25 for the whole municipality.
        action(
            "A1.1.3",
            age_groups=["11-15"],
            sites=[site_velm, site_elsewhere],
            slots=[("holidays", "summer", 25)],
        ),
        action("A1.1.4", age_groups=["5-10"], slots=[("after_school", "", 15)]),
        action(
            "A1.1.5",
            age_groups=["5-10"],
            sites=[site_brustem],
            slots=[("wednesday", "", 50)],
            status="dropped",
        ),
    )


def cells(matrix, age_group, area_label):
    (row,) = [
        row
        for row in matrix.rows
        if row.age_group == age_group and str(row.area_label) == area_label
    ]
    return {cell.column: cell for cell in row.cells if cell.status != "none"}


@pytest.fixture
def matrix(offer_plan, trajectory_a):
    return coverage_matrix(offer_plan, needs_for(trajectory_a), sites_for(trajectory_a))


def test_rows_are_age_group_by_area(matrix, in_english):
    assert [(row.age_group, str(row.area_label)) for row in matrix.rows] == [
        ("5-10", "Whole municipality"),
        ("5-10", "Central site"),
        ("5-10", "Brustem"),
        ("5-10", "Velm"),
        ("11-15", "Whole municipality"),
        ("11-15", "Central site"),
        ("11-15", "Velm"),
    ]
    assert [key for key, _label in matrix.columns] == COLUMN_KEYS
    assert len(COLUMN_KEYS) == 6 + 5  # weekly slots without "holidays", then five periods


def test_offer_against_need_per_cell(matrix, in_english):
    velm = cells(matrix, "5-10", "Velm")
    assert velm.keys() == {"after_school"}
    assert (velm["after_school"].offer, velm["after_school"].need) == (25, 40)
    assert velm["after_school"].status == "partial"
    assert velm["after_school"].ratio == pytest.approx(0.625)
    assert velm["after_school"].css_class == "coverage-partial"

    # The dropped action's 50 places in Brustem do not count.
    brustem = cells(matrix, "5-10", "Brustem")
    assert (brustem["wednesday"].offer, brustem["wednesday"].need) == (0, 12)
    assert brustem["wednesday"].status == "uncovered"

    central = cells(matrix, "5-10", "Central site")
    assert {column: (c.offer, c.status) for column, c in central.items()} == {
        "wednesday": (18, "offer_only"),
        "holidays:summer": (30, "offer_only"),
    }
    assert cells(matrix, "11-15", "Central site").keys() == central.keys()


def test_a_need_without_a_number_is_never_covered(matrix, in_english):
    # intake_a's need has no number; A1.1.4 offers 15 places for the whole municipality.
    cell = cells(matrix, "5-10", "Whole municipality")["after_school"]
    assert (cell.offer, cell.need, cell.need_expressed, cell.need_unknown) == (15, 0, True, True)
    assert cell.status == "partial"
    assert cell.ratio is None
    assert cell.need_display == "?"


def test_holiday_needs_count_per_period(matrix, in_english):
    velm = cells(matrix, "11-15", "Velm")
    assert {column: (c.offer, c.need, c.status) for column, c in velm.items()} == {
        "holidays:summer": (25, 25, "covered"),  # offer equal to the need covers it
        "holidays:easter": (0, 25, "uncovered"),
    }
    # A holiday need naming no period is a need in every period.
    whole = cells(matrix, "11-15", "Whole municipality")
    assert {column: (c.offer, c.need, c.status) for column, c in whole.items()} == {
        "holidays:autumn": (0, 8, "uncovered"),
        "holidays:christmas": (0, 8, "uncovered"),
        "holidays:spring": (0, 8, "uncovered"),
        "holidays:easter": (0, 8, "uncovered"),
        "holidays:summer": (25, 8, "covered"),
    }


def test_uncovered_lists_short_cells_readably(matrix, in_english):
    assert [
        (str(gap.age_group_label), str(gap.area_label), str(gap.column_label), gap.need)
        for gap in matrix.uncovered
    ] == [
        ("5–10 years", "Whole municipality", "After school", None),
        ("5–10 years", "Brustem", "Wednesday afternoon", 12),
        ("5–10 years", "Velm", "After school", 40),
        ("11–15 years", "Whole municipality", "Autumn holiday", 8),
        ("11–15 years", "Whole municipality", "Christmas holiday", 8),
        ("11–15 years", "Whole municipality", "Spring (krokus) holiday", 8),
        ("11–15 years", "Whole municipality", "Easter holiday", 8),
        ("11–15 years", "Velm", "Easter holiday", 25),
    ]


def test_labels_follow_the_active_language(matrix):
    with translation.override("en"):
        assert str(dict(matrix.columns)["after_school"]) == "After school"
        assert str(matrix.rows[0].age_group_label) == "5–10 years"
    with translation.override("nl-be"):
        assert str(dict(matrix.columns)["after_school"]) == "Na school"
        assert str(matrix.rows[0].age_group_label) == "5–10 jaar"


def test_to_dict_is_language_neutral_json_and_round_trips(matrix):
    with translation.override("nl-be"):
        data = json.loads(json.dumps(matrix.to_dict()))

    assert data["columns"] == COLUMN_KEYS
    velm = data["rows"][3]
    assert (velm["age_group"], velm["area_kind"], velm["area"]) == ("5-10", "area", "Velm")
    assert {
        "column": "after_school",
        "need": 40,
        "need_expressed": True,
        "need_unknown": False,
        "offer": 25,
        "status": "partial",
    } in velm["cells"]
    assert "Na school" not in json.dumps(data)
    assert CoverageMatrix.from_dict(data) == matrix


def test_the_matrix_is_built_without_queries(offer_plan, trajectory_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        needs = needs_for(trajectory_a)
    with django_assert_num_queries(1):
        sites = sites_for(trajectory_a)
    with django_assert_num_queries(0):
        coverage_matrix(offer_plan, needs, sites).to_dict()


def test_an_unknown_site_counts_for_the_whole_municipality():
    lunch = action("A1.1.1", age_groups=["5-10"], slots=[("lunchtime", "", 9)])
    lunch["sites"] = [{"id": 999_999, "label": "Verwijderde vestiging"}]
    matrix = coverage_matrix(snapshot(lunch), needs=[], sites=[])

    (row,) = matrix.rows
    assert (row.area_kind, row.area) == ("municipality", None)
    assert [(c.column, c.offer) for c in row.cells if c.offer] == [("lunchtime", 9)]


def test_the_heatmap_shows_numbers_and_status_in_text(matrix, in_english):
    html = render_to_string("actionplans/includes/coverage_heatmap.html", {"coverage": matrix})

    assert '<div class="table-responsive" tabindex="0"' in html
    assert "<caption" in html
    assert html.count('<th scope="col">') == 2 + len(COLUMN_KEYS)
    assert html.count('scope="rowgroup"') == 2
    assert html.count('<th scope="row">') == len(matrix.rows)
    assert "25 / 40" in html
    assert "offer 25, need 40: Partly covered" in html
    assert "offer 15, need without a number: Partly covered" in html
    assert 'class="coverage-uncovered"' in html


def test_the_heatmap_says_when_there_is_nothing_to_compare(in_english):
    html = render_to_string(
        "actionplans/includes/coverage_heatmap.html",
        {"coverage": coverage_matrix(snapshot(), needs=[], sites=[])},
    )

    assert "<table" not in html
    assert "nothing to compare" in html


def test_a_known_need_beside_one_without_a_number_is_at_least_the_known(in_english):
    needs = [
        Need(age_group="5-10", slot="lunchtime", holiday_periods=[], children_concerned=20),
        Need(age_group="5-10", slot="lunchtime", holiday_periods=[], children_concerned=None),
    ]
    lunch = action("A1.1.1", age_groups=["5-10"], slots=[("lunchtime", "", 20)])
    matrix = coverage_matrix(snapshot(lunch), needs=needs, sites=[])

    cell = cells(matrix, "5-10", "Whole municipality")["lunchtime"]
    assert (cell.need_display, cell.status) == ("20+", "covered")
    html = render_to_string("actionplans/includes/coverage_heatmap.html", {"coverage": matrix})
    assert "20 / 20+" in html
    assert "offer 20, need at least 20: Covered" in html


def test_slots_without_expected_children_and_actions_without_age_groups_add_no_rows():
    matrix = coverage_matrix(
        snapshot(
            action("A1.1.1", age_groups=["5-10"], slots=[("morning", "", 0)]),
            action("A1.1.2", age_groups=[], slots=[("morning", "", 12)]),
        ),
        needs=[],
        sites=[],
    )

    assert matrix.rows == []
    assert matrix.uncovered == []
