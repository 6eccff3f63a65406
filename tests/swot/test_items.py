"""Adding, editing, reordering and parking SWOT items."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from swot.models import SwotItem


def _url(name, trajectory, **kwargs):
    return reverse(f"swot:{name}", kwargs={"trajectory_pk": trajectory.pk, **kwargs})


def test_quick_add_through_htmx_returns_the_quadrant(
    coordinator, coordinator_client, trajectory_a, swot_a
):
    response = coordinator_client.post(
        _url("item_quick_add", trajectory_a),
        {"quadrant": "W", "theme": "schools", "statement": "Geen middagtoezicht"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="quadrant-W"' in response.text
    assert "Geen middagtoezicht" in response.text
    item = SwotItem.objects.get(statement="Geen middagtoezicht")
    assert (item.priority, item.author) == (3, coordinator)  # at the bottom of its quadrant


def test_quick_add_refuses_an_empty_statement(coordinator_client, trajectory_a, swot_a):
    response = coordinator_client.post(
        _url("item_quick_add", trajectory_a),
        {"quadrant": "W", "theme": "schools", "statement": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "niet toegevoegd" in response.text
    assert SwotItem.objects.filter(quadrant="W").count() == 2


def test_move_up_reorders_without_gaps(coordinator_client, trajectory_a, swot_a):
    response = coordinator_client.post(
        _url("item_move", trajectory_a, pk=swot_a["W2"].pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.text.index("Weinig aanbod voor tieners") < response.text.index(
        "Geen naschoolse"
    )
    swot_a["W1"].refresh_from_db()
    swot_a["W2"].refresh_from_db()
    assert (swot_a["W2"].priority, swot_a["W1"].priority) == (1, 2)


def test_move_without_htmx_goes_back_to_the_matrix(coordinator_client, trajectory_a, swot_a):
    response = coordinator_client.post(
        _url("item_move", trajectory_a, pk=swot_a["W1"].pk), {"direction": "down"}
    )
    assert response.status_code == 302
    assert response.url.endswith("#quadrant-W")


def test_inline_edit(coordinator_client, trajectory_a, swot_a):
    item = swot_a["W1"]
    url = _url("item_inline_edit", trajectory_a, pk=item.pk)
    form = coordinator_client.get(url, HTTP_HX_REQUEST="true")
    assert "inline-edit" in form.text
    prefix = f"item{item.pk}"
    response = coordinator_client.post(
        url,
        {
            f"{prefix}-quadrant": "W",
            f"{prefix}-theme": "childcare",
            f"{prefix}-statement": "Geen naschoolse opvang in Velm en Zepperen",
            f"{prefix}-age_groups": ["5-10"],
            f"{prefix}-lock_version": item.version,
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Velm en Zepperen" in response.text
    item.refresh_from_db()
    assert item.statement.endswith("Zepperen")


def test_full_form_records_evidence_and_history(coordinator_client, trajectory_a, intake_a, swot_a):
    item = swot_a["W1"]
    response = coordinator_client.post(
        _url("item_update", trajectory_a, pk=item.pk),
        {
            "quadrant": "W",
            "theme": "childcare",
            "statement": item.statement,
            "age_groups": ["5-10"],
            "evidence_sites": [intake_a["site"].pk],
            "evidence_figures": "0 opvangplaatsen in Velm",
            "lock_version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert list(item.evidence_sites.all()) == [intake_a["site"]]
    detail = coordinator_client.get(response.url)
    assert "0 opvangplaatsen in Velm" in detail.text
    assert "Geschiedenis" in detail.text


def test_evidence_from_another_trajectory_is_refused(
    coordinator_client, trajectory_a, trajectory_b, swot_a
):
    from municipalities.models import School

    foreign = School.objects.create(
        trajectory=trajectory_b, institution_number="027011", name="Grimde", network="go"
    )
    item = swot_a["W1"]
    response = coordinator_client.post(
        _url("item_update", trajectory_a, pk=item.pk),
        {"quadrant": "W", "theme": "childcare", "statement": "x", "evidence_schools": [foreign.pk]},
    )
    assert response.status_code == 200
    assert not item.evidence_schools.exists()


def test_an_item_without_evidence_shows_as_unsupported(official_a_client, trajectory_a, swot_a):
    response = official_a_client.get(_url("matrix", trajectory_a))
    assert "zonder onderbouwing" in response.text


def test_parking_needs_a_reason(coordinator_client, trajectory_a, swot_a):
    item = swot_a["T1"]
    coordinator_client.post(_url("item_park", trajectory_a, pk=item.pk), {"reason": " "})
    item.refresh_from_db()
    assert not item.is_parked

    coordinator_client.post(
        _url("item_park", trajectory_a, pk=item.pk), {"reason": "Buiten de macht van de gemeente"}
    )
    item.refresh_from_db()
    assert item.is_parked


def test_the_database_refuses_a_parked_item_without_reason(swot_a):
    with pytest.raises(IntegrityError):
        SwotItem.objects.filter(pk=swot_a["T1"].pk).update(is_parked=True, parked_reason="")


def test_delete_closes_the_gap(coordinator_client, trajectory_a, swot_a):
    coordinator_client.post(_url("item_delete", trajectory_a, pk=swot_a["W1"].pk))
    swot_a["W2"].refresh_from_db()
    assert swot_a["W2"].priority == 1
