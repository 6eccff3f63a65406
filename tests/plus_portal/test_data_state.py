"""``data_state`` moves with every write the pages cache by, and keeps working when the
database connection is replaced (on PostgreSQL its statement is prepared per connection)."""

from django.db import connection, transaction

from plus_portal.data_state import data_state
from swot.models import SwotItem


def test_a_write_a_rollback_and_a_new_connection(trajectory_a, swot_a):
    before = data_state("swot")
    assert data_state("swot") == before
    item = SwotItem.objects.filter(analysis=swot_a["analysis"]).first()
    item.statement = "Aangepast"
    item.save()
    changed = data_state("swot")
    assert changed != before

    try:
        with transaction.atomic():
            SwotItem.objects.filter(pk=item.pk).delete()
            assert data_state("swot") != changed
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    assert data_state("swot") == changed


def test_the_state_survives_a_new_connection(transactional_db):
    first = data_state("swot", "municipalities")
    connection.close()
    assert data_state("swot", "municipalities") == first
    assert data_state("swot") != first


def test_one_model_moves_with_its_rows_and_its_many_to_many_not_with_its_neighbours(
    trajectory_a, swot_a, intake_a
):
    from swot.models import Strategy

    before = data_state("swot.SwotItem")
    Strategy.objects.create(analysis=swot_a["analysis"], kind="SO", title="Samen sterker")
    assert data_state("swot.SwotItem") == before
    item = SwotItem.objects.filter(analysis=swot_a["analysis"]).first()
    item.evidence_sites.add(intake_a["site"])
    assert data_state("swot.SwotItem") != before
