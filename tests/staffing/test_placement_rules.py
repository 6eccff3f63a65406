"""A placement is refused, with a message naming the clash, when the worker is already busy
then, works more hours than the contract, or is placed outside the contract or trajectory."""

import datetime
from decimal import Decimal

import pytest
from django.utils import formats

from municipalities.models import CooperationAgreement
from staffing.models import Placement, PlacementSlot, Worker
from staffing.rules import agreement_fte, placed_fte, validate_placement
from staffing.services import PlacementError, placement_save
from tests.factories import TrajectoryFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

D = datetime.date
T = datetime.time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def short(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@pytest.fixture
def trajectory(db):
    return TrajectoryFactory()


@pytest.fixture
def ahmed(db):
    return WorkerFactory(
        first_name="Ahmed",
        last_name="Benali",
        hours_per_week=Decimal("20"),
        contract_starts_on=D(2023, 6, 1),
        trajectory_starts_on=D(2024, 1, 1),  # last day 31/12/2028
    )


@pytest.fixture
def speelhof(trajectory):
    school = SchoolFactory(trajectory=trajectory, name="GO! Basisschool Het Speelhof")
    return SiteFactory(school=school, name="GO! Het Speelhof")


@pytest.fixture
def monday_at_speelhof(ahmed, trajectory, speelhof):
    placement = PlacementFactory(
        worker=ahmed,
        trajectory=trajectory,
        site=speelhof,
        central_site_name="",
        starts_on=D(2026, 9, 1),
        ends_on=D(2027, 6, 30),
        hours_per_week=Decimal("10"),
    )
    PlacementSlotFactory(placement=placement, weekday=0, starts_at=T(15, 30), ends_at=T(18, 0))
    return placement


def _new(worker, trajectory, **fields):
    values = {
        "starts_on": D(2026, 9, 1),
        "ends_on": D(2027, 6, 30),
        "hours_per_week": Decimal("5"),
        "central_site_name": "Sporthal De Kei",
    }
    return Placement(worker=worker, trajectory=trajectory, **(values | fields))


HALF_FOUR, SIX = T(15, 30), T(18, 0)


def _slot(weekday=0, starts_at=HALF_FOUR, ends_at=SIX, holiday_period=""):
    return PlacementSlot(
        weekday=weekday, holiday_period=holiday_period, starts_at=starts_at, ends_at=ends_at
    )


# Double booking


def test_a_placement_that_fits_is_valid(ahmed, trajectory, monday_at_speelhof):
    assert validate_placement(_new(ahmed, trajectory), [_slot(weekday=1)]) == []


def test_overlapping_times_on_the_same_weekday_are_a_double_booking(
    ahmed, trajectory, monday_at_speelhof
):
    slot = _slot(starts_at=T(17, 0), ends_at=T(19, 0))
    assert validate_placement(_new(ahmed, trajectory), [slot]) == [
        "Ahmed Benali already works at GO! Het Speelhof on Monday 15:30–18:00 "
        f"from {short(D(2026, 9, 1))}."
    ]


def test_the_message_names_the_first_day_both_run(ahmed, trajectory, monday_at_speelhof):
    later = _new(ahmed, trajectory, starts_on=D(2026, 10, 5))
    [error] = validate_placement(later, [_slot(starts_at=T(16, 0))])
    assert error.endswith(f"from {short(D(2026, 10, 5))}.")


def test_touching_slots_are_not_a_double_booking(ahmed, trajectory, monday_at_speelhof):
    before = _slot(starts_at=T(12, 0), ends_at=T(15, 30))
    after = _slot(starts_at=T(18, 0), ends_at=T(19, 0))
    assert validate_placement(_new(ahmed, trajectory), [before, after]) == []


def test_same_times_after_the_other_placement_ended_are_fine(ahmed, trajectory, monday_at_speelhof):
    later = _new(ahmed, trajectory, starts_on=D(2027, 7, 1), ends_on=D(2027, 12, 31))
    assert validate_placement(later, [_slot()]) == []


def test_the_last_day_of_the_other_placement_still_clashes(ahmed, trajectory, monday_at_speelhof):
    later = _new(ahmed, trajectory, starts_on=D(2027, 6, 30), ends_on=D(2027, 12, 31))
    assert len(validate_placement(later, [_slot()])) == 1


def test_editing_a_placement_does_not_clash_with_itself(ahmed, trajectory, monday_at_speelhof):
    monday_at_speelhof.hours_per_week = Decimal("12")
    slots = list(monday_at_speelhof.slots.all())
    assert validate_placement(monday_at_speelhof, slots, exclude_pk=monday_at_speelhof.pk) == []


def test_holiday_periods_clash_with_the_same_period_only(ahmed, trajectory, speelhof):
    summer = PlacementFactory(worker=ahmed, trajectory=trajectory, hours_per_week=Decimal("5"))
    PlacementSlotFactory(
        placement=summer,
        weekday=None,
        holiday_period="summer",
        starts_at=T(9, 0),
        ends_at=T(16, 0),
    )
    new = _new(ahmed, trajectory)
    summer_slot = _slot(weekday=None, holiday_period="summer", starts_at=T(13, 0))
    assert validate_placement(new, [summer_slot]) == [
        "Ahmed Benali already works at Centrale opvang in the Summer holiday, 09:00–16:00, "
        f"from {short(D(2026, 9, 1))}."
    ]
    easter_slot = _slot(weekday=None, holiday_period="easter", starts_at=T(13, 0))
    assert validate_placement(new, [easter_slot]) == []
    # A weekly slot is not a holiday slot.
    assert validate_placement(new, [_slot(starts_at=T(13, 0))]) == []


def test_two_slots_of_the_same_placement_may_not_overlap(ahmed, trajectory):
    slots = [_slot(weekday=3), _slot(weekday=3, starts_at=T(17, 0), ends_at=T(18, 30))]
    assert validate_placement(_new(ahmed, trajectory), slots) == [
        "Two slots of this placement overlap on Thursday."
    ]


# Weekly hours


def test_hours_over_the_contract_are_refused(ahmed, trajectory, monday_at_speelhof):
    errors = validate_placement(
        _new(ahmed, trajectory, hours_per_week=Decimal("12.5")), [_slot(weekday=1)]
    )
    assert errors == [
        f"From {short(D(2026, 9, 1))} Ahmed Benali would work 22,5 hours a week, "
        "more than the 20 hours of the contract."
    ]


def test_hours_up_to_the_contract_are_fine(ahmed, trajectory, monday_at_speelhof):
    new = _new(ahmed, trajectory, hours_per_week=Decimal("10"))
    assert validate_placement(new, [_slot(weekday=1)]) == []


def test_hours_count_at_the_moment_a_later_placement_starts(ahmed, trajectory):
    PlacementFactory(
        worker=ahmed,
        trajectory=trajectory,
        starts_on=D(2027, 1, 4),
        ends_on=D(2027, 3, 31),
        hours_per_week=Decimal("8"),
    )
    PlacementFactory(
        worker=ahmed,
        trajectory=trajectory,
        starts_on=D(2027, 4, 1),
        ends_on=D(2027, 6, 30),
        hours_per_week=Decimal("8"),
    )
    # 14 + 8 = 22 from 4 January; the two later placements never run at the same time.
    errors = validate_placement(
        _new(ahmed, trajectory, hours_per_week=Decimal("14")), [_slot(weekday=2)]
    )
    assert errors == [
        f"From {short(D(2027, 1, 4))} Ahmed Benali would work 22 hours a week, "
        "more than the 20 hours of the contract."
    ]
    fits = _new(ahmed, trajectory, hours_per_week=Decimal("12"))
    assert validate_placement(fits, [_slot(weekday=2)]) == []


def test_hours_of_placements_in_other_municipalities_count_too(ahmed, monday_at_speelhof):
    elsewhere = TrajectoryFactory()
    new = _new(ahmed, elsewhere, hours_per_week=Decimal("11"))
    assert len(validate_placement(new, [_slot(weekday=1)])) == 1


# Dates


def test_a_placement_before_the_contract_starts_is_refused(trajectory):
    worker = WorkerFactory(
        first_name="Fatma",
        last_name="Yilmaz",
        regime=Worker.Regime.IMW,
        contract_starts_on=D(2026, 10, 1),
        trajectory_starts_on=D(2026, 10, 1),
    )
    errors = validate_placement(_new(worker, trajectory), [_slot()])
    assert (
        "The placement starts before Fatma Yilmaz's contract, which starts on "
        f"{short(D(2026, 10, 1))}." in errors
    )
    assert (
        "The placement starts before Fatma Yilmaz's trajectory, which starts on "
        f"{short(D(2026, 10, 1))}." in errors
    )


def test_a_placement_after_the_contract_ends_is_refused(trajectory):
    worker = WorkerFactory(first_name="Kevin", last_name="Martens", contract_ends_on=D(2027, 3, 31))
    assert validate_placement(_new(worker, trajectory), [_slot()]) == [
        f"Kevin Martens's contract ends on {short(D(2027, 3, 31))}: the placement must end by then."
    ]
    fits = _new(worker, trajectory, ends_on=D(2027, 3, 31))
    assert validate_placement(fits, [_slot()]) == []


def test_a_placement_after_the_trajectory_ends_is_refused(trajectory):
    worker = WorkerFactory(
        first_name="Jonas", last_name="Peeters", trajectory_starts_on=D(2022, 3, 1)
    )  # last day 28/02/2027
    message = (
        f"Jonas Peeters's trajectory ends on {short(D(2027, 2, 28))} at the latest: "
        "the placement must end by then."
    )
    assert validate_placement(_new(worker, trajectory), [_slot()]) == [message]
    # Ending on the fifth anniversary is one day too many; the day before fits.
    on_anniversary = _new(worker, trajectory, ends_on=D(2027, 3, 1))
    assert validate_placement(on_anniversary, [_slot()]) == [message]
    fits = _new(worker, trajectory, ends_on=D(2027, 2, 28))
    assert validate_placement(fits, [_slot()]) == []


def test_an_open_ended_placement_must_end_with_the_trajectory(ahmed, trajectory):
    errors = validate_placement(_new(ahmed, trajectory, ends_on=None), [_slot()])
    assert errors == [
        f"Ahmed Benali's trajectory ends on {short(D(2028, 12, 31))} at the latest: "
        "the placement must end by then."
    ]


# Slots


def _refused(placement, slots) -> list[str]:
    with pytest.raises(PlacementError) as refused:
        placement_save(placement=placement, slots=slots, actions=[], by=None)
    assert not Placement.objects.filter(central_site_name=placement.central_site_name).exists()
    return refused.value.messages


def test_a_slot_must_end_after_it_starts(ahmed, trajectory):
    slot = _slot(weekday=4, starts_at=T(18, 0), ends_at=T(15, 30))
    assert _refused(_new(ahmed, trajectory), [slot]) == ["The slot must end after it starts."]


def test_a_slot_needs_a_weekday_or_a_holiday_period(ahmed, trajectory):
    neither = _slot(weekday=None)
    both = _slot(weekday=1, holiday_period="summer")
    # The same message once, however many slots break the rule.
    assert _refused(_new(ahmed, trajectory), [neither, both]) == [
        "Each slot needs either a weekday or a holiday period."
    ]


def test_a_slot_needs_times(ahmed, trajectory):
    assert _refused(_new(ahmed, trajectory), [_slot(weekday=2, ends_at=None)]) == [
        "This field cannot be null."
    ]


def test_a_placement_cannot_end_before_it_starts(ahmed, trajectory):
    placement = _new(ahmed, trajectory, starts_on=D(2026, 9, 1), ends_on=D(2026, 8, 31))
    assert _refused(placement, [_slot()]) == ["A placement cannot end before it starts."]


def test_the_placement_form_reports_the_slot_rule_once(coordinator_client, trajectory_a):
    from django.urls import reverse

    coordinator_client.cookies["django_language"] = "en"
    worker = WorkerFactory()
    url = reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.post(
        url,
        {
            "worker": worker.pk,
            "central_site_name": "Sporthal De Kei",
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "hours_per_week": "5",
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-0-weekday": "",
            "slots-0-holiday_period": "",
            "slots-0-starts_at": "18:00",
            "slots-0-ends_at": "15:30",
        },
    )
    assert response.status_code == 200
    assert response.text.count("Each slot needs either a weekday or a holiday period.") == 1
    assert not Placement.objects.exists()


def test_two_queries_whatever_the_worker_has(
    ahmed, trajectory, monday_at_speelhof, django_assert_max_num_queries
):
    for month in range(1, 11):
        other = PlacementFactory(
            worker=ahmed,
            trajectory=trajectory,
            starts_on=D(2026, 9, 1),
            ends_on=D(2027, 6, 30),
            hours_per_week=Decimal("0.5"),
        )
        PlacementSlotFactory(
            placement=other, weekday=month % 5, starts_at=T(8, 0), ends_at=T(8, 30)
        )
    new = _new(ahmed, trajectory)
    with django_assert_max_num_queries(2):
        validate_placement(new, [_slot(weekday=1)])


# FTE


def test_placed_fte_sums_the_hours_of_placements_running_that_day(trajectory):
    PlacementFactory(trajectory=trajectory, hours_per_week=Decimal("19"))
    PlacementFactory(trajectory=trajectory, hours_per_week=Decimal("38"))
    PlacementFactory(trajectory=trajectory, hours_per_week=Decimal("12.5"))
    PlacementFactory(  # ends the day before
        trajectory=trajectory, starts_on=D(2026, 1, 1), ends_on=D(2026, 10, 31)
    )
    PlacementFactory(trajectory=TrajectoryFactory(), hours_per_week=Decimal("30"))
    # (19 + 38 + 12.5) / 38 = 1.8289… → 1.83
    assert placed_fte(trajectory, on=D(2026, 11, 1)) == Decimal("1.83")
    # (19 + 38 + 12.5 + 10) / 38 = 2.0921… → 2.09
    assert placed_fte(trajectory, on=D(2026, 10, 31)) == Decimal("2.09")
    # 10 / 38 = 0.263… → 0.26
    assert placed_fte(trajectory, on=D(2026, 8, 31)) == Decimal("0.26")
    assert placed_fte(trajectory, on=D(2025, 12, 31)) == Decimal("0.00")


def test_a_worker_past_their_trajectory_no_longer_fills_the_quota(trajectory):
    worker = WorkerFactory(trajectory_starts_on=D(2021, 12, 1))  # last day 30/11/2026
    PlacementFactory(
        worker=worker, trajectory=trajectory, ends_on=None, hours_per_week=Decimal("19")
    )
    assert placed_fte(trajectory, on=D(2026, 11, 30)) == Decimal("0.50")
    assert placed_fte(trajectory, on=D(2026, 12, 1)) == Decimal("0.00")


def test_agreement_fte_comes_from_the_agreement_covering_that_day(trajectory):
    CooperationAgreement.objects.create(
        trajectory=trajectory,
        starts_on=D(2024, 1, 1),
        ends_on=D(2025, 12, 31),
        agreed_fte=Decimal("1.00"),
        status=CooperationAgreement.Status.SIGNED,
        signed_on=D(2023, 12, 1),
    )
    CooperationAgreement.objects.create(
        trajectory=trajectory,
        starts_on=D(2026, 1, 1),
        ends_on=D(2031, 12, 31),
        agreed_fte=Decimal("2.50"),
    )
    assert agreement_fte(trajectory, on=D(2025, 6, 1)) == Decimal("1.00")
    assert agreement_fte(trajectory, on=D(2026, 1, 1)) == Decimal("2.50")
    assert agreement_fte(trajectory, on=D(2032, 1, 1)) is None
    assert agreement_fte(TrajectoryFactory(), on=D(2026, 1, 1)) is None


def test_the_placement_form_says_a_placement_needs_a_place_once(coordinator_client, trajectory_a):
    from django.urls import reverse

    coordinator_client.cookies["django_language"] = "en"
    worker = WorkerFactory()
    url = reverse("staffing:placement_create", kwargs={"trajectory_pk": trajectory_a.pk})
    response = coordinator_client.post(
        url,
        {
            "worker": worker.pk,
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "hours_per_week": "5",
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-0-weekday": "0",
            "slots-0-starts_at": "15:30",
            "slots-0-ends_at": "18:00",
        },
    )
    assert response.status_code == 200
    assert response.text.count("Choose a school site or name the central site.") == 1
    assert not Placement.objects.exists()
