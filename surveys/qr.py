"""The QR code of a survey's public address, as SVG (inline on pages and the flyer) and PNG.

segno writes both without Pillow. Error correction level M (15 %) survives a folded or
smudged flyer while keeping the code small enough to scan from a phone at arm's length.
"""

import io

import segno

#: The formats a QR code is offered in, with their media types.
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def qr_code(url: str) -> segno.QRCode:
    return segno.make(url, error="m")


def qr_bytes(url: str, fmt: str, *, scale: int = 10) -> bytes:
    """The QR code of ``url`` as an SVG or PNG file (a quiet zone of 4 modules around it)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind=fmt, scale=scale, border=4)
    return buffer.getvalue()


def qr_svg_inline(url: str, *, label: str, scale: int = 4):
    """The QR code as an ``<svg>`` element to put in a page, named for screen readers.

    segno escapes nothing it does not write itself; ``label`` is escaped here."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    buffer = io.BytesIO()
    qr_code(url).save(
        buffer,
        kind="svg",
        scale=scale,
        border=4,
        xmldecl=False,
        svgns=True,
        svgclass="qr-code",
        lineclass=None,
        omitsize=True,
        title=None,
    )
    svg = buffer.getvalue().decode()
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def filename(survey, fmt: str) -> str:
    from django.utils.text import slugify

    return f"qr-{slugify(survey.name) or 'survey'}-{survey.token}.{fmt}"
