"""Background work of the action plans: thin wrappers that load by id and call a service."""

from celery import shared_task
from django.db import OperationalError

from actionplans import reports


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # A database busy for a moment before the claim: the report is still queued, so a retry
    # claims it; after the claim, a render that ended half-way is queued again by the sweep.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def render_report(report_id: str) -> None:
    """Render one queued PDF report; a second delivery of the same message does nothing."""
    reports.report_process(report_id=report_id)


@shared_task(ignore_result=True)
def sweep_reports() -> None:
    """Queue again the reports a dead worker left in RENDERING (celery beat, every minute)."""
    reports.report_sweep()
