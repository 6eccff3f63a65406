"""A site's area follows from its postal code where that names one area, and stays editable."""

import pytest

from municipalities.areas import area_for_postal_code, site_area
from municipalities.forms import SiteForm
from municipalities.models import Area, Site


@pytest.fixture
def areas(trajectory_a, intake_a):
    """Sint-Truiden's areas; intake_a has Velm already."""
    return [
        Area.objects.get_or_create(trajectory=trajectory_a, name=name)[0]
        for name in ("Centrum", "Brustem", "Velm", "Zepperen", "Wilderen")
    ]


def test_a_postal_code_of_one_deelgemeente_names_its_area(areas):
    by_name = {area.name: area for area in areas}
    assert area_for_postal_code("3806", areas) == by_name["Velm"]
    # 3803 serves Duras, Gorsem, Runkelen and Wilderen: only Wilderen is an area.
    assert area_for_postal_code("3803", areas) == by_name["Wilderen"]


def test_a_postal_code_of_several_areas_or_none_names_nothing(areas):
    assert area_for_postal_code("3800", areas) is None  # Brustem and Zepperen
    assert area_for_postal_code("3300", areas) is None  # Tienen's, no area of Sint-Truiden
    assert area_for_postal_code("9999", areas) is None


def test_names_match_without_case_accents_or_hyphens(trajectory_a):
    kerkom = Area.objects.create(trajectory=trajectory_a, name="kerkom bij sint truiden")
    assert area_for_postal_code("3800", [kerkom]) == kerkom


def test_a_recorded_area_wins_over_the_postal_code(areas, intake_a):
    site = intake_a["site"]  # 3806, recorded in Velm
    centrum = areas[0]
    site.area = centrum
    assert site_area(site, areas) == centrum
    site.area = None
    assert site_area(site, areas).name == "Velm"


def site_data(**values):
    return {
        "site_number": 5,
        "street": "Kerkstraat 1",
        "postal_code": "3806",
        "area": "",
        "setting": "rural",
        "care_offer": [],
        **values,
    }


def test_the_site_form_fills_an_empty_area_from_the_postal_code(areas, intake_a, trajectory_a):
    form = SiteForm(site_data(), trajectory=trajectory_a)
    assert form.is_valid(), form.errors
    form.instance.school = intake_a["schools"]
    site = form.save()

    site.refresh_from_db()
    assert site.area.name == "Velm"


def test_the_site_form_keeps_a_chosen_area(areas, intake_a, trajectory_a):
    centrum = areas[0]
    form = SiteForm(site_data(area=centrum.pk), trajectory=trajectory_a)
    assert form.is_valid(), form.errors
    form.instance.school = intake_a["schools"]
    site = form.save()

    site.refresh_from_db()
    assert site.area == centrum
    assert Site.objects.filter(area__name="Velm").count() == 1  # intake_a's own site only
