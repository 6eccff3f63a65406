"""The import pages: upload, preview row by row, confirm (all, or only the valid rows)."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities import spreadsheets
from municipalities.models import ImportBatch, School, Site

HEADER = (
    "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Straat en nummer;Postcode;"
    "Stedelijk of landelijk\n"
)
GOOD = "036111;Basisschool De Zonnewijzer;gemeentelijk;1;Stationsstraat 12;3800;stedelijk\n"
ALSO_GOOD = "36129;Vrije Basisschool Sint-Jozef;katholiek;1;Kerkstraat 20;3806;landelijk\n"
BAD_POSTCODE = "036137;GO! Het Speelhof;GO!;1;Tiensesteenweg 88;3500;stedelijk\n"


def _upload(client, trajectory, content: str, name="scholen.csv"):
    url = reverse(
        "municipalities:import_upload", kwargs={"pk": trajectory.pk, "section": "schools"}
    )
    upload = SimpleUploadedFile(name, content.encode("cp1252"), content_type="text/csv")
    return client.post(url, {"file": upload})


def test_preview_shows_each_row_and_changes_nothing(
    coordinator_client, trajectory_a, postal_codes_a
):
    response = _upload(coordinator_client, trajectory_a, HEADER + GOOD + ALSO_GOOD + BAD_POSTCODE)
    batch = ImportBatch.objects.get()
    assert response.url == reverse(
        "municipalities:import_preview",
        kwargs={"pk": trajectory_a.pk, "section": "schools", "batch_pk": batch.pk},
    )

    preview = coordinator_client.get(response.url)

    assert preview.status_code == 200
    assert "2 nieuw" in preview.text
    assert "1 rij met fouten" in preview.text
    assert "3500" in preview.text
    assert "Sint-Truiden" in preview.text
    assert not School.objects.exists()


def test_confirm_with_errors_needs_the_explicit_choice(
    coordinator_client, trajectory_a, postal_codes_a
):
    url = _upload(coordinator_client, trajectory_a, HEADER + GOOD + BAD_POSTCODE).url

    refused = coordinator_client.post(url, {"confirm": "1"}, follow=True)
    assert not School.objects.exists()
    assert refused.status_code == 200

    accepted = coordinator_client.post(url, {"confirm": "1", "allow_partial": "on"}, follow=True)
    assert list(School.objects.values_list("institution_number", flat=True)) == ["036111"]
    assert "Import klaar: 1 nieuw" in accepted.text
    assert ImportBatch.objects.get().status == ImportBatch.Status.APPLIED


def test_confirm_applies_all_and_a_reimport_changes_nothing(
    coordinator_client, trajectory_a, postal_codes_a
):
    content = HEADER + GOOD + ALSO_GOOD
    url = _upload(coordinator_client, trajectory_a, content).url
    coordinator_client.post(url, {"confirm": "1"})
    assert School.objects.count() == 2
    assert Site.objects.get(school__institution_number="036129").postal_code == "3806"

    again = coordinator_client.get(_upload(coordinator_client, trajectory_a, content).url)
    assert "2 ongewijzigd" in again.text
    assert "0 nieuw" in again.text


def test_a_handled_import_cannot_be_applied_twice(coordinator_client, trajectory_a, postal_codes_a):
    url = _upload(coordinator_client, trajectory_a, HEADER + GOOD).url
    coordinator_client.post(url, {"discard": "1"})
    coordinator_client.post(url, {"confirm": "1"})
    assert not School.objects.exists()
    assert ImportBatch.objects.get().status == ImportBatch.Status.DISCARDED


def test_a_refused_file_is_explained_next_to_the_field(coordinator_client, trajectory_a):
    response = _upload(coordinator_client, trajectory_a, "", name="leeg.csv")
    assert response.status_code == 200
    assert not ImportBatch.objects.exists()
    assert "invalid-feedback" in response.text


def test_export_is_a_spreadsheet(official_a_client, trajectory_a, intake_a):
    url = reverse(
        "municipalities:record_export",
        kwargs={"pk": trajectory_a.pk, "section": "schools", "fmt": "csv"},
    )
    response = official_a_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "036129" in response.content.decode("utf-8-sig")


@time_machine.travel(datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC), tick=False)
@pytest.mark.parametrize(
    ("section", "fmt", "filename"),
    [
        ("schools", "xlsx", "sint-truiden-scholen-2026-12-03.xlsx"),
        ("care-providers", "csv", "sint-truiden-opvang-2026-12-03.csv"),
        ("leisure-actors", "xlsx", "sint-truiden-vrije-tijd-2026-12-03.xlsx"),
    ],
)
def test_exports_have_dutch_readable_file_names(
    official_a_client, trajectory_a, intake_a, section, fmt, filename
):
    url = reverse(
        "municipalities:record_export",
        kwargs={"pk": trajectory_a.pk, "section": section, "fmt": fmt},
    )
    response = official_a_client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


@pytest.mark.parametrize(
    ("section", "filename"),
    [("schools", "sjabloon-scholen"), ("care-providers", "sjabloon-opvang")],
)
def test_templates_have_dutch_file_names(coordinator_client, trajectory_a, section, filename):
    url = reverse(
        "municipalities:import_template",
        kwargs={"pk": trajectory_a.pk, "section": section, "fmt": "xlsx"},
    )
    response = coordinator_client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}.xlsx"'


@pytest.mark.usefixtures("in_english")
def test_the_result_message_counts_in_singular_and_plural():
    one = {"new": 1, "changed": 1, "unchanged": 1, "error": 1}
    three = {"new": 3, "changed": 0, "unchanged": 2, "error": 3}

    assert spreadsheets.import_result_message(one) == (
        "Import done: 1 new, 1 changed, 1 unchanged, 1 row with errors left out."
    )
    assert spreadsheets.import_result_message(three) == (
        "Import done: 3 new, 0 changed, 2 unchanged, 3 rows with errors left out."
    )


@pytest.mark.usefixtures("in_english")
def test_confirming_errors_without_the_choice_counts_the_rows(trajectory_a, postal_codes_a):
    rows = spreadsheets.read_table(
        io.BytesIO((HEADER + GOOD + BAD_POSTCODE).encode()), "a.csv", kind="schools"
    )
    with pytest.raises(spreadsheets.ImportRefused) as refusal:
        spreadsheets.apply_import(
            trajectory=trajectory_a, kind="schools", rows=rows, by=None, allow_partial=False
        )
    assert str(refusal.value.message) == (
        "1 row has errors. Correct it, or choose to import only the valid rows."
    )
