"""Write a school list as a municipality really keeps one, in the three forms it arrives in.

.venv/bin/python tests/municipalities/files/generate_real_world.py

What makes it real: no urban/rural column, pupil numbers without a school year, site names
written after the school's name, a Gemeente column with one school of another municipality
(Hasselt, whose postcode 3500 is not Sint-Truiden's), headers as people type them, and in the
XLSX a title above the header, instellingsnummers Excel stored as numbers (leading zero lost)
and percentages formatted as percentages.
"""

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
NAME = "schools_real_world"

HEADERS = [
    "Instellingsnummer",
    "Naam school",
    "Net",
    "Niveau",
    "Vestigingsnr",
    "Adres",
    "Postcode",
    "Gemeente",
    "Deelgemeente",
    "Aantal leerlingen 5-10",
    "Aantal leerlingen 11-15",
    "% schooltoeslag",
    "Opvang",
]
# The percentage as a share, as a spreadsheet keeps a cell formatted as a percentage.
ROWS = [
    ["036111", "Basisschool De Regenboog", "gemeentelijk", "basis", 1, "Schoolstraat 1",
     "3800", "Sint-Truiden", "Sint-Truiden", 182, 0, "31,5", "voor school, na school"],
    ["036111", "Basisschool De Regenboog – wijkschool Brustem", "gemeentelijk", "basis", 2,
     "Brustemsesteenweg 40", "3800", "Sint-Truiden", "Brustem", 64, 0, "18", "na school"],
    ["036129", "VBS Sint-Jozef", "katholiek", "basis", 1, "Kerkstraat 20", "3806",
     "Sint-Truiden", "Velm", 145, 0, "22,5", "na school, woensdag"],
    ["036129", "VBS Sint-Jozef - afdeling Zepperen", "katholiek", "kleuter", 2,
     "Zepperenweg 2", "3800", "SINT-TRUIDEN", "Zepperen", 38, 0, "", ""],
    ["036137", "GO! Basisschool Het Speelhof", "GO!", "lager", 1, "Tiensesteenweg 88", "3800",
     "Saint-Trond", "", 210, 0, "40", "woensdag"],
    ["046011", "Stedelijke Basisschool Élan", "gemeentelijk", "basis", 1, "Dorpsstraat 3",
     "3803", "Sint-Truiden", "Gorsem", 95, 0, "15", ""],
    ["036145", "Basisschool De Linde", "gemeentelijk", "basis", 1, "Lindestraat 5", "3500",
     "Hasselt", "", 120, 0, "20", "na school"],
]  # fmt: skip


def csv_text() -> str:
    def line(cells):
        return ";".join(str(cell) for cell in cells) + "\r\n"

    return line(HEADERS) + "".join(line(row) for row in ROWS)


def main():
    (HERE / f"{NAME}_utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + csv_text().encode("utf-8"))
    (HERE / f"{NAME}_cp1252.csv").write_bytes(csv_text().encode("cp1252"))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Scholen 2026"
    sheet.append(["Overzicht scholen Sint-Truiden (bron: dienst onderwijs)"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        cells = list(row)
        cells[0] = int(cells[0])  # typed as a number: Excel drops the leading zero
        cells[11] = float(cells[11].replace(",", ".")) / 100 if cells[11] else None
        sheet.append(cells)
        if cells[11] is not None:
            sheet.cell(row=sheet.max_row, column=12).number_format = "0.0%"
    workbook.save(HERE / f"{NAME}.xlsx")


if __name__ == "__main__":
    main()
