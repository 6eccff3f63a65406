"""Is this PDF one the portal issued to a council? The public verification page's answers.

A document is found by the SHA-256 of its bytes, and only when the portal issued it (a
finished plan-version PDF or progress report) and an official marked it as sent to the
council: a draft, a version in review or a report nobody sent is as unknown as a modified
copy or a file the portal never made. The answer names the municipality, the document, its
dates and the decision on it, and nothing else: no people, no ids, no internal addresses.

Checks are counted per client address (an HMAC of it, in the cache only, as the public
survey counts answers), so the page cannot be used to test fingerprints in bulk.
"""

import datetime
import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KT
from django.utils import timezone

from actionplans.models import CouncilDecision, Decision, Report
from monitoring.models import ProgressReport
from surveys.abuse import address_digest

logger = logging.getLogger(__name__)

#: Checks one address may make in a window; a person checking the documents of a council
#: meeting by hand stays well below it.
CHECKS_PER_WINDOW = 20
#: Seconds of a window.
WINDOW = 10 * 60
#: The largest upload hashed on the server; the plan PDFs the portal makes are a few MB.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

PREFIX = "council-verify"
HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class VerifiedDocument:
    """What the verification page tells about a document the portal issued to a council."""

    municipality: str
    kind: str  # PLAN_VERSION or PROGRESS_REPORT
    version_number: int | None  # a plan version's number
    period_start: datetime.date | None  # a progress report's period
    period_end: datetime.date | None
    issued_on: datetime.date | None  # when the PDF was made
    sent_on: datetime.date  # when an official marked it as sent to the council
    approved_on: datetime.date | None  # the official's approval (or acceptance of a report)
    council_body: str = ""  # the latest recorded council (or college) decision, if any
    council_outcome: str = ""
    council_decided_on: datetime.date | None = None

    PLAN_VERSION = "plan_version"
    PROGRESS_REPORT = "progress_report"

    @property
    def is_plan_version(self) -> bool:
        return self.kind == self.PLAN_VERSION


def normalized_digest(text: str) -> str | None:
    """A pasted SHA-256 as 64 lower-case hex digits, whatever its case and spacing; None if
    it is not one."""
    digest = re.sub(r"\s+", "", str(text or "")).lower()
    return digest if HEX_DIGEST.fullmatch(digest) else None


def file_digest(upload) -> str:
    """The SHA-256 of an uploaded file, read in chunks (never whole into memory)."""
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    return sha.hexdigest()


def _date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _plan_version_pdf(digest: str) -> VerifiedDocument | None:
    approved = Decision.objects.filter(
        version=OuterRef("version"), outcome=Decision.Outcome.APPROVED
    ).order_by("decided_at")
    latest = CouncilDecision.objects.filter(version=OuterRef("version")).order_by(
        "-decided_on", "-recorded_at"
    )
    row = (
        Report.objects.filter(
            file_hash=digest,
            status=Report.Status.DONE,
            version__council_submission__isnull=False,
        )
        .annotate(
            approved_at=Subquery(approved.values("decided_at")[:1]),
            council_body=Subquery(latest.values("body")[:1]),
            council_outcome=Subquery(latest.values("outcome")[:1]),
            council_decided_on=Subquery(latest.values("decided_on")[:1]),
        )
        # Only these columns leave the database: nothing else can reach the answer.
        .values(
            "version__plan__trajectory__municipality__name_nl",
            "version__number",
            "finished_at",
            "version__council_submission__sent_at",
            "approved_at",
            "council_body",
            "council_outcome",
            "council_decided_on",
        )
        .first()
    )
    if row is None:
        return None
    return VerifiedDocument(
        municipality=row["version__plan__trajectory__municipality__name_nl"],
        kind=VerifiedDocument.PLAN_VERSION,
        version_number=row["version__number"],
        period_start=None,
        period_end=None,
        issued_on=_date(row["finished_at"]),
        sent_on=_date(row["version__council_submission__sent_at"]),
        approved_on=_date(row["approved_at"]),
        council_body=(
            str(CouncilDecision.Body(row["council_body"]).label) if row["council_body"] else ""
        ),
        council_outcome=(
            str(CouncilDecision.Outcome(row["council_outcome"]).label)
            if row["council_outcome"]
            else ""
        ),
        council_decided_on=row["council_decided_on"],
    )


def _progress_report_pdf(digest: str) -> VerifiedDocument | None:
    row = (
        ProgressReport.objects.filter(
            pdf_hash=digest,
            status=ProgressReport.Status.DONE,
            council_submission__isnull=False,
        )
        .annotate(made_on=KT("snapshot__made_on"))
        .values(
            "trajectory__municipality__name_nl",
            "period_start",
            "period_end",
            "made_on",
            "created_at",
            "council_submission__sent_at",
            "accepted_at",
        )
        .first()
    )
    if row is None:
        return None
    # The report's date is the day its figures were frozen, printed on it as "made on".
    try:
        issued_on = datetime.date.fromisoformat(row["made_on"])
    except (TypeError, ValueError):
        issued_on = _date(row["created_at"])
    return VerifiedDocument(
        municipality=row["trajectory__municipality__name_nl"],
        kind=VerifiedDocument.PROGRESS_REPORT,
        version_number=None,
        period_start=row["period_start"],
        period_end=row["period_end"],
        issued_on=issued_on,
        sent_on=_date(row["council_submission__sent_at"]),
        approved_on=_date(row["accepted_at"]),
    )


def verify(sha256: str) -> VerifiedDocument | None:
    """The document the portal issued to a council with this SHA-256, or None (unknown).

    At most two queries, whatever is found: one for plan-version PDFs, one for progress
    reports.
    """
    digest = normalized_digest(sha256)
    if digest is None:
        return None
    return _plan_version_pdf(digest) or _progress_report_pdf(digest)


def check_refused_for(request) -> int:
    """0 when this client may check a document now, else the seconds until it may.

    Counted in fixed windows of the clock with ``cache.add`` and ``cache.incr`` (atomic in
    Redis and in the local-memory cache). A cache that fails lets the check through: the
    page answers little, and a visitor should not be turned away for the portal's fault.
    """
    now = time.time()
    slot = int(now // WINDOW)
    key = f"{PREFIX}:{address_digest(request)}:{slot}"
    try:
        cache.add(key, 0, WINDOW + 60)
        number = cache.incr(key)
    except ValueError:  # expired between add and incr, or a cache that keeps nothing
        return 0
    except Exception:
        logger.warning("verification rate limit failed; check admitted", exc_info=True)
        return 0
    if number > CHECKS_PER_WINDOW:
        return max(1, int((slot + 1) * WINDOW - now))
    return 0
