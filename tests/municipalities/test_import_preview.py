"""The preview classifies each row against the database, in a fixed number of queries."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities import spreadsheets
from municipalities.models import School
from tests.municipalities.factories import (
    AreaFactory,
    CareProviderFactory,
    LeisureActorFactory,
    SchoolFactory,
    SiteFactory,
    SiteYearFactory,
    add_postal_codes,
)

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

HEADER = (
    "Instellingsnummer;Schoolnaam;Net;Niveaus;Vestigingsnummer;Straat en nummer;Postcode;"
    "Deelgemeente;Stedelijk of landelijk;Schooljaar;Leerlingen 5-10;GOK buurt (%);Opvang\n"
)


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    return trajectory_a


@pytest.fixture
def site(trajectory):
    school = SchoolFactory(
        trajectory=trajectory,
        institution_number="012345",
        name="Basisschool Sint-Jozef",
        network=School.Network.FREE_CATHOLIC,
        levels=["kleuter", "lager"],
    )
    site = SiteFactory(
        school=school,
        site_number=1,
        street="Kerkstraat 12",
        postal_code="3800",
        area=AreaFactory(trajectory=trajectory, name="Brustem"),
        setting="urban",
        care_offer=["after_school"],
    )
    SiteYearFactory(
        site=site, school_year="2025-2026", pupils_5_10=180, gok_neighbourhood=Decimal("20.0")
    )
    return site


def preview(trajectory, body, kind="schools", header=HEADER):
    rows = spreadsheets.read_table(io.BytesIO((header + body).encode()), "a.csv", kind=kind)
    return spreadsheets.preview_import(trajectory=trajectory, kind=kind, rows=rows)


def test_rows_are_new_changed_or_unchanged(trajectory, site):
    result = preview(
        trajectory,
        "012345;Basisschool Sint-Jozef;katholiek;basis;1;Kerkstraat 12;3800;brustem;stedelijk;"
        "2025-2026;180;20;na school\n"
        "012345;Basisschool Sint-Jozef;katholiek;basis;2;Dorp 1;3803;;landelijk;;;;\n"
        "099999;Nieuwe school;GO!;lager;1;Weg 1;3806;Velm;landelijk;;;;\n",
    )

    assert [row.status for row in result.rows] == ["unchanged", "new", "new"]
    assert result.counts == {"new": 2, "changed": 0, "unchanged": 1, "error": 0}
    assert not result.has_errors
    assert [column.key for column in result.columns][:3] == [
        "institution_number",
        "school_name",
        "network",
    ]
    assert "These areas are new and will be added: Velm." in result.notes


def test_a_changed_row_lists_old_and_new_values(trajectory, site):
    result = preview(
        trajectory,
        "012345;Basisschool Sint-Jozef;GO!;basis;1;Kerkstraat 14;3800;Brustem;stedelijk;"
        "2025-2026;181;20,5;na school, vakantie\n",
    )

    row = result.rows[0]
    assert row.status == "changed"
    assert row.changes == [
        ("Net", "katholiek", "GO!"),
        ("Straat en nummer", "Kerkstraat 12", "Kerkstraat 14"),
        ("Opvang", "na school", "na school, vakantie"),
        ("Leerlingen 5-10", "180", "181"),
        ("GOK buurt (%)", "20,0", "20,5"),
    ]


def test_a_new_school_year_for_an_existing_site_is_a_change(trajectory, site):
    result = preview(
        trajectory,
        "012345;Basisschool Sint-Jozef;katholiek;basis;1;Kerkstraat 12;3800;Brustem;stedelijk;"
        "2026-2027;190;;na school\n",
    )

    assert result.rows[0].status == "changed"
    assert result.rows[0].changes == [
        ("Schooljaar", "", "2026-2027"),
        ("Leerlingen 5-10", "0", "190"),
    ]


def test_columns_the_file_lacks_are_left_alone(trajectory, site):
    result = preview(
        trajectory,
        "012345;Basisschool Sint-Jozef;katholiek;1;Kerkstraat 12;3800;stedelijk\n",
        header="Instellingsnummer;Schoolnaam;Net;Vestigingsnummer;Adres;Postcode;"
        "Stedelijk of landelijk\n",
    )

    assert result.rows[0].status == "unchanged"


def test_providers_and_actors_match_on_their_name(trajectory):
    CareProviderFactory(trajectory=trajectory, name="IBO De Speelboom", kind="ibo")
    LeisureActorFactory(trajectory=trajectory, name="Bib", kind="library", participants=10)

    providers = preview(
        trajectory,
        "IBO De Speelboom;IBO\nSpeelplein;speelplein\n",
        "care-providers",
        header="Naam;Type\n",
    )
    actors = preview(
        trajectory, "Bib;bibliotheek;12\n", "leisure-actors", header="Naam;Type;Deelnemers\n"
    )

    assert [row.status for row in providers.rows] == ["unchanged", "new"]
    assert actors.rows[0].changes == [("Deelnemers", "10", "12")]


def _school_rows(count: int) -> str:
    return "".join(
        f"{100000 + n // 3:06d};School {n // 3};GO!;basis;{n % 3 + 1};Weg {n};3800;Wijk {n % 7};"
        f"stedelijk;2025-2026;{n};12;voor school\n"
        for n in range(count)
    )


def test_preview_runs_a_fixed_number_of_queries(trajectory, site):
    small = spreadsheets.read_table(
        io.BytesIO((HEADER + _school_rows(30)).encode()), "a.csv", kind="schools"
    )
    large = spreadsheets.read_table(
        io.BytesIO((HEADER + _school_rows(300)).encode()), "a.csv", kind="schools"
    )
    # Half of the large file already exists, so matches are looked up too.
    spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=large[:150], by=None, allow_partial=False
    )
    trajectory.refresh_from_db()

    with CaptureQueriesContext(connection) as for_small:
        spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=small)
    trajectory.refresh_from_db()
    with CaptureQueriesContext(connection) as for_large:
        result = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=large)

    assert result.counts["unchanged"] == 150
    assert len(for_large.captured_queries) == len(for_small.captured_queries)


@pytest.mark.parametrize("kind", ["care-providers", "leisure-actors"])
def test_named_previews_run_a_fixed_number_of_queries(
    trajectory, kind, django_assert_max_num_queries
):
    factory = CareProviderFactory if kind == "care-providers" else LeisureActorFactory
    factory.create_batch(5, trajectory=trajectory)
    body = "".join(f"Naam {n};ander;Wijk {n % 4}\n" for n in range(300))
    rows = spreadsheets.read_table(
        io.BytesIO(("Naam;Type;Deelgemeente\n" + body).encode()), "a.csv", kind=kind
    )

    with django_assert_max_num_queries(6):
        spreadsheets.preview_import(trajectory=trajectory, kind=kind, rows=rows)
