"""An official of the municipality reads every page, fragment, export and PDF they can reach
there, and meets nothing of a placed worker but name, function, site and slots.

The pages come from the URL resolver, every path parameter filled with the ids of the objects
below, and from following every link and htmx fragment those pages offer. Each answer is read
as a user would get it: HTML, CSV, the cells of an XLSX and the text of a PDF.
"""

import csv
import datetime
import html
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import dateformat, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from actionplans import reports
from actionplans import services as plan_services
from actionplans.models import Report
from municipalities.models import ImportBatch
from plus_portal.models import Comment
from staffing.models import (
    Availability,
    Competence,
    DevelopmentPlan,
    ImprovementAction,
    Language,
    Milestone,
    Placement,
    PlacementSlot,
    Qualification,
    Training,
    Worker,
    WorkerCompetence,
)
from staffing.rules import trajectory_max_end
from tests.factories import MunicipalityFactory

D = datetime.date
TODAY = D(2026, 10, 5)

# Every date of the worker's file, none of them a date the plan or the intake also uses.
DATES = {
    "contract start": D(2023, 5, 12),
    "contract end": D(2026, 11, 23),
    "VDAB attest": D(2022, 10, 19),
    "VDAB valid until": D(2028, 11, 27),
    "trajectory start": D(2022, 11, 17),
    "outcome date": D(2026, 12, 14),
    "milestone planned": D(2026, 12, 10),
    "milestone done": D(2025, 10, 21),
    "POP reviewed": D(2026, 10, 2),
    "improvement due": D(2026, 10, 29),
    "training": D(2025, 11, 14),
    "qualification valid until": D(2029, 10, 18),
}
TEXTS = {
    "e-mail": "zeynep.private@in-z.example",
    "phone": "0499 87 65 43",
    "extension reason": "Verlengd wegens mantelzorg Zwartberg",
    "new employer": "Brouwerij Kwaadmechelen NV",
    "current competences": "POP-tekst Walvisbaai",
    "target competences": "POP-doel Korenbloem",
    "improvement action": "Verbeteractie Zilverspar",
    "improvement owner": "Coach Odilia",
    "training title": "Training Lavendelveld",
    "milestone notes": "Evaluatienota Perzikboom",
    "qualification": "EHBO-brevet Kwartelkoning",
    "competence": "Circuspedagogie Xylofoon",
    "home municipality": "Kortessem",
    "availability": "07:10",
    "contract hours": "27,5",
}
# Whose answers need no municipality's object at all, or are Django's own account pages.
# A feed answers to its secret token only, not to a signed-in official.
NOT_FILLED = {"password_reset_confirm", "feeds:feed"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def worker(trajectory_a, intake_a, plan_a):
    """Zeynep, placed in Velm on Monday after school, whose contract ends within 90 days, so
    the staffing page tells of a coming loss."""
    worker = Worker.objects.create(
        first_name="Zeynep",
        last_name="Demir",
        email=TEXTS["e-mail"],
        phone=TEXTS["phone"],
        function=Worker.Function.BRIDGE_FIGURE,
        languages=["nl", Language.TIGRINYA],
        home_municipality=MunicipalityFactory(nis_code="73040", name_nl=TEXTS["home municipality"]),
        age_group_experience=["5-10"],
        regime=Worker.Regime.LDE,
        vdab_attest_on=DATES["VDAB attest"],
        vdab_valid_until=DATES["VDAB valid until"],
        contract_starts_on=DATES["contract start"],
        contract_ends_on=DATES["contract end"],
        hours_per_week=Decimal("27.5"),
        trajectory_starts_on=DATES["trajectory start"],
        extended_to_six_years=True,
        extension_reason=TEXTS["extension reason"],
        outcome=Worker.Outcome.OTHER_MEASURE,
        outcome_employer=TEXTS["new employer"],
        outcome_on=DATES["outcome date"],
    )
    WorkerCompetence.objects.create(
        worker=worker,
        competence=Competence.objects.create(name=TEXTS["competence"]),
        level=WorkerCompetence.Level.EXPERT,
    )
    Qualification.objects.create(
        worker=worker, name=TEXTS["qualification"], valid_until=DATES["qualification valid until"]
    )
    Availability.objects.create(
        worker=worker, weekday=3, starts_at=datetime.time(7, 10), ends_at=datetime.time(9, 50)
    )
    Milestone.objects.create(
        worker=worker,
        kind=Milestone.Kind.TRAINEESHIP,
        planned_on=DATES["milestone planned"],
        done_on=DATES["milestone done"],
        notes=TEXTS["milestone notes"],
    )
    pop = DevelopmentPlan.objects.create(
        worker=worker,
        current_competences=TEXTS["current competences"],
        target_competences=TEXTS["target competences"],
        reviewed_on=DATES["POP reviewed"],
    )
    ImprovementAction.objects.create(
        pop=pop,
        description=TEXTS["improvement action"],
        owner=TEXTS["improvement owner"],
        due_on=DATES["improvement due"],
    )
    Training.objects.create(
        worker=worker,
        kind=Training.Kind.CAREER,
        title=TEXTS["training title"],
        hours=Decimal("13.5"),
        taken_on=DATES["training"],
    )
    placement = Placement.objects.create(
        worker=worker,
        trajectory=trajectory_a,
        site=intake_a["site"],
        starts_on=D(2026, 9, 1),
        hours_per_week=Decimal("10"),
    )
    placement.actions.set([plan_a["action"]])
    PlacementSlot.objects.create(
        placement=placement, weekday=0, starts_at=datetime.time(15, 30), ends_at=datetime.time(18)
    )
    return worker


def _labels(*choices) -> list[str]:
    """The labels as both languages print them."""
    labels = []
    for language in ("nl-be", "en"):
        with translation.override(language):
            labels += [str(choice.label) for choice in choices]
    return labels


def _dates(day: datetime.date) -> list[str]:
    """Every way the portal (or a spreadsheet) could print this day."""
    shapes = ["d/m/Y", "d-m-Y", "d.m.Y", "Y-m-d", "j/n/Y", "d/m/y", "j F Y", "F j, Y", "j M Y"]
    printed = []
    for language in ("nl-be", "en"):
        with translation.override(language):
            printed += [dateformat.format(day, shape) for shape in shapes]
    return list(dict.fromkeys(printed))


def forbidden(worker) -> dict[str, list[str]]:
    secrets = {name: [value] for name, value in TEXTS.items()}
    secrets["contract hours"].append("27.5")
    secrets["phone"].append(TEXTS["phone"].replace(" ", ""))
    secrets["regime"] = [*_labels(Worker.Regime.LDE), "LDE"]
    secrets["outcome"] = _labels(Worker.Outcome.OTHER_MEASURE)
    secrets["milestone"] = _labels(Milestone.Kind.TRAINEESHIP)
    secrets["training kind"] = _labels(Training.Kind.CAREER)
    secrets["language"] = _labels(Language.TIGRINYA)
    # A reason for leaving derived from the contract or the trajectory, as the coordinators'
    # page words it.
    secrets["reason"] = [
        f"{worker}'s contract",
        f"{worker}'s trajectory",
        f"contract van {worker}",
        f"traject van {worker}",
    ]
    for name, day in {**DATES, "trajectory end": trajectory_max_end(worker)}.items():
        secrets[name] = _dates(day)
    return secrets


# The world the official walks ----------------------------------------------------------------


@pytest.fixture(params=["nl-be", "en"])
def language(request):
    return request.param


@pytest.fixture
def world(
    settings,
    tmp_path,
    language,
    worker,
    trajectory_a,
    intake_a,
    swot_a,
    plan_a,
    coordinator,
    official_a,
):
    """The plan submitted and approved, a comment, and the council PDF made in the language
    of the walk, as the background task would make it."""
    settings.MEDIA_ROOT = tmp_path
    version = plan_services.plan_submit(plan=plan_a["plan"], by=coordinator)
    plan_services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    comment = Comment.objects.create(
        trajectory=trajectory_a, target=plan_a["action"], author=official_a, body="Akkoord."
    )
    batch = ImportBatch.objects.create(
        trajectory=trajectory_a, kind=ImportBatch.Kind.SCHOOLS, filename="scholen.csv", rows=[]
    )
    report = Report.objects.create(version=version, language=language, requested_by=official_a)
    reports.report_process(report_id=str(report.pk))
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error_message
    parts = [plan_a["objective"].pk, plan_a["action_plan"].pk, plan_a["action"].pk]
    records = {slug: record.pk for slug, record in intake_a.items() if slug != "site"}
    placement = worker.placements.get()
    swot_items = [swot_a[key].pk for key in ("S1", "W1", "W2", "O1", "T1")]
    everything = {
        trajectory_a.pk,
        trajectory_a.municipality_id,
        worker.pk,
        placement.pk,
        comment.pk,
        swot_a["strategy"].pk,
        *parts,
        *records.values(),
        *swot_items,
    }
    return {
        "trajectory_pk": [trajectory_a.pk],
        "report_id": [report.pk],
        "number": [version.number],
        "fmt": ["xlsx", "csv"],
        "kind": ["objective", "actionplan", "action"],
        "section": list(records),
        "record_pk": records,  # by section
        "site_pk": [intake_a["site"].pk],
        "batch_pk": [batch.pk],
        "label": ["actionplans.action"],
        "year": [2026],
        "school_pk": [records["schools"]],
        "objective_pk": [plan_a["objective"].pk],
        "result_pk": [comment.pk],  # no result here: the page answers 404, which tells nothing
        "flyer_pk": [comment.pk],  # no survey flyer here either: 404
        "response_pk": [comment.pk],  # nor a survey answer or burst: 404
        "burst_pk": [comment.pk],
        # No survey here either: its public pages (and a calendar feed) answer 404.
        "token": ["nosurvey"],
        "lang": ["fr"],
        # A ``pk`` is told apart by the path segment before it.
        "pk": {
            "trajectories": [trajectory_a.pk],
            "municipality": [trajectory_a.municipality_id],
            "workers": [worker.pk],
            "placements": [placement.pk],
            "items": swot_items,
            "tows": [swot_a["strategy"].pk],
            "actions": [plan_a["action"].pk],
            "comments": [comment.pk],
            "<str:label>": [plan_a["action"].pk],
            "<str:kind>": parts,
            None: sorted(everything),
        },
    }


def _routes(patterns=None, prefix="", namespace=None):
    """(name, full route) of every named pattern but Django's admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # staff only, with Django's own permission checks
            inner = pattern.namespace or namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def _candidates(world, route: str, param: str, chosen: dict) -> list | None:
    if param == "record_pk":
        # The record of the section in the path, named or literal (…/contacts/<record_pk>/).
        section = chosen.get("section") or re.search(r"([^/]+)/<(?:\w+:)?record_pk>", route)[1]
        records = world["record_pk"]
        return [records[section]] if section in records else list(records.values())
    if param == "pk":
        before = re.search(r"([^/]+)/<(?:\w+:)?pk>", route)
        key = before.group(1) if before else None
        return world["pk"].get(key, world["pk"][None])
    return world.get(param)


def fill(world, route: str) -> list[dict] | None:
    """Every combination of fixture ids for the route's parameters; None if one is unknown."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    combinations = [{}]
    for param in params:
        grown = []
        for chosen in combinations:
            values = _candidates(world, route, param, chosen)
            if values is None:
                return None
            grown += [{**chosen, param: value} for value in values]
        combinations = grown
    return combinations


# Reading answers -----------------------------------------------------------------------------

# CSRF tokens and CSP nonces: random letters that may spell anything, "LDE" say.
RANDOM_TOKEN = re.compile(
    r'(?<="X-CSRFToken": ")[^"]+'
    r'|(?<=csrfmiddlewaretoken" value=")[^"]+'
    r'|(?<=nonce=")[^"]+'
)
LINK = re.compile(r'\b(href|hx-get|src)="([^"]+)"')
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/")
# Calendars print every day of their week or month: a day there tells nothing of a worker.
CALENDAR = re.compile(r"^/trajectories/\d+/sessions/(workers/\d+/)?(month/)?(\?|$)")
# Pages that step through time: their previous and next links lead to the same page for
# another week or year, without end. The ones reached from other pages are read.
THROUGH_TIME = re.compile(
    r"^/trajectories/\d+/(sessions/(workers/\d+/)?(month/)?(\?|$)|calendar/\d+/|records/enrolments/\d+/)"
)


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read(response) -> tuple[str, set[datetime.date]]:
    """The text a user gets from this answer, and the dates a spreadsheet holds as dates."""
    body = _body(response)
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        cells, dates = [], set()
        for sheet in load_workbook(io.BytesIO(body), read_only=True).worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, datetime.datetime):
                        dates.add(value.date())
                    elif isinstance(value, datetime.date):
                        dates.add(value)
                    if value is not None:
                        cells.append(str(value))
        return "\n".join(cells), dates
    if "pdf" in kind:
        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages), set()
    if "csv" in kind:
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
        return "\n".join(";".join(row) for row in rows), set()
    text = RANDOM_TOKEN.sub("…", body.decode(response.charset or "utf-8", errors="replace"))
    return text + "\n" + html.unescape(text), set()


def walk(client, world) -> dict[str, tuple[int, str, set]]:
    """Every URL the resolver and the pages lead to, GET as the client: status, text, dates."""
    queue = []
    unfilled = []
    for name, route in _routes():
        kwargs_list = fill(world, route)
        if kwargs_list is None:
            unfilled.append(name)
            continue
        queue += [(reverse(name, kwargs=kwargs), False) for kwargs in kwargs_list]
    assert set(unfilled) <= NOT_FILLED, f"routes this test cannot fill: {unfilled}"

    answers = {}
    while queue:
        url, fragment = queue.pop(0)
        if (url, fragment) in answers:
            continue
        headers = {"HTTP_HX_REQUEST": "true"} if fragment else {}
        response = client.get(url, **headers)
        text, dates = read(response)
        answers[(url, fragment)] = (response.status_code, text, dates)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            paging_time = THROUGH_TIME.match(url)
            for attribute, link in LINK.findall(text):
                link = html.unescape(link).split("#", 1)[0]
                if not link.startswith("/") or link.startswith(SKIP):
                    continue
                if paging_time and THROUGH_TIME.match(link):
                    continue
                queue.append((link, attribute == "hx-get"))
    return answers


def test_official_never_meets_a_workers_personal_data(
    official_a_client, world, worker, trajectory_a, language
):
    official_a_client.raise_request_exception = False
    official_a_client.cookies["django_language"] = language
    answers = walk(official_a_client, world)
    secrets = forbidden(worker)
    secret_dates = {*DATES.values(), trajectory_max_end(worker)}

    leaks, errors = [], []
    for (url, fragment), (status, text, dates) in answers.items():
        if status >= 500:
            errors.append(f"{url} → {status}")
        calendar = CALENDAR.match(url)
        for name, values in secrets.items():
            if calendar and name in DATES:
                continue
            for value in values:
                if value in text:
                    leaks.append(f"{url}{' (htmx)' if fragment else ''}: {name} {value!r}")
        if not calendar:
            leaks += [f"{url}: a date of the worker's file, {day}" for day in dates & secret_dates]
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(leaks)

    # The walk did reach what an official reads: the staffing page with its coming loss,
    # the exports and the council PDF.
    reached = {url for (url, _fragment), (status, *_rest) in answers.items() if status == 200}
    staffing = reverse("staffing:municipality", kwargs={"trajectory_pk": trajectory_a.pk})
    assert staffing in reached
    staffing_text = answers[(staffing, False)][1]
    assert "Zeynep Demir" in staffing_text
    assert "24/11/2026" in staffing_text  # the slot loses staff from then, no reason given
    downloads = [url for url in reached if url.endswith("/download/")]
    assert len(downloads) == 1
    # The council PDF is public: staff as numbers per site and slot, never a name.
    assert "Zeynep Demir" not in answers[(downloads[0], False)][1]
    for fmt in ("xlsx", "csv"):
        kwargs = {"trajectory_pk": trajectory_a.pk, "fmt": fmt}
        assert reverse("actionplans:export", kwargs=kwargs) in reached, fmt
    assert len(reached) > 40


# What the file itself shows, and the portal does not print anywhere yet.
NOT_ON_THE_FILE = {"availability", "milestone notes", "milestone planned", "reason"}


@pytest.mark.parametrize("language", ["nl-be", "en"])
def test_the_values_looked_for_are_how_the_workers_file_prints_them(
    coordinator_client, worker, language
):
    """Otherwise the scan above could pass by looking for the wrong spelling."""
    coordinator_client.cookies["django_language"] = language
    response = coordinator_client.get(reverse("staffing:worker", kwargs={"pk": worker.pk}))
    text, _dates = read(response)
    missing = [
        name
        for name, values in forbidden(worker).items()
        if name not in NOT_ON_THE_FILE and not any(value in text for value in values)
    ]
    assert not missing
