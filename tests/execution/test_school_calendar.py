"""The Flemish school calendar computed from its rules, against dates schools published.

Published dates: 2022–23, 2023–24, 2024–25, 2025–26 and 2027–28 as listed on Flemish school
and academy websites (Besluit van de Vlaamse Regering of 17 April 1991).
"""

import datetime

import pytest

from execution.calendar import (
    DayKind,
    FreeDayKind,
    HolidayKind,
    school_year,
    school_year_of,
)

D = datetime.date


def _periods(start_year: int) -> dict[str, tuple[datetime.date, datetime.date]]:
    return {
        holiday.kind: (holiday.first, holiday.last) for holiday in school_year(start_year).holidays
    }


def _free_days(start_year: int) -> dict[str, datetime.date]:
    return {free_day.kind: free_day.day for free_day in school_year(start_year).free_days}


def test_2023_2024_with_easter_in_march():
    assert _periods(2023) == {
        HolidayKind.AUTUMN: (D(2023, 10, 30), D(2023, 11, 5)),
        HolidayKind.CHRISTMAS: (D(2023, 12, 25), D(2024, 1, 7)),
        HolidayKind.KROKUS: (D(2024, 2, 12), D(2024, 2, 18)),
        # Easter on 31 March: from the Monday after Easter, which is Easter Monday.
        HolidayKind.EASTER: (D(2024, 4, 1), D(2024, 4, 14)),
        HolidayKind.SUMMER: (D(2024, 7, 1), D(2024, 8, 31)),
    }
    assert _free_days(2023) == {
        FreeDayKind.ARMISTICE: D(2023, 11, 11),
        FreeDayKind.LABOUR_DAY: D(2024, 5, 1),
        FreeDayKind.ASCENSION: D(2024, 5, 9),
        FreeDayKind.AFTER_ASCENSION: D(2024, 5, 10),
        FreeDayKind.WHIT_MONDAY: D(2024, 5, 20),
    }


def test_2025_2026_with_easter_early_in_april():
    assert _periods(2025) == {
        HolidayKind.AUTUMN: (D(2025, 10, 27), D(2025, 11, 2)),
        HolidayKind.CHRISTMAS: (D(2025, 12, 22), D(2026, 1, 4)),
        HolidayKind.KROKUS: (D(2026, 2, 16), D(2026, 2, 22)),
        HolidayKind.EASTER: (D(2026, 4, 6), D(2026, 4, 19)),
        HolidayKind.SUMMER: (D(2026, 7, 1), D(2026, 8, 31)),
    }
    assert _free_days(2025) == {
        FreeDayKind.ARMISTICE: D(2025, 11, 11),
        FreeDayKind.LABOUR_DAY: D(2026, 5, 1),
        FreeDayKind.ASCENSION: D(2026, 5, 14),
        FreeDayKind.AFTER_ASCENSION: D(2026, 5, 15),
        FreeDayKind.WHIT_MONDAY: D(2026, 5, 25),
    }


def test_2024_2025_with_easter_after_15_april_adds_easter_monday():
    # Easter on 20 April 2025: from the second Monday before Easter, up to Easter Monday.
    assert _periods(2024) == {
        HolidayKind.AUTUMN: (D(2024, 10, 28), D(2024, 11, 3)),
        HolidayKind.CHRISTMAS: (D(2024, 12, 23), D(2025, 1, 5)),
        HolidayKind.KROKUS: (D(2025, 3, 3), D(2025, 3, 9)),
        HolidayKind.EASTER: (D(2025, 4, 7), D(2025, 4, 21)),
        HolidayKind.SUMMER: (D(2025, 7, 1), D(2025, 8, 31)),
    }
    assert _free_days(2024) == {
        FreeDayKind.ARMISTICE: D(2024, 11, 11),
        FreeDayKind.LABOUR_DAY: D(2025, 5, 1),
        FreeDayKind.ASCENSION: D(2025, 5, 29),
        FreeDayKind.AFTER_ASCENSION: D(2025, 5, 30),
        FreeDayKind.WHIT_MONDAY: D(2025, 6, 9),
    }


def test_2027_2028_with_easter_after_15_april_and_christmas_on_a_saturday():
    periods = _periods(2027)
    assert periods[HolidayKind.AUTUMN] == (D(2027, 11, 1), D(2027, 11, 7))
    # 25 December 2027 is a Saturday: from the Monday after.
    assert periods[HolidayKind.CHRISTMAS] == (D(2027, 12, 27), D(2028, 1, 9))
    assert periods[HolidayKind.KROKUS] == (D(2028, 2, 28), D(2028, 3, 5))
    # Easter on 16 April 2028.
    assert periods[HolidayKind.EASTER] == (D(2028, 4, 3), D(2028, 4, 17))


def test_christmas_on_a_sunday_starts_the_monday_after():
    # 2022–23 as published: 26 December 2022 to 8 January 2023.
    assert _periods(2022)[HolidayKind.CHRISTMAS] == (D(2022, 12, 26), D(2023, 1, 8))


def test_christmas_on_a_saturday_in_2021_starts_the_monday_after():
    assert _periods(2021)[HolidayKind.CHRISTMAS] == (D(2021, 12, 27), D(2022, 1, 9))


def test_1_november_on_a_sunday_starts_the_autumn_holiday_on_2_november():
    # 1 November 2026 is a Sunday; the Monday of its week would be 26 October.
    assert _periods(2026)[HolidayKind.AUTUMN] == (D(2026, 11, 2), D(2026, 11, 8))


def test_1_november_on_a_saturday_starts_the_monday_of_its_week():
    assert _periods(2025)[HolidayKind.AUTUMN][0] == D(2025, 10, 27)


def test_easter_monday_outside_the_easter_holiday_is_a_free_day():
    # Easter 2001 was 15 April (not after 15 April): from the first Monday of April, 2 April,
    # to 15 April, so Easter Monday 16 April is a free day of its own.
    assert _periods(2000)[HolidayKind.EASTER] == (D(2001, 4, 2), D(2001, 4, 15))
    assert _free_days(2000)[FreeDayKind.EASTER_MONDAY] == D(2001, 4, 16)


def test_day_kinds_of_2025_2026(in_english):
    year = school_year(2025)
    assert year.day_kind(D(2025, 9, 1)) == DayKind.SCHOOL_DAY
    assert year.day_kind(D(2025, 9, 6)) == DayKind.WEEKEND
    assert year.day_kind(D(2025, 10, 29)) == DayKind.HOLIDAY
    assert year.day_kind(D(2025, 11, 11)) == DayKind.FREE_DAY
    assert year.day_kind(D(2026, 5, 15)) == DayKind.FREE_DAY
    assert year.holiday_on(D(2026, 4, 10)).label == "Easter holiday"
    assert year.free_day_on(D(2026, 5, 25)).label == "Whit Monday"


def test_a_school_free_day_is_no_school_day():
    year = school_year(2025)
    study_day = D(2025, 10, 16)
    assert year.is_school_day(study_day)
    assert not year.is_school_day(study_day, own_free_days={study_day})
    assert year.day_kind(study_day, own_free_days={study_day}) == DayKind.SCHOOL_FREE_DAY


def test_a_school_year_runs_from_september_to_august():
    assert school_year_of(D(2026, 8, 31)) == 2025
    assert school_year_of(D(2026, 9, 1)) == 2026
    year = school_year(2025)
    assert (year.first, year.last, year.label) == (D(2025, 9, 1), D(2026, 8, 31), "2025–2026")


@pytest.mark.parametrize("start_year", [1999, 2100])
def test_years_outside_the_calendar_are_refused(start_year):
    with pytest.raises(ValueError, match="No school calendar"):
        school_year(start_year)


def test_ascension_on_labour_day_keeps_both_free_days():
    # In 2008 Ascension Day fell on 1 May; the holidays package names that day once, jointly.
    free_days = {free_day.kind: free_day.day for free_day in school_year(2007).free_days}
    assert free_days[FreeDayKind.ASCENSION] == free_days[FreeDayKind.LABOUR_DAY] == D(2008, 5, 1)
    assert free_days[FreeDayKind.AFTER_ASCENSION] == D(2008, 5, 2)


def test_every_year_of_the_calendar_can_be_computed():
    assert all(school_year(start_year).free_days for start_year in range(2000, 2100))
