"""Confirming writes the valid rows in one transaction, with history, and never half a file."""

import io

import pytest

from municipalities import spreadsheets
from municipalities.models import Area, CareProvider, LeisureActor, School, Site, SiteYear
from municipalities.spreadsheets import ImportRefused, import_base
from tests.municipalities.factories import SchoolFactory, SiteFactory, add_postal_codes

# The engine is called outside a request; its messages are read in English here.
pytestmark = pytest.mark.usefixtures("in_english")

HEADER = (
    "Instellingsnummer;Schoolnaam;Net;Niveaus;Vestigingsnummer;Straat en nummer;Postcode;"
    "Deelgemeente;Stedelijk of landelijk;Schooljaar;Leerlingen 5-10;GOK buurt (%);Opvang\n"
)
VALID = (
    "012345;Basisschool Sint-Jozef;katholiek;basis;1;Kerkstraat 12;3800;Brustem;stedelijk;"
    "2025-2026;180;20;na school\n"
    "012345;Basisschool Sint-Jozef;katholiek;basis;2;Dorp 1;3803;;landelijk;;;;\n"
    "023456;GO! De Brug;GO!;lager;1;Weg 1;3806;Velm;landelijk;2025-2026;90;;\n"
)
INVALID = "034567;School met fout;GO!;lager;1;Weg 2;3500;Velm;landelijk;;;;\n"


@pytest.fixture
def trajectory(trajectory_a):
    add_postal_codes(trajectory_a.municipality)
    return trajectory_a


def rows_of(text: str, kind: str = "schools"):
    return spreadsheets.read_table(io.BytesIO(text.encode()), "a.csv", kind=kind)


def counts_in_db():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Area, School, Site, SiteYear)
    }


def test_confirm_applies_every_row(trajectory, coordinator):
    counts = spreadsheets.apply_import(
        trajectory=trajectory,
        kind="schools",
        rows=rows_of(HEADER + VALID),
        by=coordinator,
        allow_partial=False,
    )

    assert counts == {"new": 3, "changed": 0, "unchanged": 0, "error": 0}
    assert School.objects.filter(trajectory=trajectory).count() == 2
    assert Site.objects.filter(school__trajectory=trajectory).count() == 3
    assert SiteYear.objects.count() == 2
    assert sorted(Area.objects.values_list("name", flat=True)) == ["Brustem", "Velm"]


def test_errors_without_allow_partial_write_nothing(trajectory, coordinator):
    before = counts_in_db()

    with pytest.raises(ImportRefused) as refusal:
        spreadsheets.apply_import(
            trajectory=trajectory,
            kind="schools",
            rows=rows_of(HEADER + VALID + INVALID),
            by=coordinator,
            allow_partial=False,
        )

    assert "import only the valid rows" in str(refusal.value.message)
    assert counts_in_db() == before


def test_allow_partial_writes_only_the_valid_rows(trajectory, coordinator):
    counts = spreadsheets.apply_import(
        trajectory=trajectory,
        kind="schools",
        rows=rows_of(HEADER + INVALID + VALID),
        by=coordinator,
        allow_partial=True,
    )

    assert counts == {"new": 3, "changed": 0, "unchanged": 0, "error": 1}
    assert set(School.objects.values_list("institution_number", flat=True)) == {"012345", "023456"}


def test_a_failure_while_writing_rolls_everything_back(trajectory, coordinator, monkeypatch):
    before = counts_in_db()

    real_bulk_create = import_base.bulk_create_with_history

    def fail_on_years(objs, model, **kwargs):
        if model is SiteYear:
            raise RuntimeError("disk full")
        return real_bulk_create(objs, model, **kwargs)

    monkeypatch.setattr(import_base, "bulk_create_with_history", fail_on_years)
    with pytest.raises(RuntimeError):
        spreadsheets.apply_import(
            trajectory=trajectory,
            kind="schools",
            rows=rows_of(HEADER + VALID),
            by=coordinator,
            allow_partial=False,
        )

    assert counts_in_db() == before  # areas, schools and sites were written, then rolled back


def test_reimporting_the_same_file_changes_nothing(trajectory, coordinator):
    rows = rows_of(HEADER + VALID)
    spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=rows, by=coordinator, allow_partial=False
    )
    before = counts_in_db()

    preview = spreadsheets.preview_import(trajectory=trajectory, kind="schools", rows=rows)
    counts = spreadsheets.apply_import(
        trajectory=trajectory, kind="schools", rows=rows, by=coordinator, allow_partial=False
    )

    assert preview.counts == {"new": 0, "changed": 0, "unchanged": 3, "error": 0}
    assert counts == preview.counts
    assert counts_in_db() == before  # no rows, and no history rows either


def test_changes_are_written_and_recorded_by_the_user(trajectory, coordinator, administrator):
    spreadsheets.apply_import(
        trajectory=trajectory,
        kind="schools",
        rows=rows_of(HEADER + VALID),
        by=coordinator,
        allow_partial=False,
    )
    changed = VALID.replace("Kerkstraat 12", "Kerkstraat 14").replace(";180;", ";181;")

    counts = spreadsheets.apply_import(
        trajectory=trajectory,
        kind="schools",
        rows=rows_of(HEADER + changed),
        by=administrator,
        allow_partial=False,
    )

    assert counts["changed"] == 1
    site = Site.objects.get(school__institution_number="012345", site_number=1)
    assert site.street == "Kerkstraat 14"
    assert site.years.get().pupils_5_10 == 181
    assert [(h.history_type, h.history_user) for h in site.history.order_by("history_date")] == [
        ("+", coordinator),
        ("~", administrator),
    ]
    assert site.years.get().history.latest().history_user == administrator
    assert School.history.filter(history_user=coordinator, history_type="+").count() == 2
    assert Area.history.filter(history_user=coordinator).count() == 2
    assert not School.history.filter(history_user=administrator).exists()  # school unchanged


def test_providers_are_written_with_their_sites_and_history(trajectory, coordinator):
    school = SchoolFactory(trajectory=trajectory, institution_number="012345")
    first = SiteFactory(school=school, site_number=1)
    second = SiteFactory(school=school, site_number=2)
    text = (
        "Naam;Type;Erkenning;Plaatsen 5-10;Openingsmomenten;Deelgemeente;Vestigingen\n"
        "IBO De Speelboom;IBO;erkend;42;voor school, na school;Brustem;012345/1, 12345/2\n"
        "Speelplein Kriebel;speelplein;;0;vakantie;;\n"
    )

    counts = spreadsheets.apply_import(
        trajectory=trajectory,
        kind="care-providers",
        rows=rows_of(text, "care-providers"),
        by=coordinator,
        allow_partial=False,
    )

    assert counts["new"] == 2
    ibo = CareProvider.objects.get(name="IBO De Speelboom")
    assert ibo.recognition == "recognised"
    assert ibo.slots == ["morning", "after_school"]
    assert ibo.area.name == "Brustem"
    assert set(ibo.sites_served.all()) == {first, second}
    assert {h.history_user for h in ibo.history.all()} == {coordinator}
    assert ibo.history.latest().sites_served.count() == 2
    playground = CareProvider.objects.get(name="Speelplein Kriebel")
    assert playground.recognition == "none"
    assert not playground.sites_served.exists()


def test_leisure_actors_are_written(trajectory, coordinator):
    text = (
        "Naam;Type;Leeftijdsgroepen;Kostprijs;E-mail;Telefoon;Lokaal samenwerkingsverband\n"
        "KFC jeugd;sportclub;beide;laag;jeugd@example.be;'+32 11 12 34 56;x\n"
        "Academie;DKO;5–10;;;;\n"
    )

    spreadsheets.apply_import(
        trajectory=trajectory,
        kind="leisure-actors",
        rows=rows_of(text, "leisure-actors"),
        by=coordinator,
        allow_partial=False,
    )

    club = LeisureActor.objects.get(name="KFC jeugd")
    assert club.age_groups == ["5-10", "11-15"]
    assert club.cost_level == "low"
    assert club.contact_phone == "+32 11 12 34 56"
    assert club.in_partnership is True
    academy = LeisureActor.objects.get(name="Academie")
    assert (academy.kind, academy.age_groups, academy.in_partnership) == ("dko", ["5-10"], False)
    assert club.history.get().history_user == coordinator
