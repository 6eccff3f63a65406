"""The import pages: upload, preview row by row, confirm (all, or only the valid rows)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
    assert "1 met fouten" in preview.text
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
