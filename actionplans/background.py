"""A PDF made in the background and stored, as the documents other apps make with the council
PDF's machinery (``actionplans.reports``) are: the progress report, the survey flyer. Written
once here, used by each.

The document's row moves queued → running → done or failed. A worker claims a queued row with
a conditional UPDATE, so a second delivery of the same message does nothing; progress is a
hint for the waiting page and may be lost; a worker that dies mid-render leaves the row
running, and the sweep (celery beat) queues it again, up to ``PLUS_REPORT_MAX_ATTEMPTS``.

The model needs ``status`` (``Status`` with QUEUED, RUNNING, DONE, FAILED), ``progress``,
``error``, ``started_at``, ``attempts`` and a ``pdf`` file field; ``hash_field`` names the
field that gets the stored PDF's SHA-256, when it has one.
"""

import contextlib
import datetime
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, models
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actionplans.reports import ReportError, store_file

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackgroundPdf:
    model: type[models.Model]
    #: How the logs name one, e.g. "Progress report".
    noun: str
    #: The row with what the render needs loaded.
    load: Callable[[int], models.Model]
    #: The PDF's bytes; it calls ``progress(percent)`` now and then.
    render: Callable[..., bytes]
    storage_name: Callable[[int], str]
    #: Sends the row's id to the worker (after the transaction commits).
    queue: Callable[[int], None]
    #: The field holding the language the row's messages are written in, if it has one.
    language_field: str | None = None
    #: The field that gets the SHA-256 of the stored PDF, if the model has one (the public
    #: verification page finds an issued document by it).
    hash_field: str | None = None

    def running(self, pk: int):
        return self.model.objects.filter(pk=pk, status=self.model.Status.RUNNING)

    def _fail(self, pk: int, message: str) -> None:
        self.running(pk).update(status=self.model.Status.FAILED, error=message)

    def _in_language(self, row):
        """The row's own language for its messages, else the worker's."""
        if self.language_field:
            return translation.override(getattr(row, self.language_field))
        return contextlib.nullcontext()

    def process(self, pk: int) -> bool:
        """Claim a queued row and render it; False when someone else has it or it failed."""
        claimed = self.model.objects.filter(pk=pk, status=self.model.Status.QUEUED).update(
            status=self.model.Status.RUNNING,
            progress=5,
            error="",
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
        if claimed != 1:
            logger.info("%s %s is not queued any more; nothing to do", self.noun, pk)
            return False
        row = self.load(pk)

        def progress(percent: int) -> None:
            try:
                self.running(pk).update(progress=percent)
            except OperationalError:
                # A hint for the waiting page; a moment's lock (SQLite while the page polls)
                # must not fail the PDF.
                logger.info("%s %s: progress %s%% not recorded", self.noun, pk, percent)

        try:
            name = self.storage_name(pk)
            content = self.render(row, progress=progress)
            store_file(name, content)
        except ReportError as error:
            self._fail(pk, str(error))
            return False
        except SoftTimeLimitExceeded:
            with self._in_language(row):
                self._fail(pk, _("Making this PDF took too long. Try again later."))
            return False
        except Exception:
            logger.exception("%s %s failed", self.noun, pk)
            self._fail(pk, "")
            return False
        done = {"status": self.model.Status.DONE, "progress": 100, "pdf": name}
        if self.hash_field:
            # Of the bytes as stored: after the signature, if the PDF is signed.
            done[self.hash_field] = hashlib.sha256(content).hexdigest()
        return self.running(pk).update(**done) == 1

    def sweep(self, *, now: datetime.datetime | None = None) -> list[int]:
        """Queue again the rows running longer than the hard time limit, whose worker was
        killed or died; one that has had ``PLUS_REPORT_MAX_ATTEMPTS`` is failed instead, so a
        document that kills every worker does not loop forever. Returns the ids queued."""
        limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
        cutoff = (now or timezone.now()) - limit
        stuck = self.model.objects.filter(status=self.model.Status.RUNNING, started_at__lt=cutoff)
        requeued = []
        for row in stuck.only("pk", "attempts", *filter(None, [self.language_field])):
            pending = self.running(row.pk).filter(attempts=row.attempts, started_at__lt=cutoff)
            if row.attempts >= settings.PLUS_REPORT_MAX_ATTEMPTS:
                with self._in_language(row):
                    message = _("Making this PDF failed %(count)s times; it was given up.") % {
                        "count": row.attempts
                    }
                pending.update(status=self.model.Status.FAILED, error=message)
                logger.error("%s %s given up after %s attempts", self.noun, row.pk, row.attempts)
            elif pending.update(status=self.model.Status.QUEUED, progress=0) == 1:
                logger.warning("%s %s was stuck in rendering; queued again", self.noun, row.pk)
                self.queue(row.pk)
                requeued.append(row.pk)
        return requeued
