"""PDF reports of a frozen plan version: request, claim, render, store, sweep.

A ``Report`` row stands for one PDF of one version in one language. The request creates the
row and queues ``render_report`` once the transaction commits; the task gets the row's id,
claims it with a conditional UPDATE (so two deliveries of one message render once), renders
inside the report's language and stores the file under a name that depends on the row only.
A worker that dies mid-render leaves the row in RENDERING: ``report_sweep`` (celery beat,
every minute) puts rows stuck longer than the hard time limit back in the queue.

Rendering never reaches the network or the disk outside the project's static files: see
``StaticFilesFetcher``. All user text reaches WeasyPrint escaped by the template.

The PDF of a version is PDF/A-3u with its identifier, metadata and the budget as an attached
CSV (``report_archive``, ``plus_portal.pdfa``), signed when the operator configured a key
(``plus_portal.pdf_signing``); ``file_hash`` is the SHA-256 of the file as stored.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import dataclasses
import datetime
import functools
import gc
import hashlib
import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from actionplans import charts
from actionplans.diff import diff_snapshots
from actionplans.exports import COLUMN
from actionplans.models import CouncilDecision, Decision, PlanVersion, Report
from actionplans.presenters import present_diff
from actionplans.snapshots import (
    ACTION,
    READABLE_SCHEMAS,
    Snapshot,
    VersionContent,
    snapshot_schema,
    version_content_build,
)
from plus_portal import pdf_signing, pdfa, spreadsheets
from plus_portal.models import User

logger = logging.getLogger(__name__)

REPORT_TEMPLATE = "actionplans/pdf/report.html"
REPORT_STYLESHEET = "css/report-print.css"
#: The face declared by @font-face in the stylesheet (DejaVu Sans from static/fonts/).
FONT = "PLUS Report Sans"
#: ``data:`` images larger than this are refused (decoded size).
MAX_DATA_URL_BYTES = 100 * 1024

GENERIC_FAILURE = gettext_lazy(
    "Something went wrong while making this PDF. Try again; if it fails again, "
    "IN-Z has been notified and will look into it."
)


class ReportError(Exception):
    """A failure we expect and can explain to the person who asked for the PDF."""


# --- Fetching resources ---------------------------------------------------------------------


class ResourceRefused(ValueError):
    """WeasyPrint asked for something outside the project's static files."""


@functools.cache
def _static_roots() -> list[tuple[str, Path]]:
    """(prefix, folder) of every place the staticfiles finders look in."""
    roots: list[tuple[str, Path]] = []
    for finder in finders.get_finders():
        for prefix, root in getattr(finder, "locations", []):
            roots.append((prefix, Path(root).resolve()))
        for storage in getattr(finder, "storages", {}).values():
            roots.append((getattr(storage, "prefix", None) or "", Path(storage.location).resolve()))
    return roots


def static_file_for(url: str) -> Path | None:
    """The static file a ``file:`` URL points at, when ``finders.find`` serves that very file."""
    path = Path(url2pathname(urlsplit(url).path)).resolve()
    for prefix, root in _static_roots():
        try:
            relative = path.relative_to(root).as_posix()
        except ValueError:
            continue
        name = f"{prefix}/{relative}" if prefix else relative
        found = finders.find(name)
        if found and Path(found).resolve() == path and path.is_file():
            return path
    return None


def _data_url(url: str) -> tuple[bytes, str]:
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise ResourceRefused("malformed data: URL")
    params = [part.strip().lower() for part in header.split(";")]
    media_type = params[0] or "text/plain"
    if not media_type.startswith("image/"):
        raise ResourceRefused(f"data: URL of type {media_type} refused")
    if "base64" in params[1:]:
        # Checked before decoding, so a huge string is never decoded at all.
        if len(payload) > (MAX_DATA_URL_BYTES * 4) // 3 + 4:
            raise ResourceRefused("data: URL too large")
        try:
            body = base64.b64decode(payload, validate=False)
        except ValueError as error:
            raise ResourceRefused("data: URL not valid base64") from error
    else:
        body = unquote_to_bytes(payload)
    if len(body) > MAX_DATA_URL_BYTES:
        raise ResourceRefused("data: URL too large")
    return body, media_type


class StaticFilesFetcher:
    """Serves WeasyPrint the project's static files and small ``data:`` images; nothing else.

    ``http:``, ``https:``, ``ftp:``, ``file:`` outside the static folders and every other
    scheme raise ``ResourceRefused``: a plan's text could otherwise make the worker read
    ``/etc/passwd`` or call the cloud metadata address. WeasyPrint 70 expects an object with
    ``fetch(url, headers)``, ``__call__`` and ``_fail_on_errors``.
    """

    _fail_on_errors = False

    def __call__(self, url: str):
        return self.fetch(url)

    def fetch(self, url: str, headers=None):
        from weasyprint.urls import URLFetcherResponse

        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            body, media_type = _data_url(url)
            return URLFetcherResponse("data:", body, {"Content-Type": media_type})
        if scheme == "file":
            path = static_file_for(url)
            if path is not None:
                media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": media_type}
                )
        logger.warning("Report rendering refused to fetch %.200s", url)
        raise ResourceRefused(f"refused: {url[:200]}")


# --- Rendering --------------------------------------------------------------------------------

# One render at a time per process: Pango's font map is shared by the cached configuration.
_render_lock = threading.Lock()


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    # Let go of it while the interpreter still runs: its finaliser needs cffi alive.
    atexit.register(_stylesheet.cache_clear)
    atexit.register(_font_config.cache_clear)
    return FontConfiguration()


@functools.cache
def _stylesheet():
    """The print stylesheet, parsed once per process; its @font-face rules load our fonts."""
    from weasyprint import CSS

    return CSS(
        filename=finders.find(REPORT_STYLESHEET),
        url_fetcher=StaticFilesFetcher(),
        font_config=_font_config(),
    )


def _base_url() -> str:
    return Path(finders.find(REPORT_STYLESHEET)).resolve().as_uri()


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, every character outside [A-Za-z0-9 ] hex-escaped."""
    return (
        '"'
        + "".join(
            c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} " for c in str(text)
        )
        + '"'
    )


@contextlib.contextmanager
def _cyclic_collector_paused():
    """Reference counting alone while WeasyPrint works.

    A long plan is a tree of millions of boxes and styles, built and dropped in one go. The
    cyclic collector would walk it again each time the young generation fills, ever more of
    it as it grows: about a fifth of the render time on the 51-page plan (bench/pdf_render.py).
    Reference counting frees the tree when the render ends; the collector, enabled again,
    picks up the few cycles at its next pass.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def render_pdf(
    html: str,
    *,
    page_css: str = "",
    url_fetcher: StaticFilesFetcher | None = None,
    progress: Callable[[int], None] | None = None,
    archive: pdfa.Archive | None = None,
) -> RenderedPdf:
    """Lay out ``html`` with the print stylesheet and return the tagged PDF and its page count.

    With ``archive`` (a document the portal issues to a council) the PDF is PDF/A-3u with
    the archive's metadata, identifier and attachments (``plus_portal.pdfa``), and signed
    when the operator configured a signing key (``plus_portal.pdf_signing``).
    """
    from weasyprint import CSS, HTML

    fetcher = url_fetcher or StaticFilesFetcher()
    with _render_lock, _cyclic_collector_paused():
        stylesheets = [_stylesheet()]
        if page_css:
            stylesheets.append(
                CSS(string=page_css, url_fetcher=fetcher, font_config=_font_config())
            )
        document = HTML(string=html, base_url=_base_url(), url_fetcher=fetcher).render(
            font_config=_font_config(),
            stylesheets=stylesheets,
            presentational_hints=False,
            pdf_tags=True,
        )
        # The template escapes all user text, so no <link rel=attachment> or <a
        # rel=attachment> can come from a plan; dropping whatever the document found anyway
        # (the document's attachments, the pages' file-attachment links) keeps that promise
        # in one place. An archive then replaces the metadata with its own.
        document.metadata.attachments = []
        for page in document.pages:
            page.links = [link for link in page.links if link[0] != "attachment"]
        options = pdfa.write_options(document, archive) if archive else {"attachments": None}
        if progress:
            progress(75)
        content = document.write_pdf(pdf_tags=True, **options)
    if archive and pdf_signing.signing_enabled():
        if progress:
            progress(90)
        content = pdf_signing.sign_pdf(content)
    return RenderedPdf(content=content, page_count=len(document.pages))


# --- What the report shows --------------------------------------------------------------------


def approved_decision(version: PlanVersion) -> Decision | None:
    return (
        version.decisions.filter(outcome=Decision.Outcome.APPROVED).order_by("decided_at").first()
    )


def report_filename(report: Report) -> str:
    version = report.version
    name = slugify(f"actieplan-{version.plan.trajectory.municipality.name_nl}-v{version.number}")
    if not report.language.startswith("nl"):
        name = f"{name}-{slugify(report.language)}"
    return f"{name}.pdf"


def latest_council_decision(version: PlanVersion) -> CouncilDecision | None:
    """The council's (or college's) most recent decision on the version, if one is recorded."""
    return version.council_decisions.order_by("-decided_on", "-recorded_at").first()


def approver(decision: Decision) -> tuple[str, str]:
    """(name, function) of the official who approved, as recorded when they decided."""
    return decision.decided_by_name, decision.decider_function


def frozen_content(
    version: PlanVersion, snapshot: Snapshot | None = None
) -> tuple[VersionContent, bool]:
    """The version's frozen SWOT, figures, coverage and staffing, and whether they are frozen.

    A version submitted before schema 2 froze only the plan tree: its PDF reads the rest as
    it is today, and says so.
    """
    snapshot = snapshot or Snapshot.from_data(version.snapshot)
    if snapshot.content is not None:
        return snapshot.content, True
    trajectory = version.plan.trajectory
    return version_content_build(trajectory, snapshot, on=timezone.localdate()), False


def _toc(snapshot: Snapshot, *, swot: bool, changes: bool) -> tuple[list[dict], dict]:
    titles = {
        "summary": _("Summary"),
        "figures": _("The municipality in figures"),
        "swot": _("SWOT analysis and TOWS strategies"),
        "plan": _("The plan in BBC structure"),
        "timeline": _("Timeline of the actions"),
        "budget": _("Budget and funding"),
        "coverage": _("Need against offer"),
        "staffing": _("Staffing"),
        "changes": _("Changes since the previous version"),
        "sources": _("Sources and credits"),
    }
    toc = []
    for key, title in titles.items():
        if (key == "swot" and not swot) or (key == "changes" and not changes):
            continue
        toc.append({"id": f"section-{key}", "title": title, "level": 1})
        if key == "plan":
            toc += [
                {"id": f"part-{o.code}", "title": f"{o.code} {o.title}", "level": 2}
                for o in snapshot.objectives
            ]
    return toc, titles


def _counts(snapshot: Snapshot) -> dict:
    actions = snapshot.actions
    return {
        "objectives": len(snapshot.objectives),
        "action_plans": len(snapshot.action_plans),
        "actions": len(actions),
        "prioritair": sum(1 for action in actions if action.is_prioritair),
    }


def report_context(report: Report) -> dict:
    """Everything the PDF template shows; call inside the report's language."""
    version = report.version
    snapshot = Snapshot.from_data(version.snapshot)
    plan = version.plan
    trajectory = plan.trajectory
    municipality = trajectory.municipality
    decision = approved_decision(version)
    when = timezone.localtime(decision.decided_at if decision else version.submitted_at).date()
    approved_by, approver_function = approver(decision) if decision else ("", "")
    previous = plan.versions.filter(number__lt=version.number).order_by("-number").first()
    changes = present_diff(diff_snapshots(previous.snapshot, snapshot)) if previous else None
    content, is_frozen = frozen_content(version, snapshot)
    swot = content.swot
    toc, titles = _toc(snapshot, swot=swot is not None, changes=changes is not None)
    matrix = content.coverage
    status = _("Approved") if decision else _("Draft for review")
    version_mark = _("Version %(number)s") % {"number": version.number}
    title = snapshot.plan.title
    return {
        "report": report,
        "version": version,
        "snapshot": snapshot,
        "plan_data": snapshot.plan,
        "trajectory": trajectory,
        "municipality": municipality,
        "language_tag": "nl-BE" if report.language.startswith("nl") else report.language,
        "document_identifier": pdfa.plan_version_identifier(version, report.language),
        "budget_attachment": BUDGET_ATTACHMENT,
        "document_title": f"{title} — {municipality.name_nl} — {version_mark}",
        "author": _("IN-Z vzw and the municipality of %(municipality)s")
        % {"municipality": municipality.name_nl},
        "is_approved": decision is not None,
        "decision": decision,
        "approved_by": approved_by,
        "approver_function": approver_function,
        "council_decision": latest_council_decision(version),
        "is_frozen": is_frozen,
        "submitted_on": timezone.localtime(version.submitted_at).date(),
        "status_label": status,
        "version_mark": version_mark,
        "document_date": when,
        "created": when.isoformat(),
        "cycle": f"{trajectory.cycle_start_year}–{trajectory.cycle_end_year}",
        "toc": toc,
        "titles": titles,
        "counts": _counts(snapshot),
        "figures": content.intake,
        "swot": swot,
        "timelines": [
            (
                objective,
                charts.timeline_svg(
                    dataclasses.replace(snapshot, objectives=[objective]),
                    font_family=FONT,
                    action_titles=False,
                ),
            )
            for objective in snapshot.objectives
        ],
        "budget_chart": charts.budget_svg(snapshot, font_family=FONT),
        "coverage": matrix,
        "coverage_chart": charts.coverage_svg(matrix, font_family=FONT) if matrix.rows else "",
        "staffing": content.staffing,
        "ratio": content.staffing.ratio if content.staffing else settings.PLUS_STAFF_RATIO,
        "previous": previous,
        "changes": changes,
    }


def _page_css(context: dict) -> str:
    """Running header and footer; their text is data, so it goes in as escaped CSS strings."""
    version = context["version"]
    footer = f"{context['version_mark']} · {version.short_hash}"
    page, of = _("page"), _("of")
    return (
        "@page { "
        f"@top-left {{ content: {css_string(context['municipality'].name_nl)}; }} "
        f"@top-right {{ content: {css_string(context['plan_data'].title)}; }} "
        f"@bottom-left {{ content: {css_string(footer)}; }} "
        f"@bottom-right {{ content: {css_string(page.capitalize())} ' ' counter(page) ' ' "
        f"{css_string(of)} ' ' counter(pages); }} }} "
        "@page :first { @top-left { content: none; } @top-right { content: none; } }"
    )


# --- What the PDF carries beside its pages (PDF/A metadata and the budget CSV) ----------------

BUDGET_ATTACHMENT = "begroting.csv"


def budget_rows(snapshot: Snapshot) -> tuple[list[str], list[list]]:
    """The budget per action and year, as the version froze it, and a row of totals.

    The years are those of the frozen totals: the cycle's and any other year budgeted in.
    """
    years = sorted(int(year) for year in snapshot.totals.budget_by_year)
    headers = [
        pgettext(COLUMN, "Policy objective (code)"),
        pgettext(COLUMN, "Action plan (code)"),
        pgettext(COLUMN, "Action (code)"),
        pgettext(COLUMN, "Action (title)"),
        *(pgettext(COLUMN, "Estimate %(year)s") % {"year": year} for year in years),
        _("Total"),
    ]
    rows = []
    for placed in snapshot.parts(ACTION):
        objective, action_plan = placed.parents
        action = placed.part
        budget = dict.fromkeys(years, Decimal("0.00"))
        for line in action.budget_lines:
            budget[line.year] += Decimal(line.amount)
        rows.append(
            [
                objective.code,
                action_plan.code,
                action.code,
                action.title,
                *(budget[year] for year in years),
                Decimal(action.budget_total),
            ]
        )
    totals = snapshot.totals
    rows.append(
        [
            "",
            "",
            "",
            _("Total"),
            *(Decimal(totals.budget_by_year[str(year)]) for year in years),
            Decimal(totals.budget),
        ]
    )
    return headers, rows


def budget_csv(snapshot: Snapshot) -> bytes:
    """``budget_rows`` as the CSV the portal writes everywhere (formulas neutralised)."""
    return spreadsheets.csv_bytes(*budget_rows(snapshot))


def report_archive(report: Report, context: dict) -> pdfa.Archive:
    """The PDF/A metadata of a plan version's PDF and its budget CSV; inside its language."""
    version, municipality = context["version"], context["municipality"]
    description = _(
        "Budget per action and year of version %(number)s, in euro, with the totals "
        "(semicolons and decimal commas)."
    ) % {"number": version.number}
    return pdfa.Archive(
        identifier=context["document_identifier"],
        title=context["document_title"],
        author=context["author"],
        subject=_("Action plan for after-school care and leisure, %(municipality)s, %(cycle)s")
        % {"municipality": municipality.name_nl, "cycle": context["cycle"]},
        keywords=("PLUS", "IN-Z", "BOA", municipality.name_nl),
        language=context["language_tag"],
        created=context["document_date"],
        attachments=(
            pdfa.Attachment(
                name=BUDGET_ATTACHMENT,
                content=budget_csv(context["snapshot"]),
                description=description,
            ),
        ),
    )


def render_report_pdf(
    report: Report, *, progress: Callable[[int], None] | None = None, url_fetcher=None
) -> RenderedPdf:
    """The PDF of ``report``'s version in its language; raises ReportError for known trouble."""
    schema = snapshot_schema(report.version.snapshot or {})
    if schema not in READABLE_SCHEMAS:
        with translation.override(report.language):
            raise ReportError(
                _(
                    "Version %(number)s was saved in a format this portal cannot print "
                    "(schema %(schema)s). Ask IN-Z to submit the plan again."
                )
                % {"number": report.version.number, "schema": schema}
            )
    with translation.override(report.language):
        context = report_context(report)
        if progress:
            progress(20)
        html = render_to_string(REPORT_TEMPLATE, context)
        if progress:
            progress(35)
        return render_pdf(
            html,
            page_css=_page_css(context),
            url_fetcher=url_fetcher,
            progress=progress,
            archive=report_archive(report, context),
        )


# --- The life of a Report row -------------------------------------------------------------------


def report_offered(*, version: PlanVersion, language: str) -> Report | None:
    """The PDF of ``version`` in ``language`` someone asking for it gets without a new render.

    One on its way comes first; else the newest finished one, unless a council decision was
    recorded after it was started: the decision belongs on the cover, so that one is stale.
    """
    same = Report.objects.filter(version=version, language=language)
    pending = same.pending().order_by("-requested_at").first()
    if pending:
        return pending
    done = same.filter(status=Report.Status.DONE)
    recorded = version.council_decisions.aggregate(last=Max("recorded_at"))["last"]
    if recorded:
        done = done.filter(started_at__gte=recorded)
    return done.order_by("-finished_at").first()


def report_shown(*, version: PlanVersion, language: str) -> Report | None:
    """What the reports page offers first for ``version``: the offered PDF in the reader's
    language, else in the portal's (the one made when the version was frozen)."""
    return report_offered(version=version, language=language) or report_offered(
        version=version, language=settings.LANGUAGE_CODE
    )


def report_request(
    *, version: PlanVersion, language: str, by: User, force: bool = False
) -> tuple[Report, bool]:
    """The PDF of ``version`` in ``language``: an existing one, or a new row queued on commit.

    Returns (report, created). The offered report (``report_offered``) is returned instead
    of rendering again; ``force`` renders a finished one again, at most
    ``PLUS_REPORT_FORCED_PER_HOUR`` times an hour per person. One already on its way is
    always offered, forced or not.
    """
    if language not in dict(settings.LANGUAGES):
        raise ReportError(_("This language is not available for reports."))
    offered = report_offered(version=version, language=language)
    if offered and (not force or offered.status != Report.Status.DONE):
        return offered, False
    if force:
        _check_forced_render_limit(by)
    return _report_create(version=version, language=language, by=by)


def _report_create(
    *, version: PlanVersion, language: str, by: User, is_automatic: bool = False
) -> tuple[Report, bool]:
    report = Report(version=version, language=language, requested_by=by, is_automatic=is_automatic)
    report.full_clean(exclude=["file"], validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Another request queued the same PDF a moment ago; the constraint kept it to one.
        return Report.objects.filter(version=version, language=language).pending().get(), False
    _queue(report.pk)
    return report, True


def report_prerender(*, version: PlanVersion, by: User) -> None:
    """Have the PDF of ``version`` in the portal's language ready before anyone asks for it.

    Called when the version is frozen and whenever its cover changes (approval, council
    decision): once the caller's transaction commits, a render is queued, requested by
    ``by`` but marked automatic (it does not count against their forced-render limit),
    unless one is already queued (it renders after the commit, so with the new cover). It
    runs after the commit, and a failure to queue it is only logged: a submission or a
    decision never fails for its PDF; the next request makes it then.
    """
    transaction.on_commit(
        functools.partial(_prerender, version_id=version.pk, user_id=by.pk), robust=True
    )


def _prerender(*, version_id: int, user_id: int) -> None:
    version = PlanVersion.objects.get(pk=version_id)
    language = settings.LANGUAGE_CODE
    offered = report_offered(version=version, language=language)
    # A queued one renders after this commit, so with the new cover. One already rendering
    # keeps its (older) cover; the constraint allows no second one meanwhile, and the next
    # request after a council decision makes it anew.
    if offered and offered.status != Report.Status.DONE:
        return
    _report_create(
        version=version, language=language, by=User.objects.get(pk=user_id), is_automatic=True
    )


def _check_forced_render_limit(user: User) -> None:
    limit = settings.PLUS_REPORT_FORCED_PER_HOUR
    # The PDFs the portal made by itself at a freeze, approval or decision are not theirs.
    started = Report.objects.filter(
        requested_by=user,
        is_automatic=False,
        requested_at__gte=timezone.now() - datetime.timedelta(hours=1),
    ).count()
    if started >= limit:
        raise ReportError(
            ngettext(
                "You have had %(count)s PDF made in the past hour, the most there can be; "
                "please try again later.",
                "You have had %(count)s PDFs made in the past hour, the most there can be; "
                "please try again later.",
                started,
            )
            % {"count": started}
        )


def _queue(report_id) -> None:
    from actionplans.tasks import render_report

    render_report.delay_on_commit(str(report_id))


def report_retry(*, report: Report) -> bool:
    """Queue a failed report again; False when it was not (or no longer) failed."""
    try:
        with transaction.atomic():
            retried = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
                status=Report.Status.QUEUED,
                progress=0,
                error_message="",
                finished_at=None,
                attempts=0,
            )
    except IntegrityError:
        return False  # the same PDF is already queued anew; that one will do

    if retried == 1:
        _queue(report.pk)
    return retried == 1


def report_claim(*, report_id: str) -> int | None:
    """Take a queued report for this worker; the attempt number, or None if someone else has it."""
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.RENDERING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        progress=5,
        error_message="",
    )
    if claimed != 1:
        return None
    return Report.objects.values_list("attempts", flat=True).get(pk=report_id)


def _mine(report_id: str, attempt: int):
    # Every write after the claim names the attempt: if the sweep gave the row to another
    # worker meanwhile, this (late) worker's writes match nothing.
    return Report.objects.filter(pk=report_id, status=Report.Status.RENDERING, attempts=attempt)


def storage_name(report_id) -> str:
    return f"reports/{report_id}.pdf"


def store_file(name: str, content: bytes) -> None:
    # The name depends on the row only, so a second attempt replaces the first attempt's
    # (possibly half-written) file instead of leaving a "…_abc123.pdf" beside it.
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        default_storage.delete(saved)
        raise RuntimeError(f"storage renamed {name} to {saved}")


def _record_done(report_id: str, attempt: int, **values) -> int:
    """Record the finished file; a table locked for a moment is tried again, so a PDF that
    was made is not thrown away (the sweep would only queue it to be made once more)."""
    for wait in (0.1, 0.5, 2.0):
        try:
            return _mine(report_id, attempt).update(**values)
        except OperationalError:
            logger.info("PDF report %s: database busy, retrying in %ss", report_id, wait)
            time.sleep(wait)
    return _mine(report_id, attempt).update(**values)


def report_render(*, report_id: str, attempt: int, url_fetcher=None) -> bool:
    """Render a claimed report and record the file; False when it failed or was taken over."""
    report = Report.objects.select_related(
        "version__plan__trajectory__municipality", "requested_by"
    ).get(pk=report_id)

    def progress(percent: int) -> None:
        try:
            _mine(report_id, attempt).update(progress=percent)
        except OperationalError:
            # Progress is a hint for the waiting page; a moment's lock on the table (SQLite
            # while the page polls) must not fail the PDF. The next step reports again.
            logger.info("PDF report %s: progress %s%% not recorded", report_id, percent)

    try:
        pdf = render_report_pdf(report, progress=progress, url_fetcher=url_fetcher)
        name = storage_name(report.pk)
        store_file(name, pdf.content)
    except ReportError as error:
        _mine(report_id, attempt).update(
            status=Report.Status.FAILED, error_message=str(error), finished_at=timezone.now()
        )
        return False
    except SoftTimeLimitExceeded:
        with translation.override(report.language):
            message = _("Making this PDF took too long. Try again later.")
        _mine(report_id, attempt).update(
            status=Report.Status.FAILED, error_message=message, finished_at=timezone.now()
        )
        return False
    except Exception:
        logger.exception("PDF report %s (attempt %s) failed", report_id, attempt)
        _mine(report_id, attempt).update(
            status=Report.Status.FAILED, error_message="", finished_at=timezone.now()
        )
        return False
    done = _record_done(
        report_id,
        attempt,
        status=Report.Status.DONE,
        progress=100,
        file=name,
        file_hash=hashlib.sha256(pdf.content).hexdigest(),
        file_size=len(pdf.content),
        page_count=pdf.page_count,
        finished_at=timezone.now(),
    )
    if done != 1:
        logger.warning(
            "PDF report %s attempt %s was taken over; result dropped", report_id, attempt
        )
    return done == 1


def report_process(*, report_id: str) -> None:
    """What the task does: claim, then render; a report someone else has is left alone."""
    attempt = report_claim(report_id=report_id)
    if attempt is None:
        logger.info("PDF report %s is not queued any more; nothing to do", report_id)
        return
    report_render(report_id=report_id, attempt=attempt)


def report_sweep(*, now: datetime.datetime | None = None) -> list[str]:
    """Queue again the reports stuck in RENDERING longer than the hard time limit.

    A worker past the hard limit has been killed (or died), so nobody finishes them. A
    report that has already had ``PLUS_REPORT_MAX_ATTEMPTS`` is failed instead, so a plan
    that kills every worker (out of memory, say) does not loop forever. Returns the ids queued.
    """
    max_attempts = settings.PLUS_REPORT_MAX_ATTEMPTS
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    stuck = Report.objects.filter(status=Report.Status.RENDERING, started_at__lt=cutoff)
    requeued = []
    for report_id, attempts, language in stuck.values_list("pk", "attempts", "language"):
        row = Report.objects.filter(
            pk=report_id, status=Report.Status.RENDERING, attempts=attempts, started_at__lt=cutoff
        )
        if attempts >= max_attempts:
            with translation.override(language):
                message = _("Making this PDF failed %(count)s times; it was given up.") % {
                    "count": attempts
                }
            row.update(
                status=Report.Status.FAILED, error_message=message, finished_at=timezone.now()
            )
            logger.error("PDF report %s given up after %s attempts", report_id, attempts)
        elif row.update(status=Report.Status.QUEUED, progress=0) == 1:
            logger.warning("PDF report %s was stuck in rendering; queued again", report_id)
            _queue(report_id)
            requeued.append(str(report_id))
    return requeued
