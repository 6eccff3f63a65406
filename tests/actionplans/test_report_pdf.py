"""The PDF of a plan version: what a council member reads in it, page by page.

Most tests read the English PDF, so they hold whatever the Dutch catalogue says; one test
reads the Dutch one for the Belgian formats.
"""

import io
import re

import pytest
from django.db import transaction
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import Report
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


def _pages(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() or "" for page in reader.pages]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def approved_version(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    return version


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """The English PDF of an approved version, rendered once for the tests that read it.

    The same data as ``approved_version``'s, made in a transaction rolled back as soon as the
    PDF is made: only the PDF and the version it was made from stay, as Python objects.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        municipality = make_municipality_a()
        trajectory = TrajectoryFactory(municipality=municipality)
        make_postal_codes_a(municipality)
        intake = make_intake_a(trajectory)
        coordinator = make_coordinator(municipality)
        swot = make_swot_a(trajectory, coordinator)
        plan = make_plan_a(trajectory, intake, swot)
        official = make_official("official_a", municipality)
        version = services.plan_submit(plan=plan["plan"], by=coordinator)
        services.plan_decide(plan=plan["plan"], outcome="approved", reason="", by=official)
        report = Report.objects.create(version=version, language="en", requested_by=official)
        pdf = reports.render_report_pdf(report)
        transaction.set_rollback(True)
    reader, pages = _pages(pdf.content)
    return {"pdf": pdf, "reader": reader, "pages": pages, "version": version}


def test_the_pdf_names_the_plan_its_parts_and_its_version(rendered, plan_a):
    text = _normal(" ".join(rendered["pages"]))
    version = rendered["version"]
    assert "Sint-Truiden" in text
    assert "PLUS-actieplan Sint-Truiden" in text
    assert "BD1" in text
    assert "Elk kind een plek na school" in text
    assert "AP1.1" in text
    assert "Opvang op de campus" in text
    assert "A1.1.1" in text
    assert "Naschoolse opvang in Velm" in text
    assert version.content_hash[:12] in text
    assert "Version 1 · Approved" in _normal(rendered["pages"][0])


def test_every_page_has_the_footer_with_version_and_hash(rendered):
    short = rendered["version"].content_hash[:12]
    count = len(rendered["pages"])
    for number, page in enumerate(rendered["pages"], start=1):
        assert short in page, number
        assert f"Page {number} of {count}" in page, number


def test_page_count_is_recorded_from_the_layout(rendered):
    assert rendered["pdf"].page_count == len(rendered["reader"].pages)
    assert 8 <= rendered["pdf"].page_count <= 20


def test_table_of_contents_points_at_the_right_pages(rendered):
    pages = rendered["pages"]
    toc_index = next(i for i, page in enumerate(pages) if "Contents" in page)
    toc = _normal(pages[toc_index])
    for heading in [
        "The municipality in figures",
        "SWOT analysis and TOWS strategies",
        "BD1 Elk kind een plek na school",
        "Budget and funding",
        "Sources and credits",
    ]:
        listed = re.search(re.escape(heading) + r" (\d+)", toc)
        assert listed, heading
        # Every entry of the contents starts a page, so its heading is that page's first line.
        actual = next(
            number
            for number, page in enumerate(pages, start=1)
            if number > toc_index + 1 and _normal(page).lstrip().startswith(heading)
        )
        assert int(listed.group(1)) == actual, heading


def test_metadata_title_author_and_language(rendered):
    metadata = rendered["reader"].metadata
    assert "PLUS-actieplan Sint-Truiden" in metadata.title
    assert "Sint-Truiden" in metadata.author
    root = rendered["reader"].trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root  # tagged PDF


def test_fonts_are_embedded_subsets_of_the_shipped_typeface(rendered):
    fonts = set()
    for page in rendered["reader"].pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font["/BaseFont"]))
    # Only the faces of static/fonts/ (declared as "PLUS Report Sans"), never a system font.
    assert fonts
    assert all("PLUS-Report-Sans" in name for name in fonts), fonts


def test_dutch_report_uses_belgian_formats(approved_version, official_a):
    report = Report.objects.create(
        version=approved_version, language="nl-be", requested_by=official_a
    )
    reader, pages = _pages(reports.render_report_pdf(report).content)
    text = _normal(" ".join(pages))
    assert "Versie 1 · Goedgekeurd" in _normal(pages[0])
    assert "€ 18.500,00" in text
    assert "01/09/2026 – 30/06/2027" in text
    assert reader.trailer["/Root"]["/Lang"] == "nl-BE"


def test_an_unknown_snapshot_schema_fails_with_a_clear_message(approved_version, official_a):
    approved_version.snapshot = {**approved_version.snapshot, "schema": 99}
    approved_version.save(update_fields=["snapshot"])
    report = Report.objects.create(version=approved_version, language="en", requested_by=official_a)
    with pytest.raises(reports.ReportError, match="cannot print"):
        reports.render_report_pdf(report)
