"""Staff for the children expected: one carer per 14 children at each place and moment of the
plan, who is placed there, and which places lose cover when someone leaves."""

import datetime

import pytest
from django.utils import formats

from staffing.ratio import coverage_losses, short_rows, staffing_rows
from tests.actionplans.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionSlotFactory,
    ObjectiveFactory,
    PlanFactory,
)
from tests.factories import TrajectoryFactory
from tests.municipalities.factories import SchoolFactory, SiteFactory
from tests.staffing.factories import PlacementFactory, PlacementSlotFactory, WorkerFactory

D = datetime.date
T = datetime.time
ON = D(2026, 11, 27)  # a Friday, while the actions run (1/9/2026–30/6/2027)
MONDAY_AFTER_SCHOOL = ((0, T(15, 30), T(18, 0)),)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture(autouse=True)
def ratio_14(settings):
    settings.PLUS_STAFF_RATIO = 14


@pytest.fixture
def trajectory(db):
    return TrajectoryFactory()


@pytest.fixture
def action_plan(trajectory):
    return ActionPlanFactory(objective=ObjectiveFactory(plan=PlanFactory(trajectory=trajectory)))


@pytest.fixture
def speelhof(trajectory):
    return SiteFactory(school=SchoolFactory(trajectory=trajectory), name="Het Speelhof")


@pytest.fixture
def klimop(trajectory):
    return SiteFactory(school=SchoolFactory(trajectory=trajectory), name="De Klimop")


def _action(action_plan, sites=(), **fields):
    return ActionFactory(action_plan=action_plan, sites=list(sites), **fields)


def _place(
    worker=None,
    *,
    trajectory,
    site=None,
    central="",
    slots=MONDAY_AFTER_SCHOOL,
    actions=(),
    **fields,
):
    placement = PlacementFactory(
        trajectory=trajectory,
        site=site,
        central_site_name=central,
        actions=list(actions),
        **({"worker": worker} if worker else {}),
        **fields,
    )
    for weekday, starts_at, ends_at in slots:
        if isinstance(weekday, str):
            PlacementSlotFactory(
                placement=placement,
                weekday=None,
                holiday_period=weekday,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        else:
            PlacementSlotFactory(
                placement=placement, weekday=weekday, starts_at=starts_at, ends_at=ends_at
            )
    return placement


def _by_day(rows):
    return {row.weekday: row for row in rows}


@pytest.mark.parametrize(
    ("children", "required"), [(30, 3), (28, 2), (29, 3), (14, 1), (1, 1), (0, 0)]
)
def test_one_carer_per_14_children_rounded_up(
    trajectory, action_plan, speelhof, children, required
):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="wednesday", expected_children=children)
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.children, row.required, row.placed) == (children, required, 0)
    assert row.is_short == (required > 0)


def test_the_ratio_is_a_setting(settings, trajectory, action_plan, speelhof):
    settings.PLUS_STAFF_RATIO = 10
    ActionSlotFactory(
        action=_action(action_plan, [speelhof]), slot="wednesday", expected_children=30
    )
    assert staffing_rows(trajectory, on=ON)[0].required == 3
    del settings.PLUS_STAFF_RATIO
    assert staffing_rows(trajectory, on=ON)[0].required == 3  # default 14: 30 → 3


def test_weekly_slots_give_a_row_per_school_day(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="after_school", expected_children=20)
    ActionSlotFactory(action=action, slot="wednesday", starts_at=T(12, 0), ends_at=T(17, 0))
    ActionSlotFactory(
        action=action,
        slot="holidays",
        holiday_period="summer",
        starts_at=T(9, 0),
        ends_at=T(16, 0),
    )
    ActionSlotFactory(action=action, slot="school_free_days")  # cannot be staffed: left out
    rows = staffing_rows(trajectory, on=ON)
    assert [row.weekday for row in rows] == [0, 1, 3, 4, 2, "summer"]
    assert rows[0].slot_label == "Monday · After school 15:30–18:00"
    assert rows[0].place_label == "Het Speelhof"
    assert rows[0].site_id == speelhof.pk
    assert rows[0].action_code == action.code
    assert rows[-1].slot_label == "Summer holiday 09:00–16:00"


def test_children_are_split_evenly_over_the_sites_rounding_up(
    trajectory, action_plan, speelhof, klimop
):
    action = _action(action_plan, [speelhof, klimop])
    ActionSlotFactory(action=action, slot="wednesday", expected_children=29)
    rows = staffing_rows(trajectory, on=ON)
    assert [(row.place_label, row.children, row.required) for row in rows] == [
        ("De Klimop", 15, 2),
        ("Het Speelhof", 15, 2),
    ]


def test_a_central_site_has_one_row_and_matches_by_name(trajectory, action_plan, speelhof):
    action = _action(
        action_plan, [speelhof], at_central_site=True, central_site_name="Sporthal De Kei"
    )
    ActionSlotFactory(action=action, slot="wednesday", starts_at=T(13, 0), ends_at=T(17, 0))
    _place(trajectory=trajectory, central="sporthal  de kei", slots=[(2, T(13, 0), T(17, 0))])
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.place_label, row.site_id, row.central_site_name) == (
        "Sporthal De Kei",
        None,
        "Sporthal De Kei",
    )
    assert row.placed == 1


def test_placed_counts_workers_at_that_place_and_overlapping_time(
    trajectory, action_plan, speelhof, klimop
):
    action = _action(action_plan, [speelhof])
    other_action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="after_school", expected_children=30)
    counted = [
        _place(
            WorkerFactory(first_name="An", last_name="Aerts"),
            trajectory=trajectory,
            site=speelhof,
            slots=[(0, T(15, 0), T(16, 0)), (0, T(16, 0), T(18, 0))],
        ),
        # Names the action it carries out.
        _place(
            WorkerFactory(first_name="Bo", last_name="Bosmans"),
            trajectory=trajectory,
            site=speelhof,
            actions=[action],
            slots=[(0, T(17, 0), T(19, 0))],
        ),
    ]
    not_counted = [
        _place(trajectory=trajectory, site=speelhof, slots=[(0, T(18, 0), T(19, 0))]),  # touching
        _place(trajectory=trajectory, site=speelhof, slots=[(1, T(15, 30), T(18, 0))]),  # Tuesday
        _place(trajectory=trajectory, site=klimop),  # another site
        _place(trajectory=trajectory, site=speelhof, actions=[other_action]),  # another action
        _place(trajectory=trajectory, site=speelhof, ends_on=D(2026, 11, 26)),  # ended
        _place(trajectory=trajectory, site=speelhof, starts_on=D(2026, 11, 28)),  # not yet
        _place(  # trajectory already over (last day 30/10/2026), though the placement runs on
            WorkerFactory(trajectory_starts_on=D(2021, 10, 31)),
            trajectory=trajectory,
            site=speelhof,
            ends_on=None,
        ),
    ]
    assert len(counted + not_counted) == 9
    monday = _by_day(staffing_rows(trajectory, on=ON))[0]
    assert monday.placed == 2
    assert monday.workers == ["An Aerts", "Bo Bosmans"]
    assert monday.is_short  # 30 children need 3


def test_an_action_slot_without_times_is_covered_by_any_time_that_day(
    trajectory, action_plan, speelhof
):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(
        action=action, slot="lunchtime", starts_at=None, ends_at=None, expected_children=10
    )
    _place(trajectory=trajectory, site=speelhof, slots=[(3, T(7, 0), T(8, 0))])
    rows = _by_day(staffing_rows(trajectory, on=ON))
    assert rows[3].placed == 1
    assert not rows[3].is_short
    assert rows[0].placed == 0


def test_holiday_rows_match_placements_in_that_period(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(
        action=action,
        slot="holidays",
        holiday_period="summer",
        starts_at=T(9, 0),
        ends_at=T(16, 0),
        expected_children=28,
    )
    _place(trajectory=trajectory, site=speelhof, slots=[("summer", T(9, 0), T(12, 0))])
    _place(trajectory=trajectory, site=speelhof, slots=[("easter", T(9, 0), T(16, 0))])
    _place(trajectory=trajectory, site=speelhof, slots=[(0, T(9, 0), T(16, 0))])
    [row] = staffing_rows(trajectory, on=ON)
    assert (row.weekday, row.required, row.placed, row.is_short) == ("summer", 2, 1, True)


def test_actions_not_running_that_day_have_no_rows(trajectory, action_plan, speelhof):
    ActionSlotFactory(action=_action(action_plan, [speelhof], starts_on=D(2027, 1, 1)))
    ActionSlotFactory(action=_action(action_plan, [speelhof], status="dropped"))
    ActionSlotFactory(action=_action(action_plan, []))  # no place at all
    assert staffing_rows(trajectory, on=ON) == []


def test_short_rows_are_those_under_the_ratio(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="after_school", expected_children=14)
    _place(trajectory=trajectory, site=speelhof, slots=[(0, T(15, 30), T(18, 0))])
    assert [row.weekday for row in short_rows(trajectory, on=ON)] == [1, 3, 4]


# Losses


def test_a_placement_ending_shows_the_loss_from_the_next_day(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(
        action=action, slot="wednesday", starts_at=T(13, 0), ends_at=T(17, 0), expected_children=20
    )
    ahmed = WorkerFactory(first_name="Ahmed", last_name="Benali")
    _place(
        ahmed,
        trajectory=trajectory,
        site=speelhof,
        slots=[(2, T(13, 0), T(17, 0))],
        ends_on=D(2026, 12, 18),
    )
    _place(trajectory=trajectory, site=speelhof, slots=[(2, T(13, 0), T(17, 0))])
    assert not staffing_rows(trajectory, on=D(2026, 12, 18))[0].is_short
    assert staffing_rows(trajectory, on=D(2026, 12, 19))[0].is_short

    [loss] = coverage_losses(trajectory, today=ON)
    assert (loss.worker, loss.reason, loss.starts_on) == (
        "Ahmed Benali",
        "placement_ends",
        D(2026, 12, 19),
    )
    assert (loss.placed_before, loss.row.placed, loss.row.required) == (2, 1, 2)
    since = formats.date_format(D(2026, 12, 19), "SHORT_DATE_FORMAT")
    assert str(loss) == (
        f"From {since}, Wednesday · Wednesday afternoon 13:00–17:00 at Het Speelhof "
        f"({action.code}) has 1 of the 2 staff needed: Ahmed Benali's placement ends."
    )


def test_a_trajectory_ending_soon_shows_the_loss(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="wednesday", expected_children=10)
    fatma = WorkerFactory(
        first_name="Fatma", last_name="Yilmaz", trajectory_starts_on=D(2022, 1, 15)
    )  # last day 14/01/2027
    _place(
        fatma, trajectory=trajectory, site=speelhof, slots=[(2, T(15, 30), T(18, 0))], ends_on=None
    )
    [loss] = coverage_losses(trajectory, today=ON)
    assert (loss.reason, loss.starts_on, loss.row.placed) == ("trajectory_ends", D(2027, 1, 15), 0)


def test_no_loss_when_the_row_stays_covered_or_the_end_is_far(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="wednesday", expected_children=10)
    _place(
        trajectory=trajectory,
        site=speelhof,
        slots=[(2, T(15, 30), T(18, 0))],
        ends_on=D(2026, 12, 18),
    )
    _place(trajectory=trajectory, site=speelhof, slots=[(2, T(15, 30), T(18, 0))])
    assert coverage_losses(trajectory, today=ON) == []
    _place(
        trajectory=trajectory,
        site=speelhof,
        slots=[(2, T(15, 30), T(18, 0))],
        ends_on=ON + datetime.timedelta(days=91),
    )
    assert coverage_losses(trajectory, today=ON) == []


def test_a_loss_ninety_days_ahead_still_counts(trajectory, action_plan, speelhof):
    action = _action(action_plan, [speelhof])
    ActionSlotFactory(action=action, slot="wednesday", expected_children=10)
    _place(
        trajectory=trajectory,
        site=speelhof,
        slots=[(2, T(15, 30), T(18, 0))],
        ends_on=ON + datetime.timedelta(days=90),
    )
    assert len(coverage_losses(trajectory, today=ON)) == 1


# Queries


def _world(trajectory, action_plan, size):
    sites = [SiteFactory(school=SchoolFactory(trajectory=trajectory)) for _ in range(size)]
    for index, site in enumerate(sites):
        action = _action(action_plan, [site])
        ActionSlotFactory(action=action, slot="after_school", expected_children=30)
        ActionSlotFactory(
            action=action, slot="holidays", holiday_period="summer", expected_children=20
        )
        for _ in range(2):
            _place(
                trajectory=trajectory,
                site=site,
                actions=[action],
                slots=[(day, T(15, 30), T(18, 0)) for day in (0, 1, 3)]
                + [("summer", T(9, 0), T(16, 0))],
                ends_on=ON + datetime.timedelta(days=10 * (index + 1)),
            )


@pytest.mark.parametrize("size", [1, 10])
def test_queries_stay_flat_as_the_plan_grows(
    trajectory, action_plan, size, django_assert_max_num_queries
):
    _world(trajectory, action_plan, size)
    with django_assert_max_num_queries(6):
        rows = staffing_rows(trajectory, on=ON)
    assert len(rows) == 5 * size
    with django_assert_max_num_queries(6):
        losses = coverage_losses(trajectory, today=ON)
    assert losses
