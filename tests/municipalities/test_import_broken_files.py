"""Damaged, disguised and oddly encoded files are refused with a clear reason, never an error."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities import spreadsheets
from municipalities.models import ImportBatch
from municipalities.spreadsheets import ImportRefused
from tests.municipalities.workbooks import (
    SCHOOL,
    SCHOOL_HEADERS,
    row,
    wide_workbook,
    xlsx,
    zip_bomb,
)

NOT_A_WORKBOOK = "This file is not a real Excel workbook (.xlsx); save it again as .xlsx or .csv."
UNREADABLE = (
    "The Excel file could not be read; it may be damaged or protected with a password. "
    "Save it again as .xlsx or .csv."
)
CHARACTERS = "The file's characters could not be read; save it as CSV in UTF-8."
NOT_TEXT = "This is not a text (CSV) file; upload a .xlsx or .csv file."


def refusal(data: bytes, name: str, kind: str = "schools") -> str:
    with pytest.raises(ImportRefused) as caught:
        spreadsheets.read_table(io.BytesIO(data), name, kind=kind)
    return str(caught.value.message)


def schools(rows: int = 2) -> bytes:
    return xlsx([row(1, SCHOOL_HEADERS)] + [row(n, SCHOOL) for n in range(2, rows + 2)])


def damaged(data: bytes, member: str) -> bytes:
    """The workbook with bytes in the middle of one part's packed data turned over."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    flipped = bytes(byte ^ 0xFF for byte in data[middle : middle + 8])
    return data[:middle] + flipped + data[middle + 8 :]


def a_zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


WORD_DOCUMENT = a_zip(
    **{
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "word__document.xml": "<document/>",
    }
)
ENCRYPTED = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
)
ENTITIES = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (schools()[: len(schools()) // 2], NOT_A_WORKBOOK),
        (a_zip(notes__txt="hallo"), NOT_A_WORKBOOK),
        (WORD_DOCUMENT, NOT_A_WORKBOOK),
        (xlsx(sheet_count=0), "The workbook has no sheet to read."),
        (damaged(schools(40), "xl/worksheets/sheet1.xml"), UNREADABLE),
        (xlsx([row(1, SCHOOL_HEADERS)], prolog=ENTITIES), UNREADABLE),
        (xlsx([row(1, SCHOOL_HEADERS), '<row r="2"><c r="ZZZZ2"><v>1</v></c></row>']), UNREADABLE),
        (xlsx([row(1, SCHOOL_HEADERS), '<row r="two"/>']), UNREADABLE),
        (xlsx(["<row><c><v>1</v></row>"]), UNREADABLE),
        (
            ENCRYPTED,
            "This Excel file is protected with a password; remove the password and save it again.",
        ),
    ],
    ids=[
        "cut-off zip",
        "zip of something else",
        "word document",
        "no sheets",
        "damaged sheet data",
        "entity declarations",
        "cell beyond column XFD",
        "row number not a number",
        "broken XML",
        "password",
    ],
)
def test_a_broken_workbook_is_refused_with_its_reason(data, message):
    assert refusal(data, "scholen.xlsx") == message


HEADER = "Naam;Type\n"


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Naam;Type\n\x00\x01\x02\x03binary",
            NOT_TEXT,
        ),
        ("\ufeffNaam\tType\n".encode("utf-16-le")[:-1], CHARACTERS),
        ("\ufeffNaam\tType\nClub\tsport\n".encode("utf-16-le") + b"\x00\x00", NOT_TEXT),
        (b"Naam;Type\nCaf\x81\x8d;sport\xff\xfe\n", CHARACTERS),
        (
            (HEADER + ";" * 200_000).encode(),
            "Row 2 has 200.001 columns; at most 100 can be read. Remove the columns you do not "
            "need and upload the file again.",
        ),
        (
            (HEADER + "Club;sport\n" + '"Club' + "x" * 200_000 + ";sport\n").encode(),
            'Row 3 holds a cell of more than 131.072 characters; check for a quote (") that is '
            "opened but not closed.",
        ),
        ((HEADER + "a" * 10_000_000).encode(), "The file is larger than 5 MB."),
        (
            (HEADER + "Club;sport\n" + "\n" * 30_000).encode(),
            "The file has more than 20.000 rows (blank rows included); at most 20.000 can be "
            "read. Delete the empty rows below the table, or split the file.",
        ),
    ],
    ids=[
        "NUL bytes",
        "UTF-16 cut in half a character",
        "UTF-16 with a stray NUL",
        "neither UTF-8 nor Windows-1252",
        "one endless line of semicolons",
        "a quote never closed",
        "a 10 MB line",
        "30,000 blank lines",
    ],
)
def test_a_strange_csv_is_refused_with_its_reason(data, message):
    assert refusal(data, "vrije-tijd.csv", kind="leisure-actors") == message


@pytest.mark.usefixtures("in_english")
def test_utf16_without_its_byte_order_mark_is_read():
    data = "Naam\tType\nCafé Ève\tsport\n".encode("utf-16-le")

    rows = spreadsheets.read_table(io.BytesIO(data), "vrije-tijd.txt", kind="leisure-actors")

    assert rows[0]["cells"]["name"] == "Café Ève"


@pytest.mark.parametrize(
    ("name", "data", "shown"),
    [
        ("breed.xlsx", wide_workbook(3), "The sheet has 16.384 columns; at most 100 can be read."),
        ("bom.xlsx", zip_bomb(64), "Unpacked, the file would be 64 MB; at most 50 MB can be read."),
        ("kapot.xlsx", schools()[:300], "This file is not a real Excel workbook (.xlsx)"),
        ("leeg.xlsx", xlsx(sheet_count=0), "The workbook has no sheet to read."),
        ("tekst.xlsx", b"Naam;Type\nClub;sport\n", "This file is not a real Excel workbook"),
        ("binair.csv", b"\x00\x01\x02" * 100, "This is not a text (CSV) file"),
        ("lang.csv", (HEADER + ";" * 200_000).encode(), "Row 2 has 200.001 columns"),
    ],
    ids=["16,384 columns", "zip bomb", "cut-off zip", "no sheets", "text", "binary", "wide CSV"],
)
def test_the_upload_page_shows_the_reason_and_keeps_nothing(
    coordinator_client, trajectory_a, name, data, shown
):
    coordinator_client.cookies["django_language"] = "en"
    url = reverse(
        "municipalities:import_upload", kwargs={"pk": trajectory_a.pk, "section": "schools"}
    )

    response = coordinator_client.post(url, {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 200
    assert shown in response.text
    assert not ImportBatch.objects.exists()
