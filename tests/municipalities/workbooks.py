"""XLSX files written as raw XML, so a test (or a benchmark) can build one that is wide, lying,
packed like a zip bomb or broken, in a fraction of a second and without keeping it on disk."""

import io
import itertools
import zipfile
from collections.abc import Iterable

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
SCHOOL_HEADERS = [
    "Instellingsnummer",
    "Schoolnaam",
    "Net",
    "Vestigingsnummer",
    "Straat en nummer",
    "Postcode",
    "Stedelijk of landelijk",
]
SCHOOL = ["036111", "Basisschool De Zonnewijzer", "gemeentelijk", "1", "Stationsstraat 12"]
SCHOOL += ["3800", "stedelijk"]


def _content_types(sheets: int, shared_strings: bool) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    if shared_strings:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )


def _workbook(sheets: int) -> str:
    entries = "".join(
        f'<sheet name="Blad{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, sheets + 1)
    )
    return (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{entries}</sheets></workbook>'
    )


def _workbook_relations(sheets: int, shared_strings: bool) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    entries = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    if shared_strings:
        entries += (
            f'<Relationship Id="rId{sheets + 1}" Type="{kind}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    return f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{entries}</Relationships>'


def row(number: int | None, values: Iterable[str], *, refs: bool = True) -> str:
    """One ``<row>`` of inline texts; without refs the row and cells carry no ``r``, as some
    writers do."""
    cells = []
    for column, value in enumerate(values, start=1):
        ref = f' r="{get_column_letter(column)}{number}"' if refs else ""
        cells.append(f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>')
    attribute = f' r="{number}"' if refs and number is not None else ""
    return f"<row{attribute}>{''.join(cells)}</row>"


def xlsx(
    rows: Iterable[str] = (),
    *,
    dimension: str | None = None,
    before_data: str = "",
    after_data: str = "",
    other_sheets: Iterable[str] = (),
    shared_strings: str | None = None,
    parts: dict[str, bytes] | None = None,
    sheet_count: int | None = None,
    prolog: str = "",
) -> bytes:
    """A workbook whose first sheet holds ``rows`` (XML text, streamed into the zip so even a
    large sheet never sits in memory whole); ``prolog`` goes before the sheet's root."""
    others = list(other_sheets)
    sheets = 1 + len(others) if sheet_count is None else sheet_count
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(sheets, shared_strings is not None))
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", _workbook(sheets))
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _workbook_relations(sheets, shared_strings is not None),
        )
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            root = f'<?xml version="1.0"?>{prolog}<worksheet xmlns="{MAIN}">'
            sheet.write(root.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(f"{before_data}<sheetData>".encode())
            for text in rows:
                sheet.write(text.encode())
            sheet.write(f"</sheetData>{after_data}</worksheet>".encode())
        for number, text in enumerate(others, start=2):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", text)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def wide_rows(rows: int, columns: int, *, filler: str = "text") -> Iterable[str]:
    """A schools header and data rows, each filled up to ``columns`` columns with text or
    with numbers (which unpack to half the size)."""
    for number in range(1, rows + 1):
        values = SCHOOL_HEADERS if number == 1 else SCHOOL
        if filler == "text":
            yield row(number, [*values, *[f"x{number}"] * (columns - len(values))])
            continue
        cells = row(number, values)[: -len("</row>")]
        numbers = "".join(
            f'<c r="{get_column_letter(column)}{number}"><v>0</v></c>'
            for column in range(len(values) + 1, columns + 1)
        )
        yield f"{cells}{numbers}</row>"


def wide_workbook(
    rows: int, columns: int = 16_384, *, dimension: str = "true", filler: str = "text"
) -> bytes:
    """The file that took a minute: a few rows of 16,384 columns. Its dimension tells the
    truth ("true"), is missing ("none") or claims only the school columns ("lie"), so that
    only counting the cells finds out."""
    ref = {
        "true": f"A1:{get_column_letter(columns)}{rows}",
        "none": None,
        "lie": f"A1:G{rows}",
    }[dimension]
    return xlsx(wide_rows(rows, columns, filler=filler), dimension=ref)


def zip_bomb(unpacked_megabytes: int) -> bytes:
    """A valid workbook whose sheet is padded with blanks: it packs about 1,000 to 1."""
    megabyte = " " * (1024 * 1024)
    padding = itertools.repeat(megabyte, unpacked_megabytes)
    return xlsx(itertools.chain([row(1, SCHOOL_HEADERS)], padding), dimension="A1:G1")
