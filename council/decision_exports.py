"""The draft council decision as files: PDF, HTML to paste into a minutes system, DOCX, and
JSON-LD in the Flemish government's vocabulary for decisions (OSLO "Besluit").

Every export reads the stored draft (the municipality's text), never the plan, and is written
in the draft's language.
"""

from __future__ import annotations

import io
import json
import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from actionplans.models import PlanVersion
from actionplans.reports import RenderedPdf, css_string, render_pdf
from council.drafting import DRAFT_LANGUAGE, legal_grounds_list, paragraphs
from council.models import DraftDecision

PRINT_TEMPLATE = "council/decision_print.html"
DOCUMENT_TEMPLATE = "council/decision_document.html"


def filename(version: PlanVersion, extension: str) -> str:
    municipality = version.plan.trajectory.municipality.name_nl
    return f"{slugify(f'ontwerpbesluit-{municipality}-v{version.number}')}.{extension}"


def decision_context(draft: DraftDecision) -> dict:
    """What every rendering of the decision shows, in reading order."""
    return {
        "draft": draft,
        "version": draft.version,
        "language_tag": "nl-BE",
        "legal_grounds": legal_grounds_list(draft),
        "motivation": paragraphs(draft.motivation),
        "articles": [
            (number, paragraphs(text)) for number, text in enumerate(draft.articles, start=1)
        ],
    }


def decision_html(draft: DraftDecision) -> str:
    """A plain HTML document: headings, paragraphs and lists only, no classes, styles or
    scripts, so a rich-text minutes editor (such as Gelinkt Notuleren) takes it as pasted."""
    with translation.override(DRAFT_LANGUAGE):
        return render_to_string(DOCUMENT_TEMPLATE, decision_context(draft))


def decision_pdf(draft: DraftDecision) -> RenderedPdf:
    with translation.override(DRAFT_LANGUAGE):
        html = render_to_string(PRINT_TEMPLATE, decision_context(draft))
        label = _("Draft decision")
        footer = f"{label} · v{draft.version.number} · {draft.version.short_hash}"
        page, of = _("page"), _("of")
        page_css = (
            "@page { "
            f"@bottom-left {{ content: {css_string(footer)}; }} "
            f"@bottom-right {{ content: {css_string(page.capitalize())} ' ' counter(page) ' ' "
            f"{css_string(of)} ' ' counter(pages); }} }}"
        )
        return render_pdf(html, page_css=page_css)


# Characters XML 1.0 cannot hold (control characters a paste may bring along): python-docx
# refuses them, so they are left out of the Word file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Word's core properties (title, subject) hold at most 255 characters.
CORE_PROPERTY_LENGTH = 255


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def decision_docx(draft: DraftDecision) -> bytes:
    """A Word document: the title, a heading per part, the legal grounds as a list and each
    article under its own "Artikel n" heading."""
    from docx import Document

    context = decision_context(draft)
    with translation.override(DRAFT_LANGUAGE):
        document = Document()
        properties = document.core_properties
        properties.title = _xml(draft.title)[:CORE_PROPERTY_LENGTH]
        properties.subject = _xml(draft.description)[:CORE_PROPERTY_LENGTH]
        properties.language = context["language_tag"]
        properties.keywords = "PLUS, IN-Z, BOA, ontwerpbesluit"
        document.add_heading(_xml(draft.title), level=0)
        if draft.description:
            document.add_paragraph(_xml(draft.description))
        document.add_heading(_("Legal grounds"), level=1)
        for ground in context["legal_grounds"]:
            document.add_paragraph(_xml(ground), style="List Bullet")
        document.add_heading(_("Motivation"), level=1)
        for paragraph in context["motivation"]:
            document.add_paragraph(_xml("\n".join(paragraph)))
        document.add_heading(pgettext("council decision", "Decision"), level=1)
        for number, article in context["articles"]:
            document.add_heading(_("Article %(number)s") % {"number": number}, level=2)
            for paragraph in article:
                document.add_paragraph(_xml("\n".join(paragraph)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The OSLO vocabularies, as the Flemish application profile "Besluit Publicatie"
# (https://data.vlaanderen.be/doc/applicatieprofiel/besluit-publicatie/) and Gelinkt Notuleren's
# decision templates use them: a decision is a besluit:Besluit with eli:title (titel),
# eli:description (korte openbare beschrijving), eli:language, besluit:motivering (motivering,
# where the legal grounds are cited with eli:cites, each an eli:LegalExpression), and its
# articles as eli:has_part, each a besluit:Artikel with eli:number ("Artikel 1"), eli:language
# and prov:value (its text).
CONTEXT = {
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: The EU Publications Office's language authority, which eli:language takes.
DUTCH = {"@id": "http://publications.europa.eu/resource/authority/language/NLD"}


def decision_jsonld(draft: DraftDecision, *, decision_uri: str, version_uri: str) -> dict:
    """The draft decision as JSON-LD in the OSLO "Besluit" vocabulary."""
    version = draft.version
    with translation.override(DRAFT_LANGUAGE):
        number_label = _("Article %(number)s")
        articles = [
            {
                "@id": f"{decision_uri}#artikel-{number}",
                "@type": "besluit:Artikel",
                "eli:number": number_label % {"number": number},
                "eli:language": DUTCH,
                "prov:value": text,
            }
            for number, text in enumerate(draft.articles, start=1)
        ]
    return {
        "@context": CONTEXT,
        "@id": decision_uri,
        "@type": "besluit:Besluit",
        "eli:title": draft.title,
        "eli:description": draft.description,
        "eli:language": DUTCH,
        "besluit:motivering": {"@value": draft.motivation, "@language": "nl"},
        "eli:cites": [
            {"@type": "eli:LegalExpression", "eli:title": ground}
            for ground in legal_grounds_list(draft)
        ],
        "eli:has_part": articles,
        # The plan version the decision approves. dct:relation rather than eli:realizes: in
        # ELI a legal expression realizes the work it is a version of, which the plan is not.
        # Its SHA-256 as an spdx:checksum, as DCAT-AP describes a file's checksum.
        "dct:relation": {
            "@id": version_uri,
            "dct:title": str(version),
            "dct:hasVersion": str(version.number),
            "spdx:checksum": {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                "spdx:checksumValue": {"@value": version.content_hash, "@type": "xsd:hexBinary"},
            },
        },
    }


def decision_jsonld_bytes(draft: DraftDecision, **uris) -> bytes:
    return json.dumps(decision_jsonld(draft, **uris), ensure_ascii=False, indent=2).encode()
