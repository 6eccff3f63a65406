"""A trajectory lasts five whole years (six by exception): its last day is the day before the
anniversary, and it "ends soon" in the six months before that day."""

import datetime

import pytest

from staffing.models import Worker
from staffing.rules import add_months, trajectory_ends_soon, trajectory_max_end

D = datetime.date


@pytest.mark.parametrize(
    ("start", "extended", "last_day"),
    [
        (D(2021, 3, 1), False, D(2026, 2, 28)),
        (D(2023, 3, 1), False, D(2028, 2, 29)),  # the day before falls on a leap day
        (D(2024, 2, 29), False, D(2029, 2, 28)),  # no 29 February in 2029: anniversary 1 March
        (D(2024, 2, 29), True, D(2030, 2, 28)),
        (D(2020, 2, 29), False, D(2025, 2, 28)),
        (D(2024, 1, 1), False, D(2028, 12, 31)),
        (D(2024, 1, 1), True, D(2029, 12, 31)),
        (D(2023, 12, 31), False, D(2028, 12, 30)),
    ],
)
def test_last_day_is_the_day_before_the_anniversary(start, extended, last_day):
    assert trajectory_max_end(start, extended=extended) == last_day


def test_start_plus_five_years_exactly_is_already_outside():
    start = D(2021, 9, 1)
    last_day = trajectory_max_end(start, extended=False)
    assert last_day < D(2026, 9, 1)
    assert last_day + datetime.timedelta(days=1) == D(2026, 9, 1)


def test_a_worker_brings_their_own_start_and_extension():
    worker = Worker(trajectory_starts_on=D(2021, 3, 1), extended_to_six_years=True)
    assert trajectory_max_end(worker) == D(2027, 2, 28)
    assert trajectory_max_end(worker, extended=False) == D(2026, 2, 28)


def test_a_start_date_alone_must_say_whether_extended():
    with pytest.raises(TypeError):
        trajectory_max_end(D(2021, 3, 1))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 11, 27), 6, D(2027, 5, 27)),
        (D(2026, 7, 15), 6, D(2027, 1, 15)),
    ],
)
def test_adding_months_clips_to_the_end_of_a_short_month(day, months, expected):
    assert add_months(day, months) == expected


def _worker(**fields):
    values = {
        "regime": Worker.Regime.LDE,
        "trajectory_starts_on": D(2021, 12, 1),
        "extended_to_six_years": False,
    }
    return Worker(**(values | fields))  # max end 30/11/2026


def test_ends_soon_within_six_months_inclusive():
    worker = _worker()
    assert trajectory_ends_soon(worker, today=D(2026, 5, 30))
    assert not trajectory_ends_soon(worker, today=D(2026, 5, 29))


def test_ends_soon_also_when_already_past_without_an_outcome():
    assert trajectory_ends_soon(_worker(), today=D(2027, 1, 5))


def test_an_outcome_ends_the_alert():
    worker = _worker(outcome=Worker.Outcome.REGULAR_JOB)
    assert not trajectory_ends_soon(worker, today=D(2026, 10, 1))


def test_an_extension_moves_the_alert_a_year():
    assert not trajectory_ends_soon(_worker(extended_to_six_years=True), today=D(2026, 10, 1))


def test_months_can_be_chosen():
    assert trajectory_ends_soon(_worker(), today=D(2026, 3, 1), months=9)
    assert not trajectory_ends_soon(_worker(), today=D(2026, 3, 1), months=3)
