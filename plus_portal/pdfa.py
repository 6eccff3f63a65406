"""Archivable PDFs: what makes a PDF the portal issues a PDF/A-3 document an archive keeps.

``actionplans.reports.render_pdf`` takes an ``Archive`` for the documents the portal issues
to a council (the plan version's PDF, the progress report) and then writes PDF/A-3u
(ISO 19005-3, level U: every glyph maps to Unicode) instead of a plain tagged PDF:

- WeasyPrint's ``pdf/a-3u`` variant adds the sRGB output intent (``/GTS_PDFA1``), the XMP
  packet with ``pdfaid:part`` 3 and ``pdfaid:conformance`` U and keeps the Info dictionary
  equal to it; the tags (``pdf_tags``) stay on, so the document stays tagged;
- the metadata come from the code, not from the HTML: title, author, subject, keywords,
  ``/Lang``, and the document identifier in the trailer ``/ID``, the XMP (``dc:identifier``)
  and the Info dictionary (``/Identifier``);
- the only embedded files are the ones the code passes (PDF/A-3 allows a CSV beside the
  pages when it says how it relates to them: ``/AFRelationship /Data`` — the data the
  tables are drawn from), listed in the catalog's ``/AF``.

The identifier scheme is written once, here: ``plan_version_identifier`` and
``progress_report_identifier``. veraPDF is the full PDF/A check; the tests check the markers.
"""

from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass, field

from django.conf import settings

#: ISO 19005-3, conformance U. Level A would also promise a complete logical structure,
#: which WeasyPrint's tags are close to but no validator here has confirmed.
PDF_VARIANT = "pdf/a-3u"
#: What the PDF's Info dictionary (``/Creator``) and XMP (``xmp:CreatorTool``) say made it.
GENERATOR = "PLUS portal"


def _language_suffix(language: str) -> str:
    return "" if language.startswith("nl") else f"-{language.lower()}"


def plan_version_identifier(version, language: str | None = None) -> str:
    """``PLUS-<NIS code>-<plan id>-v<number>``: one per plan version, the same every time
    its PDF is made; a PDF in another language than Dutch ends in ``-<language>``."""
    municipality = version.plan.trajectory.municipality
    base = f"PLUS-{municipality.nis_code}-{version.plan_id}-v{version.number}"
    return base + _language_suffix(language or settings.LANGUAGE_CODE)


def progress_report_identifier(report) -> str:
    """``PLUS-<NIS code>-VR-<report id>`` (VR: voortgangsrapport), one per progress report."""
    return f"PLUS-{report.trajectory.municipality.nis_code}-VR-{report.pk}"


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (PDF/A-3 "associated file"); WeasyPrint takes its MIME
    type (``/Subtype``) from the name's extension."""

    name: str
    content: bytes
    description: str
    #: ISO 32000-2 7.11.3: Data = the data a table or chart of the document shows.
    relationship: str = "Data"


@dataclass(frozen=True)
class Archive:
    """The metadata and attachments of one archivable PDF."""

    identifier: str
    title: str
    author: str
    subject: str
    language: str
    created: datetime.date
    keywords: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=())


@functools.cache
def _metadata_class():
    """WeasyPrint's ``DocumentMetadata`` that also writes ``dc:identifier`` and
    ``dc:language`` into the same ``rdf:RDF`` (made on first use: WeasyPrint loads slowly)."""
    from xml.etree.ElementTree import SubElement, fromstring, tostring

    from weasyprint.pdf.metadata import NS, DocumentMetadata

    class ArchiveMetadata(DocumentMetadata):
        identifier = ""

        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            element = SubElement(rdf, f"{{{NS['rdf']}}}Description")
            element.attrib[f"{{{NS['rdf']}}}about"] = ""
            # Dublin Core, a schema PDF/A predefines: no extension schema needed.
            SubElement(element, f"{{{NS['dc']}}}identifier").text = self.identifier
            if self.lang:
                bag = SubElement(
                    SubElement(element, f"{{{NS['dc']}}}language"), f"{{{NS['rdf']}}}Bag"
                )
                SubElement(bag, f"{{{NS['rdf']}}}li").text = self.lang
            return tostring(rdf, encoding="utf-8")

    return ArchiveMetadata


def write_options(document, archive: Archive) -> dict:
    """The ``write_pdf`` options that make ``document`` the PDF/A-3 file ``archive`` says.

    Replaces the metadata WeasyPrint read from the HTML (and the attachments it found
    there) with the archive's, so nothing in a plan's text can add a file or a title.
    """
    from weasyprint import Attachment as WeasyAttachment

    moment = datetime.datetime.combine(archive.created, datetime.time())
    metadata = _metadata_class()(
        title=archive.title,
        authors=[archive.author],
        description=archive.subject,
        keywords=list(archive.keywords),
        generator=GENERATOR,
        created=archive.created.isoformat(),
        lang=archive.language,
        custom={"Identifier": archive.identifier},
    )
    metadata.identifier = archive.identifier
    document.metadata = metadata
    attachments = [
        WeasyAttachment(
            file_obj=io.BytesIO(attachment.content),
            name=attachment.name,
            description=attachment.description,
            created=moment,
            modified=moment,
            relationship=attachment.relationship,
        )
        for attachment in archive.attachments
    ]
    return {
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": archive.identifier.encode(),
        "attachments": attachments,
        "custom_metadata": True,
        "finisher": _finish,
    }


def _finish(document, pdf) -> None:
    """WeasyPrint 70 lists each embedded file twice in the catalog's ``/AF``; once will do."""
    import pydyf

    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
