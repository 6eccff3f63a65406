"""The draft decision's downloads: a PDF whose text carries the hash, a Word file with the
articles, HTML that pastes into a minutes editor, and JSON-LD in the OSLO "Besluit" terms.
Whoever may see the plan reads them; anyone else gets 404."""

import datetime
import io
import json
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from actionplans import services
from council.drafting import draft_decision_for

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def draft(plan_a, coordinator, official_a):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    services.plan_decide(plan=plan_a["plan"], outcome="approved", reason="", by=official_a)
    draft = draft_decision_for(version)
    draft.articles = [*draft.articles, "Dit besluit wordt bekendgemaakt <b>op de website</b>."]
    draft.save(update_fields=["articles"])
    return draft


def _get(user, draft, name):
    client = Client()
    client.force_login(user)
    version = draft.version
    return client.get(
        reverse(f"council_decision:{name}", args=[version.plan.trajectory_id, version.number])
    )


def _filename(response) -> str:
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def test_the_pdf_is_a_pdf_whose_text_carries_the_full_hash(draft, official_a):
    response = _get(official_a, draft, "pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert _filename(response) == "ontwerpbesluit-sint-truiden-v1.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert draft.version.content_hash in re.sub(r"\s", "", text)
    assert "€ 18.500,00" in text


def test_the_docx_opens_and_holds_every_article_under_its_number(draft, coordinator):
    response = _get(coordinator, draft, "docx")

    assert response.status_code == 200
    assert _filename(response) == "ontwerpbesluit-sint-truiden-v1.docx"
    document = Document(io.BytesIO(response.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == draft.title
    assert document.core_properties.title == draft.title
    for number, article in enumerate(draft.articles, start=1):
        assert f"Article {number}" in texts or f"Artikel {number}" in texts
        assert article in texts
    assert any(draft.version.content_hash in text for text in texts)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name) for name, _value in attrs]


def test_the_html_is_plain_headings_paragraphs_and_lists(draft, official_a):
    response = _get(official_a, draft, "html")

    assert response.status_code == 200
    assert _filename(response) == "ontwerpbesluit-sint-truiden-v1.html"
    html = response.content.decode()
    parser = _Tags()
    parser.feed(html)
    assert set(parser.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "br",
    }
    assert set(parser.attributes) <= {("html", "lang"), ("meta", "charset")}
    assert "script" not in parser.tags
    assert "style" not in parser.tags
    assert parser.tags.count("h3") == len(draft.articles)
    assert draft.version.content_hash in html
    # The official's text is text: escaped, never markup.
    assert "&lt;b&gt;op de website&lt;/b&gt;" in html


def test_the_jsonld_parses_and_speaks_the_oslo_besluit_terms(draft, official_a):
    response = _get(official_a, draft, "jsonld")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert _filename(response) == "ontwerpbesluit-sint-truiden-v1.jsonld"
    data = json.loads(response.content)
    assert data["@context"]["besluit"] == "http://data.vlaanderen.be/ns/besluit#"
    assert data["@context"]["eli"] == "http://data.europa.eu/eli/ontology#"
    assert data["@type"] == "besluit:Besluit"
    assert data["eli:title"] == draft.title
    assert data["eli:description"] == draft.description
    assert data["besluit:motivering"]["@value"] == draft.motivation
    assert [ground["eli:title"] for ground in data["eli:cites"]] == draft.legal_grounds.split("\n")
    articles = data["eli:has_part"]
    assert [article["@type"] for article in articles] == ["besluit:Artikel"] * 4
    assert [article["prov:value"] for article in articles] == draft.articles
    assert articles[0]["eli:number"] in ("Article 1", "Artikel 1")
    relation = data["dct:relation"]
    assert relation["@id"].endswith(
        reverse("actionplans:version", args=[draft.version.plan.trajectory_id, 1])
    )
    assert relation["spdx:checksum"]["spdx:checksumValue"]["@value"] == draft.version.content_hash


@pytest.mark.parametrize("name", ["pdf", "html", "docx", "jsonld"])
@pytest.mark.parametrize(
    "persona", ["official_b", "coordinator_b", "coordinator_without_membership"]
)
def test_outsiders_get_404(request, draft, name, persona):
    assert _get(request.getfixturevalue(persona), draft, name).status_code == 404


@pytest.mark.parametrize("name", ["pdf", "html", "docx", "jsonld"])
def test_a_version_not_approved_has_no_downloads(plan_a, coordinator, official_a, name):
    version = services.plan_submit(plan=plan_a["plan"], by=coordinator)
    client = Client()
    client.force_login(official_a)
    url = reverse(f"council_decision:{name}", args=[plan_a["plan"].trajectory_id, version.number])

    assert client.get(url).status_code == 404
