"""Files the import cannot use are refused as a whole, with a clear reason."""

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from municipalities import spreadsheets
from municipalities.spreadsheets import ImportRefused

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

FILES = Path(__file__).parent / "files"


def refusal(data: bytes, name: str, kind: str = "schools") -> str:
    with pytest.raises(ImportRefused) as caught:
        spreadsheets.read_table(io.BytesIO(data), name, kind=kind)
    return str(caught.value.message)


def test_a_text_file_posing_as_xlsx_is_refused():
    message = refusal((FILES / "fake.xlsx").read_bytes(), "fake.xlsx")

    assert "not a real Excel workbook" in message


def test_a_broken_zip_posing_as_xlsx_is_refused():
    message = refusal(b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx")

    assert "not a real Excel workbook" in message


def test_an_empty_file_is_refused():
    assert refusal((FILES / "empty.csv").read_bytes(), "empty.csv") == "The file is empty."


def test_a_header_without_data_rows_is_refused():
    message = refusal((FILES / "header_only.csv").read_bytes(), "header_only.csv")

    assert message == "The file has a header row but no data rows."


def test_missing_required_headers_are_listed():
    message = refusal(b"Instellingsnummer;Schoolnaam;Opmerking\n012345;School;x\n", "a.csv")

    assert "first 10 rows" in message
    assert message.endswith("Missing: Net, Vestigingsnummer, Straat en nummer, Postcode.")


def test_a_header_below_row_10_is_not_found():
    data = b"titel\n" * 10 + b"Naam;Type\nBib;bibliotheek\n"

    assert "Missing: Naam, Type" in refusal(data, "a.csv", kind="leisure-actors")


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024 * 1024)
    data = b"Naam;Type\n" + b"Bib;bibliotheek\n" * 70_000

    assert refusal(data, "big.csv", kind="leisure-actors") == "The file is larger than 1 MB."


def test_a_file_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    data = b"Naam;Type\n" + b"".join(b"Club %d;sport\n" % n for n in range(4))

    message = refusal(data, "many.csv", kind="leisure-actors")

    assert message == "The file has more than 3 data rows; split it into smaller files."


def test_the_row_limit_counts_data_rows_only(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    data = b"Lijst\n\nNaam;Type\n" + b"".join(b"Club %d;sport\n\n" % n for n in range(3))

    rows = spreadsheets.read_table(io.BytesIO(data), "ok.csv", kind="leisure-actors")

    assert len(rows) == 3


def test_an_old_xls_file_is_refused():
    message = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud.xls")

    assert ".xls" in message


def test_an_unknown_extension_is_refused():
    assert refusal(b"%PDF-1.7", "scholen.pdf") == "Upload a .xlsx or .csv file."


def test_a_workbook_without_the_header_is_refused_with_the_missing_headers():
    workbook = Workbook()
    workbook.active.append(["Naam", "Soort van ding"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    message = refusal(buffer.getvalue(), "vrije-tijd.xlsx", kind="leisure-actors")

    assert message.endswith("Missing: Type.")
