"""A workbook beyond the limits is refused with its real reason, before openpyxl parses it.

How long a refusal takes is measured in bench/import_limits.py, never here; these tests show
instead how little of the file is unpacked before it is refused, and that openpyxl never
opened it.
"""

import io
import random
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest

from municipalities import spreadsheets
from municipalities.spreadsheets import ImportRefused
from tests.municipalities.workbooks import (
    SCHOOL,
    SCHOOL_HEADERS,
    row,
    wide_workbook,
    xlsx,
    zip_bomb,
)

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

COLUMNS_ADVICE = (
    "Delete the columns you do not need (select them and choose Delete: clearing them is not "
    "enough) and upload the file again."
)
ROWS_ADVICE = "Delete the empty rows below the table, or split the file."


@pytest.fixture
def unpacked(monkeypatch):
    """How many bytes were unpacked from the zip, and whether openpyxl opened the workbook."""
    seen = SimpleNamespace(bytes=0, opened=False)
    read = zipfile.ZipExtFile.read
    load = openpyxl.load_workbook

    def counting_read(self, n=-1):
        data = read(self, n)
        seen.bytes += len(data)
        return data

    def watched_load(*args, **kwargs):
        seen.opened = True
        return load(*args, **kwargs)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    monkeypatch.setattr(openpyxl, "load_workbook", watched_load)
    return seen


def refusal(data: bytes, name: str = "scholen.xlsx") -> str:
    with pytest.raises(ImportRefused) as caught:
        spreadsheets.read_table(io.BytesIO(data), name, kind="schools")
    return str(caught.value.message)


def unpacked_size(data: bytes) -> int:
    return sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())


def schools(rows: int) -> list[str]:
    return [row(1, SCHOOL_HEADERS)] + [row(n, SCHOOL) for n in range(2, rows + 2)]


def test_a_workbook_16384_columns_wide_is_refused_by_the_dimension_it_declares(unpacked):
    data = wide_workbook(3)

    message = refusal(data)

    assert message == f"The sheet has 16.384 columns; at most 100 can be read. {COLUMNS_ADVICE}"
    assert unpacked.bytes < 100_000 < unpacked_size(data)
    assert not unpacked.opened


@pytest.mark.parametrize("dimension", ["lie", "none"])
def test_a_workbook_hiding_its_width_is_cut_off_at_the_first_cell_too_far(unpacked, dimension):
    data = wide_workbook(3, dimension=dimension)

    message = refusal(data)

    assert message == (
        f"The sheet has more than 100 columns; at most 100 can be read. {COLUMNS_ADVICE}"
    )
    assert unpacked_size(data) > 2_000_000
    assert unpacked.bytes < 200_000
    assert not unpacked.opened


def test_a_workbook_of_100_columns_is_read():
    rows = spreadsheets.read_table(io.BytesIO(wide_workbook(3, 100)), "a.xlsx", kind="schools")

    assert [row["cells"]["school_name"] for row in rows] == [SCHOOL[1], SCHOOL[1]]


def test_a_zip_bomb_is_refused_by_the_size_it_would_unpack_to(unpacked):
    message = refusal(zip_bomb(64))

    assert message == "Unpacked, the file would be 64 MB; at most 50 MB can be read."
    assert unpacked.bytes == 0
    assert not unpacked.opened


def test_a_small_zip_bomb_is_refused_by_how_tightly_it_is_packed(unpacked):
    message = refusal(zip_bomb(20))

    assert message.startswith("The file is packed 1.0")
    assert message.endswith(
        "to 1, far more tightly than a spreadsheet is; it is not read. "
        "Save it again from Excel as .xlsx."
    )
    assert unpacked.bytes == 0


def test_a_workbook_unpacking_beyond_the_limit_is_refused_with_its_size(monkeypatch, unpacked):
    monkeypatch.setattr(spreadsheets, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    numbers = random.Random(10)
    data = xlsx(
        [row(1, SCHOOL_HEADERS)]
        + [row(n, [str(numbers.random()) for _ in SCHOOL]) for n in range(2, 6000)],
        dimension="A1:G5999",
    )
    size = unpacked_size(data) / 1024 / 1024
    assert 1.05 < size < 9.95

    message = refusal(data)

    shown = f"{size:.1f}".replace(".", ",")  # Belgian decimals, in English too
    assert message == f"Unpacked, the file would be {shown} MB; at most 1,0 MB can be read."
    assert not unpacked.opened


def test_more_cells_than_the_limit_are_refused(monkeypatch, unpacked):
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 100)

    message = refusal(xlsx(schools(20)))

    assert message == (
        "The workbook has more than 100 cells (filled or formatted); at most 100 can be read. "
        "Delete what you do not need, or split the file."
    )
    assert not unpacked.opened


def test_rows_far_below_the_table_are_refused_without_walking_the_gap(unpacked):
    data = xlsx([*schools(2), row(1_048_576, SCHOOL)])

    message = refusal(data)

    assert message == (
        "The file has more than 20.000 rows (blank rows included); at most 20.000 can be read. "
        f"{ROWS_ADVICE}"
    )
    assert not unpacked.opened


def test_a_sheet_declaring_a_million_rows_is_refused_by_its_dimension(unpacked):
    message = refusal(xlsx(schools(2), dimension="A1:G1048576"))

    assert message == f"The sheet has 1.048.576 rows; at most 20.000 can be read. {ROWS_ADVICE}"
    assert not unpacked.opened


def test_a_workbook_with_more_texts_than_the_limit_is_refused(monkeypatch, unpacked):
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 8)
    texts = "".join(f"<si><t>text {n}</t></si>" for n in range(9))
    strings = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{texts}</sst>'
    )

    message = refusal(xlsx([row(1, SCHOOL_HEADERS)], shared_strings=strings))

    assert message == (
        "The workbook holds more than 8 different texts (in all its sheets); at most 8 can be "
        "read. Keep only the sheet to import, or split the file."
    )
    assert not unpacked.opened


MERGED = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(4, 60))
RICH_TEXT = "<r><rPr><b/><sz val='11'/></rPr><t>vet</t></r>" * 5
RICH_CELLS = [
    f'<row r="{n}"><c r="A{n}" t="inlineStr"><is>{RICH_TEXT}</is></c></row>' for n in (2, 3)
]


@pytest.mark.parametrize(
    ("rows", "after_data"),
    [
        (schools(2), f"<mergeCells>{MERGED}</mergeCells>"),
        ([row(1, SCHOOL_HEADERS), *RICH_CELLS], ""),
    ],
    ids=["merged cells", "formatted text runs"],
)
def test_formatting_beyond_the_limit_is_refused(monkeypatch, unpacked, rows, after_data):
    monkeypatch.setattr(spreadsheets, "MAX_FORMAT_ELEMENTS", 40)

    message = refusal(xlsx(rows, after_data=after_data))

    assert message.startswith(
        "The workbook has more than 40 merged cells, formatted text runs, conditional formats, "
        "links and other settings besides its values; at most 40 can be read."
    )
    assert not unpacked.opened


def test_another_sheet_without_a_dimension_counts_too(monkeypatch, unpacked):
    # Opening a workbook makes openpyxl read all of such a sheet, looking for its dimension.
    monkeypatch.setattr(spreadsheets, "MAX_XML_ELEMENTS", 200)
    other = xlsx(schools(40))
    with zipfile.ZipFile(io.BytesIO(other)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()

    message = refusal(xlsx(schools(1), other_sheets=[sheet]))

    assert message.startswith("The workbook holds more than can be read (over 200 XML elements")
    assert not unpacked.opened


def test_a_workbook_with_too_many_sheets_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_SHEETS", 2)
    small = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'

    message = refusal(xlsx(schools(1), other_sheets=[small, small]))

    assert message == (
        "The workbook has 3 sheets; at most 2 can be opened. Keep the sheet to import (the "
        "first) and delete the others."
    )


def test_a_part_openpyxl_parses_whole_is_held_to_its_own_limit(monkeypatch, unpacked):
    monkeypatch.setattr(spreadsheets, "MAX_PART_BYTES", 1024 * 1024)
    noise = random.Random(3).randbytes(800_000).hex()

    message = refusal(
        xlsx(schools(1), parts={"xl/styles.xml": f"<styleSheet>{noise}</styleSheet>"})
    )

    assert message == ("Unpacked, part xl/styles.xml of the file would be 1,5 MB; at most 1,0 MB.")
    assert not unpacked.opened
