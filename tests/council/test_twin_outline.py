"""The accessible twins read in a logical order: one h1, no heading level skipped, every table
with a caption and headers with a scope, every chart an image with a title and a description
(and its figures as a table), a skip link first and in-page links that all land somewhere."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council.models import Submission
from monitoring import reports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_twins_day")]

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


class Outline(HTMLParser):
    """What a screen reader's heading, table and image navigation meets in a page."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.focusable: list[dict] = []
        self.tables: list[dict] = []
        self.svgs: list[dict] = []
        self._open_tables: list[dict] = []
        self._svg: dict | None = None
        self._heading: list | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "body":
            self._in_body = True
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.hrefs.append(attrs["href"][1:])
        if self._in_body and (
            tag in FOCUSABLE or ("tabindex" in attrs and attrs["tabindex"] != "-1")
        ):
            self.focusable.append({"tag": tag, **attrs})
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        if tag == "table":
            table = {"caption": False, "th": [], "rows": 0}
            self._open_tables.append(table)
            self.tables.append(table)
        elif tag == "caption" and self._open_tables:
            self._open_tables[-1]["caption"] = True
        elif tag == "th" and self._open_tables:
            self._open_tables[-1]["th"].append(attrs.get("scope"))
        elif tag == "svg":
            self._svg = {"attrs": attrs, "title": None, "desc": None}
            self.svgs.append(self._svg)
        elif tag in {"title", "desc"} and self._svg is not None and self._svg[tag] is None:
            # The chart's own (its first); a bar's tooltip title comes later.
            self._svg[tag] = attrs.get("id", "")

    def handle_endtag(self, tag):
        if tag == "table" and self._open_tables:
            self._open_tables.pop()
        elif tag == "svg":
            self._svg = None
        elif self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


def outline(response) -> Outline:
    assert response.status_code == 200
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def progress_report(version, trajectory_a, coordinator):
    return reports.progress_report_request(
        trajectory=trajectory_a,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        language="nl-be",
        by=coordinator,
    )


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages(version, progress_report, official_a, trajectory_a):
    """The four twins: each document signed in and public."""
    client = _signed_in(official_a)
    sent_version = Submission.objects.create(
        trajectory=trajectory_a, plan_version=version, sent_by=official_a
    )
    sent_report = Submission.objects.create(
        trajectory=trajectory_a, progress_report=progress_report, sent_by=official_a
    )
    public = Client()
    return {
        "version": client.get(
            reverse(
                "council_twin:version",
                kwargs={"trajectory_pk": trajectory_a.pk, "number": version.number},
            )
        ),
        "report": client.get(
            reverse(
                "council_twin:report",
                kwargs={"trajectory_pk": trajectory_a.pk, "pk": progress_report.pk},
            )
        ),
        "public version": public.get(
            reverse("council_public:twin", kwargs={"token": sent_version.public_token})
        ),
        "public report": public.get(
            reverse("council_public:twin", kwargs={"token": sent_report.public_token})
        ),
    }


KINDS = ["version", "report", "public version", "public report"]


@pytest.mark.parametrize("kind", KINDS)
def test_one_h1_and_no_heading_level_skipped(pages, kind):
    found = outline(pages[kind])
    levels = [level for level, _text in found.headings]
    assert levels.count(1) == 1
    assert levels[0] == 1
    skipped = [
        (found.headings[index - 1], found.headings[index])
        for index in range(1, len(levels))
        if levels[index] > levels[index - 1] + 1
    ]
    assert not skipped
    assert levels.count(2) >= 7  # the chapters, the contents and the colophon


def _in_dutch(*texts) -> list[str]:
    with translation.override("nl-be"):
        return [gettext(text) for text in texts]


def test_the_plan_outline_follows_the_pdf(pages, plan_a):
    headings = outline(pages["version"]).headings
    assert headings[0] == (1, "PLUS-actieplan Sint-Truiden")
    chapters = [text for level, text in headings if level == 2]
    # The PDF's chapters in the PDF's order (no changes chapter: there is no earlier version).
    assert chapters == _in_dutch(
        "Contents",
        "Summary",
        "The municipality in figures",
        "SWOT analysis and TOWS strategies",
        "The plan in BBC structure",
        "Timeline of the actions",
        "Budget and funding",
        "Need against offer",
        "Staffing",
        "Sources and credits",
        "About this document",
    )
    objective, action_plan = (
        (3, "BD1 Elk kind een plek na school"),
        (4, "AP1.1 Opvang op de campus"),
    )
    plan_chapter = headings.index((2, chapters[4]))
    assert plan_chapter < headings.index(objective) < headings.index(action_plan)
    assert headings.index(action_plan) < headings.index((2, chapters[5]))


def test_the_report_outline_follows_the_pdf(pages):
    headings = outline(pages["public report"]).headings
    assert headings[0] == (1, "Voortgangsrapport Sint-Truiden, schooljaar 2026–2027")
    assert [text for level, text in headings if level == 2] == _in_dutch(
        "Contents",
        "Summary",
        "Indicators against their targets",
        "Progress per objective and action",
        "Sessions and participation",
        "Staffing",
        "Financial execution",
        "In their own words",
        "About this document",
    )
    assert (3, "BD1 Elk kind een plek na school — 0 %") in headings


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_has_a_caption_and_scoped_headers(pages, kind):
    found = outline(pages[kind])
    assert len(found.tables) >= 5
    for table in found.tables:
        assert table["caption"], table
        assert table["th"], table
        assert all(scope in {"col", "row"} for scope in table["th"]), table


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_is_an_image_with_a_title_and_a_description(pages, kind):
    found = outline(pages[kind])
    assert found.svgs
    for svg in found.svgs:
        attrs = svg["attrs"]
        assert attrs.get("role") == "img"
        assert svg["title"]
        assert svg["desc"]
        assert attrs.get("aria-labelledby") == svg["title"]
        assert attrs.get("aria-describedby") == svg["desc"]
    # Every chart has its figures in a table too.
    assert len(found.tables) > len(found.svgs)


@pytest.mark.parametrize("kind", KINDS)
def test_the_skip_link_comes_first_and_every_in_page_link_lands(pages, kind):
    found = outline(pages[kind])
    first = found.focusable[0]
    assert first["tag"] == "a"
    assert first["href"] == "#main"
    assert "main" in found.ids
    assert found.lang == "nl-BE"
    missing = [href for href in found.hrefs if href not in found.ids]
    assert not missing
    # The contents link every chapter and the colophon.
    chapters = {"section-summary", "section-staffing", "colophon"}
    chapters.add("section-plan" if "version" in kind else "section-finance")
    assert chapters <= set(found.hrefs)
