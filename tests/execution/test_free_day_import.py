"""Importing the schools' free days from a spreadsheet: every row or none."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from execution.models import SchoolFreeDay


def _url(trajectory):
    return reverse("execution:free_day_import", kwargs={"trajectory_pk": trajectory.pk})


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("vrije-dagen.csv", text.encode("utf-8-sig"), "text/csv")


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return SimpleUploadedFile("vrije-dagen.xlsx", data.getvalue())


@pytest.fixture
def school(intake_a):
    return intake_a["schools"]


def test_a_csv_with_belgian_dates_and_dutch_words(coordinator_client, coordinator, school):
    upload = _csv(
        "instellingsnummer;datum;soort;opmerking\n"
        "036129;14/10/2026;pedagogische studiedag;Nascholing\n"
        "36129;18/03/2027;facultatieve vrije dag;\n"
    )
    response = coordinator_client.post(_url(school.trajectory), {"file": upload})
    assert response.status_code == 302
    days = SchoolFreeDay.objects.filter(school=school)
    assert [(day.day, day.kind) for day in days] == [
        (datetime.date(2026, 10, 14), "study_day"),
        (datetime.date(2027, 3, 18), "optional"),
    ]
    assert days[0].history.get().history_user == coordinator


def test_an_xlsx_by_school_name_with_date_cells(coordinator_client, school):
    upload = _xlsx(
        [
            ["School", "Datum", "Soort"],
            [school.name, datetime.datetime(2026, 10, 14), "studiedag"],  # noqa: DTZ001 Excel has no zones
        ]
    )
    coordinator_client.post(_url(school.trajectory), {"file": upload})
    assert SchoolFreeDay.objects.get(school=school).day == datetime.date(2026, 10, 14)


def test_one_bad_row_imports_nothing_and_names_the_rows(coordinator_client, school):
    coordinator_client.cookies["django_language"] = "en"
    upload = _csv(
        "instellingsnummer,datum,soort\n"
        "036129,2026-10-14,study_day\n"
        "036129,2026-11-11,study_day\n"
        "999999,2026-10-15,optional\n"
        "036129,morgen,optional\n"
    )
    response = coordinator_client.post(_url(school.trajectory), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert not SchoolFreeDay.objects.exists()
    assert "Row 3" in page
    assert "already free under the Flemish school calendar" in page
    assert "Row 4" in page
    assert "No school" in page
    assert "Row 5" in page
    assert "is not a date" in page


def test_a_file_without_the_columns_is_refused(coordinator_client, school):
    coordinator_client.cookies["django_language"] = "en"
    response = coordinator_client.post(_url(school.trajectory), {"file": _csv("naam;adres\nx;y\n")})
    assert "The first row must name the columns" in response.content.decode()


def test_an_official_may_not_import(official_a_client, school):
    upload = _csv("instellingsnummer;datum;soort\n036129;14/10/2026;studiedag\n")
    assert official_a_client.post(_url(school.trajectory), {"file": upload}).status_code == 403
    assert not SchoolFreeDay.objects.exists()


def test_a_workbook_that_unpacks_too_large_is_refused(coordinator_client, school):
    coordinator_client.cookies["django_language"] = "en"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (21 * 1024 * 1024))
    upload = SimpleUploadedFile("vrije-dagen.xlsx", data.getvalue())
    response = coordinator_client.post(_url(school.trajectory), {"file": upload})
    assert "The workbook is too large" in response.content.decode()
    assert not SchoolFreeDay.objects.exists()
