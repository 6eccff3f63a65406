"""A bad value is an error on its own row and column, with the value and the reason."""

import datetime
import io
from pathlib import Path

import pytest
import time_machine

from municipalities import spreadsheets
from tests.municipalities.factories import SchoolFactory, SiteFactory, add_postal_codes

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

FILES = Path(__file__).parent / "files"


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    return trajectory_a


def preview_file(trajectory, name, kind="schools"):
    with open(FILES / name, "rb") as upload:
        rows = spreadsheets.read_table(upload, name, kind=kind)
    return spreadsheets.preview_import(trajectory=trajectory, kind=kind, rows=rows)


def preview_text(trajectory, text, kind):
    rows = spreadsheets.read_table(io.BytesIO(text.encode()), "import.csv", kind=kind)
    return spreadsheets.preview_import(trajectory=trajectory, kind=kind, rows=rows)


def errors_by_row(preview):
    return {row.row: row.errors for row in preview.rows if row.errors}


def test_a_postcode_outside_the_municipality_names_it(trajectory):
    preview = preview_file(trajectory, "schools_bad_postcodes.csv")

    assert errors_by_row(preview) == {
        3: [("Postcode", "postcode 3500 is not in Sint-Truiden.")],
        4: [("Postcode", "'38OO' is not a postcode of 4 digits.")],
    }
    assert preview.counts == {"new": 1, "changed": 0, "unchanged": 0, "error": 2}


def test_an_instellingsnummer_that_is_not_six_digits(trajectory):
    preview = preview_file(trajectory, "schools_leading_zero_lost.csv")

    assert errors_by_row(preview) == {
        3: [("Instellingsnummer", "Instellingsnummer '12A45' is not 6 digits.")]
    }
    assert preview.rows[0].status == "new"  # 12345 padded to 012345


def test_a_duplicate_key_is_an_error_on_the_second_occurrence(trajectory):
    preview = preview_file(trajectory, "schools_duplicate_keys.csv")

    errors = errors_by_row(preview)
    assert errors[4] == [("Vestigingsnummer", "Duplicate of row 2.")]
    assert 2 not in errors


def test_conflicting_school_fields_in_one_file_are_an_error_on_the_later_row(trajectory):
    preview = preview_file(trajectory, "schools_duplicate_keys.csv")

    assert errors_by_row(preview)[5] == [
        (
            "Schoolnaam",
            "Differs from row 2 (Vrije Basisschool Sint-Pieter) for the same instellingsnummer.",
        ),
        ("Net", "Differs from row 2 (katholiek) for the same instellingsnummer."),
    ]


def test_formulas_are_refused_per_cell_and_never_evaluated(trajectory):
    preview = preview_file(trajectory, "schools_formula.xlsx")

    message = "contains a formula; formulas are not evaluated — paste the values."
    assert errors_by_row(preview) == {2: [("Schoolnaam", message), ("Leerlingen 5-10", message)]}
    assert preview.rows[0].cells["pupils_5_10"] == "=SUM(100,50)"
    assert preview.rows[1].status == "new"


def test_a_csv_cell_starting_with_equals_is_a_formula(trajectory):
    preview = preview_text(trajectory, "Naam;Type;Deelnemers\nClub;sport;=1+1\n", "leisure-actors")

    assert preview.rows[0].errors == [
        ("Deelnemers", "contains a formula; formulas are not evaluated — paste the values.")
    ]


@time_machine.travel(datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC), tick=False)
def test_pupil_figures_without_a_school_year_count_for_the_current_one(trajectory):
    text = (
        "Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;"
        "Stedelijk of landelijk;Schooljaar;Leerlingen 5-10;GOK buurt (%)\n"
        "012345;School;GO!;1;Weg 1;3800;stedelijk;;120;\n"
        "012345;School;GO!;2;Weg 2;3800;stedelijk;2025;;120\n"
    )

    preview = preview_text(trajectory, text, "schools")

    assert errors_by_row(preview) == {
        3: [
            ("Schooljaar", "'2025' is not a school year; write it as 2025-2026."),
            ("GOK buurt (%)", "120 is not a percentage between 0 and 100."),
        ],
    }
    assert (
        "1 row has pupil or GOK figures without a school year: they are taken as 2026-2027, "
        "the current school year."
    ) in preview.notes


def test_unknown_values_list_what_is_accepted(trajectory):
    text = (
        "Instellingsnummer;Schoolnaam;Net;Niveaus;Vestigingsnummer;Adres;Postcode;"
        "Stedelijk of landelijk;Breedtegraad;Opvang\n"
        "012345;School;Steiner;lager, hoger;0;Weg 1;3800;stad;60;na school, nacht\n"
    )

    errors = dict(preview_text(trajectory, text, "schools").rows[0].errors)

    assert errors["Net"] == (
        "'Steiner' is not a known value; use one of: GO!, gemeentelijk, provinciaal, "
        "katholiek, vrij ander."
    )
    assert errors["Niveaus"].startswith("'hoger' is not a known value")
    assert errors["Vestigingsnummer"] == "'0' is not a positive whole number."
    assert "Stedelijk of landelijk" not in errors  # "stad" is accepted
    assert errors["Breedtegraad"] == "60 is outside Belgium (between 49,4 and 51,6)."
    assert errors["Opvang"].startswith("'nacht' is not a known value")


def test_a_required_cell_left_empty(trajectory):
    preview = preview_text(trajectory, "Naam;Type\nClub;\n", "leisure-actors")

    assert preview.rows[0].errors == [("Type", "A value is required.")]


def test_the_models_own_rules_check_each_cell(trajectory):
    name, phone = "Club " + "x" * 200, "+32 " + "1" * 40
    text = f"Naam;Type;Deelnemers;Telefoon\n{name};sport;99999999999999999999;{phone}\n"

    errors = dict(preview_text(trajectory, text, "leisure-actors").rows[0].errors)

    assert errors["Naam"] == "Longer than 200 characters."
    assert errors["Telefoon"] == "Longer than 30 characters."
    # More than the database holds is refused on its row, not at the write.
    assert errors["Deelnemers"].startswith("Ensure this value is less than or equal to")


def test_leisure_actor_values(trajectory):
    text = (
        "Naam;Type;Leeftijdsgroepen;Kostprijs;E-mail;Lokaal samenwerkingsverband\n"
        "Club;sport;4-6;duur;geen-mail;misschien\n"
    )

    errors = dict(preview_text(trajectory, text, "leisure-actors").rows[0].errors)

    assert errors["Leeftijdsgroepen"].startswith("'4-6' is not a known value")
    assert "Kostprijs" not in errors  # "duur" means hoog
    assert errors["E-mail"] == "'geen-mail' is not a valid e-mail address."
    assert errors["Lokaal samenwerkingsverband"] == (
        "'misschien' is not a known value; use one of: ja, nee."
    )


def test_sites_served_must_be_sites_of_the_trajectory(trajectory):
    SiteFactory(
        school=SchoolFactory(trajectory=trajectory, institution_number="012345"), site_number=1
    )
    text = "Naam;Type;Vestigingen\nIBO;IBO;12345/1, 012345/2\nIBO 2;IBO;school 1\n"

    preview = preview_text(trajectory, text, "care-providers")

    assert errors_by_row(preview) == {
        2: [("Vestigingen", "These school sites are not in this trajectory: 012345/2.")],
        3: [
            (
                "Vestigingen",
                "'school 1' is not a school site; write instellingsnummer/vestigingsnummer, "
                "e.g. 012345/1.",
            )
        ],
    }


def test_a_file_of_another_kind_gives_every_row_an_error(trajectory):
    rows = spreadsheets.read_table(io.BytesIO(b"Naam;Type\nClub;sport\n"), "vrije-tijd.csv")

    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)

    assert preview.has_errors
    assert ("Instellingsnummer", "This column is missing from the file.") in preview.rows[0].errors
