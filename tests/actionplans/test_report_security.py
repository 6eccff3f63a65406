"""Rendering a PDF never reads a file or a URL a plan's text names."""

import base64
import io

import pytest
from pypdf import PdfReader

from actionplans import reports, services
from actionplans.models import Report

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=attachment href="file:///etc/hostname">',
    "http://169.254.169.254/latest/meta-data/",
    "<script>alert(1)</script>",
]
HOSTILE_URLS = ["file:///etc/passwd", "file:///etc/hostname", "http://169.254.169.254/"]


# --- The fetcher on its own --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/x",
        "gopher://example.org/",
        "file:///work/main/manage.py",
        "file:///work/main/static/../manage.py",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64," + base64.b64encode(b"x" * (100 * 1024 + 1)).decode(),
        "data:image/png",
    ],
)
def test_fetcher_refuses_anything_but_static_files_and_small_images(url):
    with pytest.raises(reports.ResourceRefused):
        reports.StaticFilesFetcher().fetch(url)


def test_fetcher_serves_the_projects_static_files():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    font = Path(finders.find("fonts/DejaVuSans.ttf"))
    response = reports.StaticFilesFetcher().fetch(font.as_uri())
    assert response.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font


def test_fetcher_serves_a_small_data_image():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100).decode()
    response = reports.StaticFilesFetcher().fetch(f"data:image/png;base64,{png}")
    assert response.content_type == "image/png"
    assert response.read().startswith(b"\x89PNG")


# --- A plan written to attack the renderer -----------------------------------------------------


class RecordingFetcher(reports.StaticFilesFetcher):
    def __init__(self):
        self.asked: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        return super().fetch(url, headers)


@pytest.mark.django_db
def test_hostile_plan_text_is_printed_as_text_and_fetches_nothing(plan_a, coordinator, official_a):
    text = " ".join(HOSTILE)
    plan = plan_a["plan"]
    plan.summary = text
    plan.save(update_fields=["summary"])
    for part in (plan_a["objective"], plan_a["action"]):
        part.description = text
        part.save(update_fields=["description"])
    action = plan_a["action"]
    action.owner = '<img src="file:///etc/passwd">'
    action.save(update_fields=["owner"])
    version = services.plan_submit(plan=plan, by=coordinator)
    report = Report.objects.create(version=version, language="en", requested_by=official_a)

    fetcher = RecordingFetcher()
    pdf = reports.render_report_pdf(report, url_fetcher=fetcher)

    reader = PdfReader(io.BytesIO(pdf.content))
    extracted = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(extracted.split())
    assert "file:///etc/passwd" in flat
    assert "<script>alert(1)</script>" in flat
    assert "169.254.169.254" in flat
    assert "root:" not in extracted  # no line of /etc/passwd made it in
    # The one file the code attaches (the budget CSV of PDF/A-3), nothing the text asked for.
    assert list(reader.attachments) == [reports.BUDGET_ATTACHMENT]
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"
    for url in fetcher.asked:
        assert not any(url.startswith(hostile) for hostile in HOSTILE_URLS), url
        assert url.startswith("file://"), url
        assert "/static/" in url, url
