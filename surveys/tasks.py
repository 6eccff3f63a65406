"""Background work of surveys: thin wrappers that load by id and call a service."""

from celery import shared_task
from django.db import OperationalError

from surveys import flyers


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # A database busy for a moment before the claim: the flyer is still queued, so a retry
    # claims it.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def render_flyer(flyer_id: int) -> None:
    """Render one queued flyer; a second delivery of the same message does nothing."""
    flyers.flyer_process(flyer_id=int(flyer_id))


@shared_task(ignore_result=True)
def sweep_flyers() -> None:
    """Queue again the flyers whose worker died mid-render (celery beat)."""
    flyers.flyer_sweep()
