"""An intake import's steps: upload (previewed), then applied or discarded, once."""

from django.db import transaction
from django.utils import timezone

from municipalities import spreadsheets
from municipalities.models import ImportBatch, Trajectory
from plus_portal.models import User


def import_receive(*, trajectory: Trajectory, kind: str, upload, by: User) -> ImportBatch:
    """Read an uploaded spreadsheet and keep its cells for the preview.

    Raises ``spreadsheets.ImportRefused`` for a file that cannot be read as this kind.
    """
    rows = spreadsheets.read_table(upload, upload.name, kind=kind)
    return ImportBatch.objects.create(
        trajectory=trajectory, kind=kind, filename=upload.name[:255], rows=rows, created_by=by
    )


class ImportHandled(Exception):
    """The import was applied or discarded already (a second click, another tab)."""


def _claim(batch: ImportBatch) -> None:
    """Lock the batch for this transaction, if it still awaits its confirmation."""
    status = (
        ImportBatch.objects.select_for_update()
        .filter(pk=batch.pk)
        .values_list("status", flat=True)
        .get()
    )
    if status != ImportBatch.Status.PREVIEWED:
        raise ImportHandled


@transaction.atomic
def import_discard(*, batch: ImportBatch) -> None:
    _claim(batch)
    batch.status = ImportBatch.Status.DISCARDED
    batch.save(update_fields=["status", "updated_at"])


@transaction.atomic
def import_apply(*, batch: ImportBatch, allow_partial: bool, by: User) -> dict:
    """Write a previewed import, validated again against the data as it is now; returns the
    counts per status. Raises ``spreadsheets.ImportRefused`` and then writes nothing."""
    _claim(batch)
    counts = spreadsheets.apply_import(
        trajectory=batch.trajectory,
        kind=batch.kind,
        rows=batch.rows,
        by=by,
        allow_partial=allow_partial,
    )
    batch.status = ImportBatch.Status.APPLIED
    batch.applied_at = timezone.now()
    batch.result = counts
    batch.save(update_fields=["status", "applied_at", "result", "updated_at"])
    return counts
