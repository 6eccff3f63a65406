"""Coordinators add, change and delete intake records; bad input is refused next to its field."""

from django.urls import reverse

from municipalities.models import LeisureActor, School, Site


def _url(name, trajectory, section, **kwargs):
    return reverse(
        f"municipalities:{name}", kwargs={"pk": trajectory.pk, "section": section, **kwargs}
    )


def _school_post(**overrides):
    data = {
        "institution_number": "036111",
        "name": "Basisschool De Zonnewijzer",
        "network": "official_municipal",
        "levels": ["kleuter", "lager"],
        "sites-TOTAL_FORMS": "1",
        "sites-INITIAL_FORMS": "0",
        "sites-MIN_NUM_FORMS": "1",
        "sites-MAX_NUM_FORMS": "1000",
        "sites-0-site_number": "1",
        "sites-0-street": "Stationsstraat 12",
        "sites-0-postal_code": "3800",
        "sites-0-setting": "urban",
        "sites-0-care_offer": ["after_school", "wednesday"],
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_school_with_its_site(coordinator_client, trajectory_a, postal_codes_a):
    response = coordinator_client.post(
        _url("record_create", trajectory_a, "schools"), _school_post()
    )

    school = School.objects.get()
    assert response.status_code == 302
    assert response.url == _url("record_detail", trajectory_a, "schools", record_pk=school.pk)
    assert school.levels == ["kleuter", "lager"]
    site = school.sites.get()
    assert (site.street, site.care_offer) == ("Stationsstraat 12", ["after_school", "wednesday"])


def test_postal_code_outside_the_municipality_saves_nothing(
    coordinator_client, trajectory_a, postal_codes_a
):
    response = coordinator_client.post(
        _url("record_create", trajectory_a, "schools"),
        _school_post(**{"sites-0-postal_code": "3500"}),
    )

    assert response.status_code == 200
    assert "Postcode 3500 ligt niet in Sint-Truiden." in response.text
    assert not School.objects.exists()
    assert not Site.objects.exists()


def test_instellingsnummer_must_have_six_digits(coordinator_client, trajectory_a, postal_codes_a):
    response = coordinator_client.post(
        _url("record_create", trajectory_a, "schools"), _school_post(institution_number="12A45")
    )
    assert "Een instellingsnummer heeft precies 6 cijfers." in response.text
    assert not School.objects.exists()


def test_edit_and_history(coordinator_client, coordinator, trajectory_a, intake_a):
    actor = intake_a["leisure-actors"]
    response = coordinator_client.post(
        _url("record_update", trajectory_a, "leisure-actors", record_pk=actor.pk),
        {
            "name": "Chiro Velm",
            "kind": "youth_work",
            "age_groups": ["5-10"],
            "participants": "85",
            "slots": ["wednesday"],
            "in_partnership": "on",
            "lock_version": actor.version,
        },
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert (actor.participants, actor.in_partnership, actor.age_groups) == (85, True, ["5-10"])

    history = coordinator_client.get(
        _url("record_history", trajectory_a, "leisure-actors", record_pk=actor.pk)
    )
    assert str(coordinator) in history.text
    assert "Deelnemers" in history.text  # the changed field, by its Dutch label
    assert "85" in history.text


def test_delete_asks_first_then_deletes(coordinator_client, trajectory_a, intake_a):
    actor = intake_a["leisure-actors"]
    url = _url("record_delete", trajectory_a, "leisure-actors", record_pk=actor.pk)

    assert coordinator_client.get(url).status_code == 200
    assert LeisureActor.objects.filter(pk=actor.pk).exists()

    coordinator_client.post(url)
    assert not LeisureActor.objects.filter(pk=actor.pk).exists()


def test_areas_and_sites_offered_are_this_trajectorys_only(
    coordinator, coordinator_client, trajectory_a, trajectory_b, intake_a
):
    from municipalities.models import Area

    foreign = Area.objects.create(trajectory=trajectory_b, name="Kumtich")
    response = coordinator_client.post(
        _url("record_create", trajectory_a, "leisure-actors"),
        {"name": "Scouts", "kind": "youth_work", "participants": "0", "area": foreign.pk},
    )
    assert response.status_code == 200
    assert not LeisureActor.objects.filter(name="Scouts").exists()


def test_site_years(coordinator_client, trajectory_a, intake_a):
    site = intake_a["site"]
    url = reverse("municipalities:site_years", kwargs={"pk": trajectory_a.pk, "site_pk": site.pk})
    existing = site.years.get()
    response = coordinator_client.post(
        url,
        {
            "years-TOTAL_FORMS": "2",
            "years-INITIAL_FORMS": "1",
            "years-MIN_NUM_FORMS": "0",
            "years-MAX_NUM_FORMS": "1000",
            "years-0-id": existing.pk,
            "years-0-school_year": "2025-2026",
            "years-0-pupils_5_10": "150",
            "years-0-pupils_11_15": "0",
            "years-0-gok_school_allowance": "22,5",
            "years-1-school_year": "2024/25",
            "years-1-pupils_5_10": "130",
            "years-1-pupils_11_15": "0",
        },
    )
    assert response.status_code == 200  # 2024/25 is not a school year as 2024-2025
    assert "Schrijf een schooljaar als 2025-2026." in response.text
    existing.refresh_from_db()
    assert existing.pupils_5_10 == 140  # nothing half-saved
