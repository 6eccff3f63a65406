"""Benchmark: read, preview and apply a 3,000-row schools/sites XLSX file.

    .venv/bin/python bench/import_schools.py
    .venv/bin/python bench/import_schools.py --database-url postgres://postgres@127.0.0.1:5432/plus_bench

Runs against a throwaway database: a temporary SQLite file by default, or the PostgreSQL
database named in --database-url, which the script creates and drops. Goal: the file reads and
previews (read_table + preview_import) in under 5 s on a 2-core machine.
"""

import argparse
import io
import resource
import time
import tracemalloc

from support import throwaway_database

SCHOOLS, SITES_PER_SCHOOL = 1000, 3


def build_xlsx(postal_codes: list[str]) -> bytes:
    from openpyxl import Workbook

    from municipalities.spreadsheets import columns_for

    columns = columns_for("schools")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Scholen")
    sheet.append([column.header for column in columns])
    networks = ["GO!", "gemeentelijk", "katholiek", "provinciaal", "vrij ander"]
    for school in range(SCHOOLS):
        for site in range(1, SITES_PER_SCHOOL + 1):
            n = school * SITES_PER_SCHOOL + site
            row = {
                "institution_number": f"{100000 + school:06d}",
                "school_name": f"Basisschool {school}",
                "network": networks[school % len(networks)],
                "levels": "kleuter, lager",
                "site_number": site,
                "site_name": f"Vestiging {site}",
                "street": f"Schoolstraat {n}",
                "postal_code": postal_codes[n % len(postal_codes)],
                "municipality": "Sint-Truiden",
                "area": f"Wijk {n % 12}",
                "setting": "stedelijk" if n % 2 else "landelijk",
                "latitude": 50.75 + (n % 100) / 1000,
                "longitude": 5.15 + (n % 100) / 1000,
                "school_year": "2025-2026",
                "pupils_5_10": 100 + n % 150,
                "pupils_11_15": n % 20,
                "gok_school_allowance": round(10 + n % 40 + 0.5, 1),
                "gok_home_language": 20,
                "gok_neighbourhood": 15.5,
                "gok_mother_education": 18,
                "care_offer": "voor school, na school, woensdag",
            }
            # By key, so the file follows the columns whatever their order.
            sheet.append([row[column.key] for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def traced_peak(function) -> float:
    """Python heap peak in MB; a separate run, since tracing slows the code down."""
    tracemalloc.start()
    function()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def report(label: str, rows: int, elapsed: float, peak: float) -> None:
    rate = rows / elapsed
    print(f"{label:<28} {elapsed:6.2f} s {rate:8.0f} rows/s   tracemalloc peak {peak:5.1f} MB")


def run() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    from municipalities import spreadsheets
    from municipalities.models import Municipality, PostalCode, Trajectory

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    municipality = Municipality.objects.get(nis_code="71053")
    trajectory = Trajectory.objects.create(municipality=municipality)
    spare = Trajectory.objects.create(
        municipality=municipality, cycle_start_year=2032, cycle_end_year=2037
    )
    codes = list(
        PostalCode.objects.filter(municipality=municipality).values_list("code", flat=True)
    )
    data = build_xlsx(codes)
    count = SCHOOLS * SITES_PER_SCHOOL
    print(f"{count} rows, {len(data) / 1024:.0f} KB XLSX, postal codes {', '.join(codes)}")

    def read():
        return spreadsheets.read_table(io.BytesIO(data), "bench.xlsx", kind="schools")

    def preview(on=trajectory):
        return spreadsheets.preview_import(trajectory=on, kind="schools", rows=rows)

    def apply(on=trajectory):
        return spreadsheets.apply_import(
            trajectory=on, kind="schools", rows=rows, by=None, allow_partial=False
        )

    rows, read_s = timed(read)
    report("read_table", count, read_s, traced_peak(read))
    result, preview_s = timed(preview)
    assert result.counts["new"] == count, result.counts
    report("preview_import (all new)", count, preview_s, traced_peak(preview))
    print(f"{'read + preview':<28} {read_s + preview_s:6.2f} s   (goal: under 5 s)")
    counts, apply_s = timed(apply)
    assert counts["new"] == count, counts
    # The same import into an empty trajectory, traced, for the memory figure.
    report("apply_import (all new)", count, apply_s, traced_peak(lambda: apply(spare)))
    again, again_s = timed(preview)
    assert again.counts["unchanged"] == count, again.counts
    report("preview_import (unchanged)", count, again_s, traced_peak(preview))
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (getrusage maxrss) {maxrss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… database to create, use and drop")
    args = parser.parse_args()
    with throwaway_database(args.database_url):
        run()


if __name__ == "__main__":
    main()
