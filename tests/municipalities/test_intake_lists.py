"""List pages run a fixed number of queries, however much the intake holds."""

from django.urls import reverse

from municipalities.models import (
    Area,
    CareProvider,
    ChildrenCount,
    Contact,
    LeisureActor,
    Need,
    School,
    Site,
    SiteYear,
)


def _load_schools(trajectory, schools: int, sites_per_school: int) -> None:
    area = Area.objects.create(trajectory=trajectory, name="Centrum")
    created = School.objects.bulk_create(
        School(
            trajectory=trajectory,
            institution_number=f"{100000 + n}",
            name=f"School {n:03d}",
            network=School.Network.GO,
            levels=["lager"],
        )
        for n in range(schools)
    )
    sites = Site.objects.bulk_create(
        Site(
            school=school,
            site_number=number,
            street=f"Straat {number}",
            postal_code="3800",
            area=area,
            setting=Site.Setting.URBAN,
            care_offer=["after_school"],
        )
        for school in created
        for number in range(1, sites_per_school + 1)
    )
    SiteYear.objects.bulk_create(
        SiteYear(site=site, school_year=year, pupils_5_10=100)
        for site in sites
        for year in ("2024-2025", "2025-2026")
    )


def test_school_list_with_200_schools_and_400_sites(
    coordinator_client, trajectory_a, django_assert_max_num_queries
):
    _load_schools(trajectory_a, schools=200, sites_per_school=2)
    url = reverse(
        "municipalities:record_list", kwargs={"pk": trajectory_a.pk, "section": "schools"}
    )

    with django_assert_max_num_queries(8):
        response = coordinator_client.get(url)
    with django_assert_max_num_queries(8):
        coordinator_client.get(url, {"page": 4, "order": "-institution_number"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 200
    assert "School 000" in response.text
    assert "200 records" in response.text or "200 gegevens" in response.text


def test_other_lists_stay_flat(coordinator_client, trajectory_a, django_assert_max_num_queries):
    _load_schools(trajectory_a, schools=20, sites_per_school=2)
    sites = list(Site.objects.all())
    area = Area.objects.get()
    for n in range(60):
        provider = CareProvider.objects.create(
            trajectory=trajectory_a, name=f"Opvang {n}", kind="ibo", area=area
        )
        provider.sites_served.set(sites[:3])
        LeisureActor.objects.create(
            trajectory=trajectory_a, name=f"Club {n}", kind="sport", area=area
        )
        Contact.objects.create(trajectory=trajectory_a, name=f"Contact {n}")
        Need.objects.create(
            trajectory=trajectory_a,
            voiced_by="parents",
            age_group="5-10",
            slot="wednesday",
            source="survey",
            area=area,
        )
        Area.objects.create(trajectory=trajectory_a, name=f"Wijk {n}")
    ChildrenCount.objects.create(trajectory=trajectory_a, age_group="5-10", children=10, area=area)

    for slug in ("care-providers", "leisure-actors", "contacts", "needs", "areas", "children"):
        url = reverse("municipalities:record_list", kwargs={"pk": trajectory_a.pk, "section": slug})
        with django_assert_max_num_queries(8):
            assert coordinator_client.get(url).status_code == 200


def test_lists_filter_and_sort(coordinator_client, trajectory_a):
    _load_schools(trajectory_a, schools=3, sites_per_school=1)
    School.objects.filter(name="School 001").update(network=School.Network.FREE_CATHOLIC)
    url = reverse(
        "municipalities:record_list", kwargs={"pk": trajectory_a.pk, "section": "schools"}
    )

    filtered = coordinator_client.get(url, {"network": "free_catholic"})
    assert [s.name for s in filtered.context["page"].object_list] == ["School 001"]

    descending = coordinator_client.get(url, {"order": "-name"})
    assert [s.name for s in descending.context["page"].object_list] == [
        "School 002",
        "School 001",
        "School 000",
    ]
    searched = coordinator_client.get(url, {"q": "002"})
    assert [s.name for s in searched.context["page"].object_list] == ["School 002"]
