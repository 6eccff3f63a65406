"""Every intake URL: another municipality's official gets 404, this one's official reads
only (403 on anything that writes), the coordinator does everything."""

import pytest
from django.urls import reverse

from municipalities.sections import SECTIONS

READ_PAGES = [
    ("municipalities:record_list", False),
    ("municipalities:record_detail", True),
    ("municipalities:record_history", True),
]
WRITE_PAGES = [
    ("municipalities:record_create", False),
    ("municipalities:record_update", True),
    ("municipalities:record_delete", True),
]


def _urls(pages, trajectory, intake):
    for name, needs_record in pages:
        for slug in SECTIONS:
            kwargs = {"pk": trajectory.pk, "section": slug}
            if needs_record:
                kwargs["record_pk"] = intake[slug].pk
            yield reverse(name, kwargs=kwargs)


def _importable_urls(trajectory):
    for slug in ("schools", "care-providers", "leisure-actors"):
        for fmt in ("xlsx", "csv"):
            kwargs = {"pk": trajectory.pk, "section": slug, "fmt": fmt}
            yield reverse("municipalities:record_export", kwargs=kwargs)
            yield reverse("municipalities:import_template", kwargs=kwargs)


def _write_only_urls(trajectory, intake):
    yield reverse("municipalities:trajectory_edit", kwargs={"pk": trajectory.pk})
    yield reverse(
        "municipalities:site_years", kwargs={"pk": trajectory.pk, "site_pk": intake["site"].pk}
    )
    for slug in ("schools", "care-providers", "leisure-actors"):
        yield reverse("municipalities:import_upload", kwargs={"pk": trajectory.pk, "section": slug})


def test_official_of_another_municipality_gets_404_everywhere(
    official_b_client, trajectory_a, intake_a
):
    urls = [
        *_urls(READ_PAGES + WRITE_PAGES, trajectory_a, intake_a),
        *_importable_urls(trajectory_a),
        *_write_only_urls(trajectory_a, intake_a),
    ]
    for url in urls:
        assert official_b_client.get(url).status_code == 404, url
        assert official_b_client.post(url).status_code == 404, url
    for name in ("trajectory_phase", "contact_portal_access"):
        kwargs = {"pk": trajectory_a.pk}
        if name == "contact_portal_access":
            kwargs["record_pk"] = intake_a["contacts"].pk
        assert (
            official_b_client.post(reverse(f"municipalities:{name}", kwargs=kwargs)).status_code
            == 404
        )


def test_official_of_the_municipality_reads_everything(official_a_client, trajectory_a, intake_a):
    for url in [*_urls(READ_PAGES, trajectory_a, intake_a), *_importable_urls(trajectory_a)]:
        assert official_a_client.get(url).status_code == 200, url


def test_official_of_the_municipality_cannot_write(official_a_client, trajectory_a, intake_a):
    for url in [
        *_urls(WRITE_PAGES, trajectory_a, intake_a),
        *_write_only_urls(trajectory_a, intake_a),
    ]:
        assert official_a_client.get(url).status_code == 403, url
        assert official_a_client.post(url).status_code == 403, url
    phase = reverse("municipalities:trajectory_phase", kwargs={"pk": trajectory_a.pk})
    assert official_a_client.post(phase, {"phase": "swot"}).status_code == 403
    intake_a["schools"].refresh_from_db()  # still there: nothing was deleted


def test_coordinator_reaches_every_page(coordinator_client, trajectory_a, intake_a):
    urls = [
        *_urls(READ_PAGES + WRITE_PAGES, trajectory_a, intake_a),
        *_importable_urls(trajectory_a),
        *_write_only_urls(trajectory_a, intake_a),
    ]
    for url in urls:
        assert coordinator_client.get(url).status_code == 200, url


def test_a_record_of_another_trajectory_is_not_found_through_this_one(
    coordinator, coordinator_client, trajectory_a, trajectory_b, intake_a
):
    # The coordinator may see both trajectories, but records stay under their own.
    from municipalities.models import Membership

    Membership.objects.create(user=coordinator, municipality=trajectory_b.municipality)
    url = reverse(
        "municipalities:record_detail",
        kwargs={"pk": trajectory_b.pk, "section": "schools", "record_pk": intake_a["schools"].pk},
    )
    assert coordinator_client.get(url).status_code == 404


@pytest.mark.parametrize("slug", ["nonsense", "sites"])
def test_unknown_section_is_not_found(coordinator_client, trajectory_a, slug):
    url = reverse("municipalities:record_list", kwargs={"pk": trajectory_a.pk, "section": slug})
    assert coordinator_client.get(url).status_code == 404
