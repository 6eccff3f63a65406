"""The PDFs the portal issues to a council are PDF/A-3: the plan version's PDF and the progress
report carry the PDF/A markers, their metadata and document identifier, and the figures they
show as an attached CSV — and no file from the document's HTML.

veraPDF is the full PDF/A check (it is not available here); these tests read the markers with
pypdf. Each PDF is rendered once for the module.
"""

import csv
import datetime
import hashlib
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import BudgetLine, Report
from actionplans.snapshots import ACTION, Snapshot
from monitoring import reports as progress_reports
from monitoring.models import ProgressReport
from plus_portal import pdfa
from tests.conftest import (
    make_coordinator,
    make_intake_a,
    make_municipality_a,
    make_official,
    make_plan_a,
    make_postal_codes_a,
    make_swot_a,
)
from tests.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 3, 15, 10, tzinfo=datetime.UTC)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def _xmp(reader: PdfReader) -> dict[str, list[str]]:
    """Every XMP property as {"prefix:name": [values]}, written as attribute or element."""
    data = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = ET.fromstring(data[data.index(b"<x:xmpmeta") : data.rindex(b"</x:xmpmeta>") + 12])
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    values: dict[str, list[str]] = {}

    def key(tag: str) -> str | None:
        uri, _brace, name = tag[1:].partition("}")
        return f"{prefixes[uri]}:{name}" if uri in prefixes else None

    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for attribute, value in description.attrib.items():
            if name := key(attribute):
                values.setdefault(name, []).append(value)
        for child in description:
            if name := key(child.tag):
                items = [li.text or "" for li in child.iter(f"{{{NS['rdf']}}}li")]
                values.setdefault(name, []).extend(items or [child.text or ""])
    return values


def _embedded(reader: PdfReader) -> dict[str, dict]:
    """The catalog's embedded files by name: their file specification and bytes."""
    root = reader.trailer["/Root"]
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    files = {}
    for name, spec in zip(names[::2], names[1::2], strict=True):
        spec = spec.get_object()
        stream = spec["/EF"]["/F"].get_object()
        files[str(name)] = {"spec": spec, "stream": stream, "data": stream.get_data()}
    return files


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def plan_pdf(django_db_setup, django_db_blocker):
    """The Dutch PDF of an approved version with budget in two years, rendered once."""
    with django_db_blocker.unblock(), transaction.atomic():
        municipality = make_municipality_a()
        trajectory = TrajectoryFactory(municipality=municipality)
        make_postal_codes_a(municipality)
        intake = make_intake_a(trajectory)
        coordinator = make_coordinator(municipality)
        swot = make_swot_a(trajectory, coordinator)
        plan = make_plan_a(trajectory, intake, swot)
        BudgetLine.objects.create(
            action=plan["action"], category="operating", year=2027, amount=Decimal("1234.56")
        )
        official = make_official("official_a", municipality)
        version = services.plan_submit(plan=plan["plan"], by=coordinator)
        services.plan_decide(plan=plan["plan"], outcome="approved", reason="", by=official)
        report = Report.objects.create(version=version, language="nl-be", requested_by=official)
        pdf = reports.render_report_pdf(report)
        expected = {
            "identifier": f"PLUS-{municipality.nis_code}-{plan['plan'].pk}-v{version.number}",
            "municipality": municipality.name_nl,
            "snapshot": Snapshot.from_data(version.snapshot),
            "title": plan["plan"].title,
        }
        transaction.set_rollback(True)
    reader = PdfReader(io.BytesIO(pdf.content))
    return {"content": pdf.content, "reader": reader, **expected}


@pytest.fixture(scope="module")
def progress_pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    """A Dutch progress report made by the background lifecycle (so stored and hashed)."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        time_machine.travel(TODAY, tick=False),
        override_settings(MEDIA_ROOT=media),
    ):
        municipality = make_municipality_a()
        trajectory = TrajectoryFactory(municipality=municipality)
        make_postal_codes_a(municipality)
        intake = make_intake_a(trajectory)
        coordinator = make_coordinator(municipality)
        swot = make_swot_a(trajectory, coordinator)
        plan = make_plan_a(trajectory, intake, swot)
        services.plan_submit(plan=plan["plan"], by=coordinator)
        start, end = progress_reports.period_of(progress_reports.SCHOOL_YEAR, 2026)
        report = progress_reports.progress_report_request(
            trajectory=trajectory,
            period_start=start,
            period_end=end,
            language="nl-be",
            by=coordinator,
        )
        assert progress_reports.progress_report_process(report_id=report.pk)
        report.refresh_from_db()
        assert report.status == ProgressReport.Status.DONE, report.error
        with default_storage.open(report.pdf.name, "rb") as stored:
            content = stored.read()
        figures = progress_reports.figures_csv(report)
        expected = {
            "identifier": f"PLUS-{municipality.nis_code}-VR-{report.pk}",
            "municipality": municipality.name_nl,
            "title": report.title,
            "pdf_hash": report.pdf_hash,
            "figures": figures,
        }
        transaction.set_rollback(True)
    return {"content": content, "reader": PdfReader(io.BytesIO(content)), **expected}


@pytest.fixture(params=["plan", "progress"])
def issued(request):
    return request.getfixturevalue(f"{request.param}_pdf")


# --- PDF/A markers --------------------------------------------------------------------------


def test_the_xmp_says_pdf_a_3u(issued):
    xmp = _xmp(issued["reader"])
    assert xmp["pdfaid:part"] == ["3"]
    assert xmp["pdfaid:conformance"] == ["U"]


def test_the_output_intent_is_the_pdf_a_one_with_an_icc_profile(issued):
    intents = issued["reader"].trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile's signature


def test_the_pdf_stays_tagged_and_has_no_unsigned_form(issued):
    root = issued["reader"].trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "/AcroForm" not in root  # signing is off by default
    assert issued["content"].startswith(b"%PDF-1.7")


def test_every_font_is_embedded(issued):
    fonts = {}
    for page in issued["reader"].pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descriptors = [font.get("/FontDescriptor")] + [
            descendant.get_object().get("/FontDescriptor")
            for descendant in font.get("/DescendantFonts", [])
        ]
        files = [
            key
            for descriptor in descriptors
            if descriptor is not None
            for key in ("/FontFile", "/FontFile2", "/FontFile3")
            if key in descriptor.get_object()
        ]
        assert files, name


# --- Metadata and identifier ----------------------------------------------------------------


def test_the_metadata_name_the_document_in_info_and_xmp_alike(issued):
    reader = issued["reader"]
    info = reader.metadata
    xmp = _xmp(reader)
    assert issued["title"] in info["/Title"]
    assert issued["municipality"] in info["/Title"]
    assert info["/Author"] == f"IN-Z vzw en de gemeente {issued['municipality']}"
    assert issued["municipality"] in info["/Subject"]
    assert "PLUS" in info["/Keywords"]
    assert issued["municipality"] in info["/Keywords"]
    # PDF/A: every Info entry with an XMP counterpart says the same there.
    assert xmp["dc:title"] == [info["/Title"]]
    assert xmp["dc:creator"] == [info["/Author"]]
    assert xmp["dc:description"] == [info["/Subject"]]
    assert xmp["pdf:Keywords"] == [info["/Keywords"]]
    assert xmp["pdf:Producer"] == [info["/Producer"]]
    assert reader.trailer["/Root"]["/Lang"] == "nl-BE"
    assert xmp["dc:language"] == ["nl-BE"]


def test_the_identifier_is_in_the_trailer_the_xmp_the_info_and_the_text(issued):
    reader = issued["reader"]
    identifier = issued["identifier"]
    assert reader.trailer["/ID"][0] == identifier
    assert _xmp(reader)["dc:identifier"] == [identifier]
    assert reader.metadata["/Identifier"] == identifier
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert identifier in text


def test_the_identifier_scheme_is_one_per_version_and_language(plan_pdf):
    class Version:
        plan_id, number = 10001, 3
        plan = type("Plan", (), {"trajectory": type("T", (), {"municipality": None})})

    Version.plan.trajectory.municipality = type("M", (), {"nis_code": "71053"})
    assert pdfa.plan_version_identifier(Version, "nl-be") == "PLUS-71053-10001-v3"
    assert pdfa.plan_version_identifier(Version, "en") == "PLUS-71053-10001-v3-en"


# --- Attachments ----------------------------------------------------------------------------


def _attachment(issued, name: str) -> dict:
    files = _embedded(issued["reader"])
    assert list(files) == [name]  # the one file the code passes, nothing from the HTML
    found = files[name]
    spec, stream = found["spec"], found["stream"]
    assert spec["/Type"] == "/Filespec"
    assert spec["/UF"] == name
    assert spec["/F"] == name
    assert spec["/AFRelationship"] == "/Data"
    assert spec["/Desc"]
    assert stream["/Subtype"] == "/text/csv"  # pypdf reads /text#2fcsv
    assert stream["/Params"]["/Size"] == len(found["data"])
    checksum = stream["/Params"]["/CheckSum"]
    assert checksum.original_bytes == hashlib.md5(found["data"]).digest()
    assert "/ModDate" in stream["/Params"]
    # PDF/A-3: the catalog lists it as an associated file, once.
    assert [ref.get_object() for ref in issued["reader"].trailer["/Root"]["/AF"]] == [spec]
    return found


def test_the_plan_pdf_carries_its_budget_per_action_and_year(plan_pdf):
    found = _attachment(plan_pdf, "begroting.csv")
    rows = _csv(found["data"])
    header, *actions, total = rows
    snapshot = plan_pdf["snapshot"]
    years = list(snapshot.totals.budget_by_year)
    assert len(header) == 4 + len(years) + 1
    assert [cell.split()[-1] for cell in header[4:-1]] == years
    frozen = [placed.part for placed in snapshot.parts(ACTION)]
    assert [row[2] for row in actions] == [action.code for action in frozen]
    for row, action in zip(actions, frozen, strict=True):
        per_year = {year: Decimal(0) for year in years}
        for line in action.budget_lines:
            per_year[str(line.year)] += Decimal(line.amount)
        assert [_amount(cell) for cell in row[4:-1]] == list(per_year.values())
        assert _amount(row[-1]) == Decimal(action.budget_total)
    assert total[3] == "Totaal"
    assert [_amount(cell) for cell in total[4:-1]] == [
        Decimal(amount) for amount in snapshot.totals.budget_by_year.values()
    ]
    assert _amount(total[-1]) == Decimal(snapshot.totals.budget) == Decimal("19734.56")
    assert "1.234,56" in found["data"].decode("utf-8-sig")


def test_the_progress_report_carries_its_figures_csv(progress_pdf):
    found = _attachment(progress_pdf, "cijfers.csv")
    assert found["data"] == progress_pdf["figures"]
    assert _csv(found["data"])[0][0] == "Van"


def test_the_stored_hash_of_the_progress_report_is_that_of_its_pdf(progress_pdf):
    assert progress_pdf["pdf_hash"] == hashlib.sha256(progress_pdf["content"]).hexdigest()


def test_no_attachment_comes_from_the_html_of_an_archived_pdf():
    image = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    html = (
        f'<html lang="nl-BE"><head><title>Uit de HTML</title>'
        f'<link rel="attachment" href="{image}" title="smokkel.png"></head>'
        f'<body><p>Tekst <a rel="attachment" href="{image}">bijlage</a></p></body></html>'
    )
    archive = pdfa.Archive(
        identifier="PLUS-00000-1-v1",
        title="Uit de code",
        author="IN-Z vzw",
        subject="Test",
        language="nl-BE",
        created=datetime.date(2026, 12, 1),
        attachments=(pdfa.Attachment(name="data.csv", content=b"a;b\r\n", description="d"),),
    )
    reader = PdfReader(io.BytesIO(reports.render_pdf(html, archive=archive).content))
    assert list(_embedded(reader)) == ["data.csv"]
    assert reader.metadata["/Title"] == "Uit de code"
    annotations = [
        annotation.get_object().get("/Subtype")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert "/FileAttachment" not in annotations
