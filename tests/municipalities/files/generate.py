"""Write the sample import files next to this script (run once; the files are committed).

.venv/bin/python tests/municipalities/files/generate.py
"""

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

HEADERS = [
    "Instellingsnummer",
    "Schoolnaam",
    "Net",
    "Niveaus",
    "Vestigingsnummer",
    "Vestigingsnaam",
    "Straat en nummer",
    "Postcode",
    "Deelgemeente",
    "Stedelijk of landelijk",
    "Breedtegraad",
    "Lengtegraad",
    "Schooljaar",
    "Leerlingen 5-10",
    "Leerlingen 11-15",
    "GOK schooltoeslag (%)",
    "GOK thuistaal (%)",
    "GOK buurt (%)",
    "GOK opleiding moeder (%)",
    "Opvang",
]


def csv_line(cells, delimiter):
    def quote(cell):
        cell = str(cell)
        if delimiter in cell or '"' in cell or "\n" in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return delimiter.join(quote(cell) for cell in cells) + "\r\n"


def write_csv(name, rows, *, delimiter=";", encoding="utf-8", bom=False):
    text = "".join(csv_line(row, delimiter) for row in rows)
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (HERE / name).write_bytes(data)


def main():
    # Belgian Excel: semicolons, Windows-1252, decimal commas, headers as people type them.
    write_csv(
        "schools_semicolon_cp1252.csv",
        [
            [
                "instellingsnummer",
                "SCHOOLNAAM",
                "net",
                "niveaus",
                "Vestigingsnr",
                "Vestigingsnaam",
                "Adres",
                "Postcode",
                "Deelgemeente",
                "Stedelijk / landelijk",
                "Breedtegraad",
                "Lengtegraad",
                "Schooljaar",
                "Leerlingen 5–10",
                "Leerlingen 11–15",
                "GOK schooltoeslag %",
                "GOK thuistaal %",
                "GOK buurt %",
                "GOK opleiding moeder %",
                "Opvang",
            ],
            [
                "012345",
                "Sint-Truiden — Basisschool Sint-Jozef",
                "Katholiek Onderwijs Vlaanderen",
                "basis",
                "1",
                "Ève",
                "Kerkstraat 12",
                "3800",
                "Sint-Truiden",
                "stedelijk",
                "50,8163",
                "5,1866",
                "2025–2026",
                "180",
                "0",
                "24,5",
                "18%",
                "20",
                "15,0",
                "voor school, na school, woensdagnamiddag",
            ],
            [
                "012345",
                "Sint-Truiden — Basisschool Sint-Jozef",
                "Katholiek Onderwijs Vlaanderen",
                "basis",
                "2",
                "Wijkschool Brustem",
                "Dorpsstraat 3",
                "3800",
                "Brustem",
                "landelijk",
                "50,8010",
                "5,2240",
                "2025/2026",
                "64",
                "0",
                "12",
                "8",
                "10",
                "9",
                "middagtoezicht; vakanties",
            ],
            [
                "023456",
                "GO! Basisschool De Brug",
                "GO!",
                "kleuter, lager",
                "1",
                "",
                "Stationsstraat 7",
                "3803",
                "Gorsem",
                "Landelijk",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
        encoding="cp1252",
    )

    # UTF-8 with a BOM, comma-delimited, quoted lists.
    row = [
        "034567",
        "Stedelijke Basisschool Élan",
        "OVSG",
        "kleuter, lager",
        "1",
        "Hoofdschool",
        "Groenplaats 1",
        "3806",
        "Velm",
        "stedelijk",
        "50.7700",
        "5.1100",
        "2025-2026",
        "210",
        "5",
        "31.5",
        "22",
        "19",
        "17",
        "na school, woensdag, vakantie",
    ]
    write_csv("schools_utf8_bom_comma.csv", [HEADERS, row], delimiter=",", bom=True)

    # XLSX: a title and a note above the header on row 4, a number that lost its leading
    # zero, a percentage-formatted cell, an unknown extra column, a blank row in between.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Scholen"
    sheet.append(["Scholen in Sint-Truiden, schooljaar 2025-2026"])
    sheet.append([])
    sheet.append(["Bron: AGODI, telling 1 februari"])
    sheet.append(["  INSTELLINGS-nummer ", *HEADERS[1:], "Opmerking"])
    sheet.append(
        [
            45678,
            "Vrije Basisschool Sint-Pieter",
            "vrij katholiek",
            "kleuter/lager",
            1,
            "",
            "Luikerstraat 20",
            3800,
            "Sint-Truiden",
            "stedelijk",
            50.8123,
            5.1901,
            "2025-2026",
            150,
            0,
            0.245,
            0.18,
            20,
            15,
            "voor school, na school",
            "nieuw gebouw",
        ]
    )
    sheet["P5"].number_format = "0.0%"
    sheet["Q5"].number_format = "0%"
    sheet.append([])
    sheet.append(
        [
            45678,
            "Vrije Basisschool Sint-Pieter",
            "vrij katholiek",
            "kleuter/lager",
            2,
            "Afdeling Zepperen",
            "Zepperenweg 2",
            3800,
            "Zepperen",
            "landelijk",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "middag",
        ]
    )
    workbook.save(HERE / "schools_header_on_row_4.xlsx")

    base = ["Vrije Basisschool Sint-Pieter", "katholiek", "basis"]
    write_csv(
        "schools_duplicate_keys.csv",
        [
            HEADERS[:10],
            ["045678", *base, "1", "", "Luikerstraat 20", "3800", "", "stedelijk"],
            ["045678", *base, "2", "", "Zepperenweg 2", "3800", "", "landelijk"],
            ["045678", *base, "1", "", "Luikerstraat 22", "3800", "", "stedelijk"],
            ["045678", "Sint-Pieter", "GO!", "basis", "3", "", "Weg 3", "3800", "", "stedelijk"],
        ],
    )

    write_csv(
        "schools_bad_postcodes.csv",
        [
            HEADERS[:10],
            ["045678", *base, "1", "", "Luikerstraat 20", "3800", "", "stedelijk"],
            ["045678", *base, "2", "", "Grote Markt 1", "3500", "", "stedelijk"],
            ["045678", *base, "3", "", "Dorp 1", "38OO", "", "landelijk"],
        ],
    )

    write_csv(
        "schools_leading_zero_lost.csv",
        [
            HEADERS[:10],
            ["12345", *base, "1", "", "Luikerstraat 20", "3800", "", "stedelijk"],
            ["12A45", *base, "1", "", "Luikerstraat 21", "3800", "", "stedelijk"],
        ],
    )

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS[:14])
    sheet.append(
        [
            "045678",
            '=HYPERLINK("http://example.com","Klik")',
            "GO!",
            "basis",
            1,
            "",
            "Luikerstraat 20",
            "3800",
            "",
            "stedelijk",
            None,
            None,
            "2025-2026",
            "=SUM(100,50)",
        ]
    )
    sheet.append(
        ["056789", "Gewone school", "GO!", "basis", 1, "", "Weg 1", "3800", "", "landelijk"]
    )
    workbook.save(HERE / "schools_formula.xlsx")

    (HERE / "fake.xlsx").write_text("Instellingsnummer;Schoolnaam\n012345;School\n")
    (HERE / "empty.csv").write_bytes(b"")
    write_csv("header_only.csv", [HEADERS])


if __name__ == "__main__":
    main()
