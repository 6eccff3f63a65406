"""Benchmark: how fast the import refuses files that are too big, and reads ones at the limits.

    .venv/bin/python bench/import_limits.py

Builds (in memory) the workbook that once took 54 s of CPU in a web request — 101 rows of
16,384 columns, 4.7 MB packed, 79 MB unpacked — honest about its size, lying about it, and
filled with numbers so it stays under the unpacked limit; zip bombs; CSV files of one endless
line or of blank lines; and, for comparison, the largest files the limits accept. Prints the
wall and CPU time read_table takes for each, and the message it gives. Goal: every refusal in
well under 2 s on a 2-core machine. No database is needed.
"""

import io
import os
import resource
import time

import support  # noqa: F401  (puts the project on the path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plus_portal.settings.test")


def school_workbook(rows: int, columns: int) -> bytes:
    """As Excel would save it: shared texts, one header row, ``rows`` data rows."""
    from openpyxl import Workbook

    from tests.municipalities.workbooks import SCHOOL, SCHOOL_HEADERS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Scholen")
    extra = columns - len(SCHOOL_HEADERS)
    sheet.append([*SCHOOL_HEADERS, *(f"Extra {n}" for n in range(extra))])
    for n in range(rows):
        sheet.append([f"{100000 + n:06d}", f"School {n}", *SCHOOL[2:], *[n] * extra])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cases():
    from tests.municipalities.workbooks import wide_workbook, zip_bomb

    header = "Naam;Type\n"
    yield "101 x 16,384, dimension true", "x.xlsx", lambda: wide_workbook(101)
    yield "101 x 16,384, dimension lies", "x.xlsx", lambda: wide_workbook(101, dimension="lie")
    yield (
        "101 x 16,384 numbers, lies",
        "x.xlsx",
        lambda: wide_workbook(101, dimension="lie", filler="numbers"),
    )
    yield (
        "101 x 16,384 numbers, none",
        "x.xlsx",
        lambda: wide_workbook(101, dimension="none", filler="numbers"),
    )
    yield "zip bomb, 1 GB unpacked", "x.xlsx", lambda: zip_bomb(1024)
    yield "zip bomb, 40 MB unpacked", "x.xlsx", lambda: zip_bomb(40)
    yield "CSV, one 4.9 MB line of ;", "x.csv", lambda: (header + ";" * 4_900_000).encode()
    yield "CSV, one 4.9 MB cell", "x.csv", lambda: (header + "a" * 4_900_000).encode()
    yield "CSV, 4.9 M blank lines", "x.csv", lambda: (header + "\n" * 4_900_000).encode()
    yield "7,000 x 20 XLSX (> 5,000 rows)", "x.xlsx", lambda: school_workbook(7000, 20)
    yield "accepted: 5,000 x 20 XLSX", "x.xlsx", lambda: school_workbook(5000, 20)
    yield "accepted: 5,000 x 30 XLSX", "x.xlsx", lambda: school_workbook(5000, 30)


def run() -> None:
    import django

    django.setup()
    from django.utils import translation

    from municipalities import spreadsheets

    translation.activate("en")
    print(f"{'file':<32} {'packed':>9} {'wall':>7} {'CPU':>7}   answer")
    for label, name, build in cases():
        data = build()
        kind = "leisure-actors" if name.endswith(".csv") else "schools"
        started, cpu = time.perf_counter(), time.process_time()
        try:
            rows = spreadsheets.read_table(io.BytesIO(data), name, kind=kind)
            answer = f"read {len(rows)} rows"
        except spreadsheets.ImportRefused as refusal:
            answer = str(refusal.message)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = f"{len(data) / 1024 / 1024:.2f} MB"
        print(f"{label:<32} {size:>9} {wall:6.3f}s {cpu:6.3f}s   {answer[:90]}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (getrusage maxrss) {maxrss:.0f} MB")


if __name__ == "__main__":
    run()
