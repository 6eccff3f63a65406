"""Background work of monitoring: thin wrappers that load by id and call a service."""

from celery import shared_task
from django.db import OperationalError

from monitoring import reports


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # A database busy for a moment before the claim: the report is still queued, so a retry
    # claims it.
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def render_progress_report(report_id: int) -> None:
    """Render one queued progress report; a second delivery of the same message does nothing."""
    reports.progress_report_process(report_id=int(report_id))


@shared_task(ignore_result=True)
def sweep_progress_reports() -> None:
    """Queue again the progress reports whose worker died mid-render (celery beat)."""
    reports.progress_report_sweep()
