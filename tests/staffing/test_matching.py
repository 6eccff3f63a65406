"""Suggestions for a place under the staff ratio: free workers first, best fit on top, each
with the reasons; nothing is assigned."""

import datetime
from decimal import Decimal

import pytest

from municipalities.models import Province
from staffing.matching import suggest_workers
from staffing.models import Placement
from staffing.ratio import staffing_rows
from tests.actionplans.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionSlotFactory,
    ObjectiveFactory,
    PlanFactory,
)
from tests.factories import MunicipalityFactory, TrajectoryFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory, SiteYearFactory
from tests.staffing.factories import (
    AvailabilityFactory,
    CompetenceFactory,
    PlacementFactory,
    PlacementSlotFactory,
    WorkerCompetenceFactory,
    WorkerFactory,
)

D = datetime.date
T = datetime.time
ON = D(2026, 11, 27)
MONDAY_DAYTIME = ((0, T(11, 30), T(18, 30)),)
FOUR, FIVE = T(16, 0), T(17, 0)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def home(db):
    return MunicipalityFactory(nis_code="71053", name_nl="Sint-Truiden")


@pytest.fixture
def trajectory(home):
    return TrajectoryFactory(municipality=home)


@pytest.fixture
def site(trajectory):
    site = SiteFactory(school=SchoolFactory(trajectory=trajectory), name="Het Speelhof")
    SiteYearFactory(site=site, school_year="2024-2025", gok_home_language=Decimal("10"))
    SiteYearFactory(site=site, school_year="2025-2026", gok_home_language=Decimal("31.5"))
    return site


@pytest.fixture
def action(trajectory, site):
    plan = PlanFactory(trajectory=trajectory)
    action = ActionFactory(
        action_plan=ActionPlanFactory(objective=ObjectiveFactory(plan=plan)),
        sites=[site],
        age_groups=["5-10"],
    )
    ActionSlotFactory(action=action, slot="after_school", expected_children=30)
    return action


def _row(trajectory, weekday=0):
    return next(r for r in staffing_rows(trajectory, on=ON) if r.weekday == weekday)


def _worker(first, last, *, available=MONDAY_DAYTIME, competences=(), **fields):
    worker = WorkerFactory(first_name=first, last_name=last, **fields)
    for weekday, starts_at, ends_at in available:
        AvailabilityFactory(worker=worker, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
    for name in competences:
        WorkerCompetenceFactory(worker=worker, competence=CompetenceFactory(name=name))
    return worker


def _busy(worker, trajectory, weekday=0, starts_at=FOUR, ends_at=FIVE, **fields):
    placement = PlacementFactory(
        worker=worker, trajectory=trajectory, central_site_name="Sporthal De Kei", **fields
    )
    PlacementSlotFactory(placement=placement, weekday=weekday, starts_at=starts_at, ends_at=ends_at)
    return placement


def test_best_fit_first_with_reasons(home, trajectory, action):
    neighbour = MunicipalityFactory(nis_code="71004", name_nl="Borgloon")
    elsewhere = MunicipalityFactory(
        nis_code="24107", name_nl="Tienen", province=Province.VLAAMS_BRABANT
    )
    _worker(
        "Ahmed",
        "Benali",
        languages=["nl", "ar", "tr"],
        competences=["Kinderopvang", "Activiteiten begeleiden", "EHBO"],
        age_group_experience=["5-10"],
        home_municipality=home,
    )
    _worker(
        "Sara",
        "Janssens",
        languages=["nl", "fr"],
        competences=["CHILDCARE"],
        home_municipality=neighbour,
    )
    _worker("Kevin", "Martens", home_municipality=elsewhere)
    suggestions = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert [(str(s.worker), s.score, s.is_free) for s in suggestions] == [
        ("Ahmed Benali", 4 + 2 + 2 + 1 + 3, True),
        ("Sara Janssens", 4 + 2 + 1 + 1, True),
        ("Kevin Martens", 4, True),
    ]
    assert suggestions[0].reasons == [
        "free at that time",
        "speaks Arabic, Turkish",
        "has the competences: Kinderopvang, Activiteiten begeleiden",
        "experience with 5–10 years",
        "lives in Sint-Truiden",
    ]
    assert suggestions[1].reasons[-1] == "lives nearby, in Borgloon (same province)"


def test_workers_not_free_come_last_whatever_their_score(trajectory, action):
    busy = _worker(
        "Tom", "Claes", languages=["nl", "ar"], home_municipality=trajectory.municipality
    )
    _busy(busy, trajectory)
    _worker("Jonas", "Peeters", available=[(1, T(11, 30), T(18, 30))])  # not on Monday
    _worker("Ilse", "Vermeulen")
    suggestions = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert [(str(s.worker), s.is_free) for s in suggestions] == [
        ("Ilse Vermeulen", True),
        ("Tom Claes", False),
        ("Jonas Peeters", False),
    ]
    assert suggestions[1].reasons[0] == "busy: works at Sporthal De Kei then"
    assert suggestions[2].reasons[0] == "busy: not available at that time"


def test_touching_placements_and_adjoining_availability_leave_a_worker_free(trajectory, action):
    worker = _worker(
        "Nadia", "El Amrani", available=[(0, T(12, 0), T(16, 0)), (0, T(16, 0), T(18, 0))]
    )
    _busy(worker, trajectory, starts_at=T(12, 0), ends_at=T(15, 30))
    [suggestion] = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert suggestion.is_free
    assert suggestion.reasons[0] == "free at that time, 20 of 30 hours a week still unplaced"


def test_a_gap_in_availability_is_not_free(trajectory, action):
    _worker("Nadia", "El Amrani", available=[(0, T(12, 0), T(16, 0)), (0, T(16, 30), T(18, 0))])
    [suggestion] = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert not suggestion.is_free


def test_a_worker_whose_contract_hours_are_all_placed_is_not_free(trajectory, action):
    worker = _worker("Yusuf", "Demir", hours_per_week=Decimal("10"))
    _busy(worker, trajectory, weekday=2, hours_per_week=Decimal("10"))
    [suggestion] = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert not suggestion.is_free
    assert suggestion.reasons[0] == "busy: all 10 contract hours are placed"


def test_workers_who_cannot_work_that_day_or_already_count_are_left_out(trajectory, action, site):
    _worker("Eva", "Maes", outcome="regular_job", outcome_employer="Colruyt")
    _worker("Piotr", "Nowak", contract_ends_on=D(2026, 10, 31))
    _worker("Maria", "Popescu", regime="imw", contract_starts_on=D(2027, 1, 1))
    _worker("Abdi", "Warsame", trajectory_starts_on=D(2021, 10, 1))  # last day 30/09/2026
    placed = _worker("Lotte", "Wouters")
    placement = PlacementFactory(
        worker=placed, trajectory=trajectory, site=site, central_site_name=""
    )
    PlacementSlotFactory(placement=placement, weekday=0)
    row = _row(trajectory)
    assert row.workers == ["Lotte Wouters"]
    assert suggest_workers(row, trajectory, on=ON) == []


def test_languages_count_only_where_many_families_speak_another(trajectory, action, site):
    site.years.filter(school_year="2025-2026").update(gok_home_language=Decimal("23.9"))
    _worker("Ahmed", "Benali", languages=["nl", "ar"])
    [suggestion] = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert suggestion.score == 4
    assert not any(reason.startswith("speaks") for reason in suggestion.reasons)


def test_lunchtime_needs_childcare_only(trajectory, action):
    action.slots.update(slot="lunchtime", starts_at=T(12, 0), ends_at=T(13, 0))
    _worker("Sara", "Janssens", competences=["Kinderopvang", "Activiteiten begeleiden"])
    [suggestion] = suggest_workers(_row(trajectory), trajectory, on=ON)
    assert "has the competences: Kinderopvang" in suggestion.reasons
    assert suggestion.score == 4 + 1


def test_holidays_use_availability_on_any_weekday(trajectory, action):
    action.slots.update(slot="holidays", holiday_period="summer", starts_at=T(9, 0))
    _worker("Oksana", "Kovalenko", available=[(3, T(8, 0), T(18, 0))])
    _worker("Tom", "Claes", available=[(3, T(12, 0), T(18, 0))])
    row = staffing_rows(trajectory, on=ON)[0]
    assert row.weekday == "summer"
    assert [(str(s.worker), s.is_free) for s in suggest_workers(row, trajectory, on=ON)] == [
        ("Oksana Kovalenko", True),
        ("Tom Claes", False),
    ]


def test_equal_scores_are_ordered_by_name_and_the_list_is_limited(trajectory, action):
    for last in ["Wouters", "Aerts", "Maes", "Claes"]:
        _worker("An", last)
    suggestions = suggest_workers(_row(trajectory), trajectory, on=ON, limit=3)
    assert [s.worker.last_name for s in suggestions] == ["Aerts", "Claes", "Maes"]


def test_suggesting_assigns_nothing(trajectory, action):
    _worker("Ilse", "Vermeulen")
    suggest_workers(_row(trajectory), trajectory, on=ON)
    assert not Placement.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_queries_stay_flat_with_more_workers(
    trajectory, action, size, django_assert_max_num_queries
):
    for index in range(size):
        worker = _worker(
            "W",
            f"{index:03d}",
            competences=["Kinderopvang"],
            available=[(0, T(11, 0), T(19, 0)), (2, T(11, 0), T(19, 0))],
        )
        _busy(worker, trajectory, weekday=index % 5)
    row = _row(trajectory)
    with django_assert_max_num_queries(9):
        suggestions = suggest_workers(row, trajectory, on=ON, limit=100)
    assert len(suggestions) == size


def test_a_central_site_weighs_the_languages_of_the_schools_it_serves(trajectory, action, site):
    other = SiteFactory(school=SchoolFactory(trajectory=trajectory))
    SiteYearFactory(site=other, school_year="2025-2026", gok_home_language=Decimal("20"))
    action.sites.add(other)
    action.at_central_site = True
    action.central_site_name = "Sporthal De Kei"
    action.save(update_fields=["at_central_site", "central_site_name"])
    _worker("Ahmed", "Benali", languages=["nl", "ber"])
    row = _row(trajectory)
    assert row.place_label == "Sporthal De Kei"
    # (31.5 + 20) / 2 = 25.75 %, above the Flemish 24 %
    [suggestion] = suggest_workers(row, trajectory, on=ON)
    assert "speaks Berber (Tamazight)" in suggestion.reasons
