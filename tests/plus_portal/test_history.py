"""The change history says what changed, field by field, many-to-many included, one entry
per save."""

from django.urls import reverse

from plus_portal.history import record_history_entries


def _edit_item(client, trajectory, item, **fields):
    return client.post(
        reverse("swot:item_update", kwargs={"trajectory_pk": trajectory.pk, "pk": item.pk}),
        {
            "quadrant": item.quadrant,
            "theme": item.theme,
            "statement": item.statement,
            "age_groups": item.age_groups,
            "lock_version": item.version,
            **fields,
        },
    )


def test_one_save_of_fields_and_evidence_is_one_entry(
    coordinator_client, coordinator, trajectory_a, intake_a, swot_a
):
    item = swot_a["W1"]
    response = _edit_item(
        coordinator_client,
        trajectory_a,
        item,
        statement="Geen naschoolse opvang in Velm en Zepperen",
        evidence_sites=[intake_a["site"].pk],
    )
    assert response.status_code == 302

    latest, created = record_history_entries(item)
    assert latest.who == coordinator
    assert not created.changes
    changes = {str(label): (old, new) for label, old, new in latest.changes}
    assert changes["stelling"] == (
        "Geen naschoolse opvang in Velm",
        "Geen naschoolse opvang in Velm en Zepperen",
    )
    evidence = next(value for label, value in changes.items() if "vestiging" in label)
    assert evidence == ("—", str(intake_a["site"]))


def test_removing_evidence_shows_what_was_there(
    coordinator_client, trajectory_a, intake_a, swot_a, time_machine
):
    import datetime

    from django.utils import timezone

    item = swot_a["W1"]
    created_at = timezone.now()
    # Two saves an hour apart are two entries, each with its own change.
    time_machine.move_to(created_at + datetime.timedelta(hours=1))
    _edit_item(coordinator_client, trajectory_a, item, evidence_sites=[intake_a["site"].pk])
    item.refresh_from_db()
    time_machine.move_to(created_at + datetime.timedelta(hours=2))
    _edit_item(coordinator_client, trajectory_a, item)

    removed, added, _created = record_history_entries(item)
    assert [(old, new) for _label, old, new in removed.changes] == [(str(intake_a["site"]), "—")]
    assert [(old, new) for _label, old, new in added.changes] == [("—", str(intake_a["site"]))]


def test_the_item_page_shows_the_change(coordinator_client, trajectory_a, intake_a, swot_a):
    item = swot_a["W1"]
    _edit_item(coordinator_client, trajectory_a, item, evidence_sites=[intake_a["site"].pk])
    page = coordinator_client.get(item.get_absolute_url()).text
    assert str(intake_a["site"]) in page.split("Geschiedenis", 1)[1]
