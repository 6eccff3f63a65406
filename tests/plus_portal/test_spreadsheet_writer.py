"""The one spreadsheet writer: no cell is ever a formula; numbers and dates keep their type."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from plus_portal import spreadsheets

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]


def xlsx_cells(headers, rows, **options):
    data = spreadsheets.xlsx([spreadsheets.Sheet("Blad", headers, rows, **options)])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


def csv_rows(headers, rows):
    data = spreadsheets.csv_bytes(headers, rows)
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("first", DANGEROUS, ids=repr)
def test_xlsx_text_starting_like_a_formula_gets_an_apostrophe(first):
    text = f'{first}HYPERLINK("http://evil.example")'

    cells = xlsx_cells([f"{first}kop"], [[text]])

    header, value = cells[0][0], cells[1][0]
    assert (header.value, value.value) == (f"'{first}kop", f"'{text}")
    assert (header.data_type, value.data_type) == ("s", "s")


@pytest.mark.parametrize("first", DANGEROUS, ids=repr)
def test_csv_text_starting_like_a_formula_gets_an_apostrophe(first):
    text = f"{first}cmd|' /C calc'!A0"

    rows = csv_rows([f"{first}kop"], [[text]])

    assert rows == [[f"'{first}kop"], [f"'{text}"]]


@pytest.mark.parametrize("first", DANGEROUS, ids=repr)
def test_restore_text_gives_back_what_was_neutralised(first):
    text = f"{first}1+1"

    assert spreadsheets.restore_text(spreadsheets.cell_text(text)) == text


def test_a_control_character_in_front_does_not_hide_a_formula():
    assert spreadsheets.cell_text("\x00\x07=1+1") == "'=1+1"


def test_ordinary_text_is_left_alone():
    assert spreadsheets.cell_text("Basisschool De Regenboog") == "Basisschool De Regenboog"
    assert spreadsheets.restore_text("'t Kabouterke") == "'t Kabouterke"


ROW = [
    -5,
    Decimal("-1500.75"),
    Decimal("50.816300"),
    datetime.date(2026, 9, 1),
    # An aware moment is written as the wall time in Brussels.
    datetime.datetime(2026, 11, 26, 14, 5, tzinfo=datetime.UTC),
    None,
]


def test_xlsx_numbers_stay_numbers_and_dates_stay_dates():
    cells = xlsx_cells(["a", "b", "c", "d", "e", "f"], [ROW])[1]

    count, money, latitude, day, moment, empty = cells
    assert (count.value, count.data_type) == (-5, "n")
    assert money.data_type == latitude.data_type == "n"
    assert money.value == pytest.approx(-1500.75)
    assert latitude.value == pytest.approx(50.8163)
    assert latitude.number_format == "#,##0.000000"
    assert day.value.date() == datetime.date(2026, 9, 1)
    assert day.is_date
    assert day.number_format == spreadsheets.DATE_FORMAT
    assert moment.value.isoformat() == "2026-11-26T15:05:00"
    assert moment.is_date
    assert moment.number_format == spreadsheets.DATETIME_FORMAT
    assert empty.value is None


def test_xlsx_money_gets_the_sheets_decimal_format():
    cells = xlsx_cells(["bedrag"], [[Decimal("1500.75")]], decimal_format=spreadsheets.EURO_FORMAT)

    assert cells[1][0].number_format == spreadsheets.EURO_FORMAT


def test_csv_numbers_and_dates_in_belgian_formats():
    rows = csv_rows(["a", "b", "c", "d", "e", "f"], [ROW])

    assert rows[1] == ["-5", "-1.500,75", "50,816300", "01/09/2026", "26/11/2026 15:05", ""]


def test_xlsx_sheet_has_a_bold_frozen_header_and_an_optional_filter():
    data = spreadsheets.xlsx(
        [spreadsheets.Sheet("Acties", ["Code", "Titel"], [["A1", "Iets"]], filter=True)]
    )

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Acties"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.auto_filter.ref == "A1:B2"


def test_xlsx_sheet_without_headers_is_bold_labels_and_values():
    data = spreadsheets.xlsx([spreadsheets.Sheet("Versie", [], [["Versie", 3], ["Plan", "X"]])])

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Versie", 3],
        ["Plan", "X"],
    ]
    assert sheet["A1"].font.bold
    assert not sheet["B1"].font.bold
    assert sheet.freeze_panes is None
