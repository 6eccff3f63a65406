"""The Flemish school calendar of a school year, computed from its rules (no database).

The rules are those of the Besluit van de Vlaamse Regering van 17 april 1991 betreffende de
organisatie van het schooljaar in het basisonderwijs (the decree for secondary education has
the same principles; Dutch-language schools in Brussels follow it, the French Community's
calendar does not apply). Easter, Ascension Day, Whit Monday and the other Belgian public
holidays come from the ``holidays`` package, so no Easter computus lives here.

A school year runs from 1 September to 31 August; its summer holiday is the one at its end.
"""

import calendar as stdlib_calendar
import datetime
from dataclasses import dataclass
from functools import cache

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _

MONDAY, SATURDAY, SUNDAY = 0, 5, 6
WEEK = datetime.timedelta(days=7)
# Each school year's start year; anything else names no school year (and answers 404).
FIRST_YEAR, LAST_YEAR = 2000, 2099


class HolidayKind(models.TextChoices):
    AUTUMN = "autumn", _("Autumn holiday")
    CHRISTMAS = "christmas", _("Christmas holiday")
    KROKUS = "krokus", _("Krokus holiday")
    EASTER = "easter", _("Easter holiday")
    SUMMER = "summer", _("Summer holiday")


class FreeDayKind(models.TextChoices):
    ARMISTICE = "armistice", _("Armistice Day")
    EASTER_MONDAY = "easter_monday", _("Easter Monday")
    LABOUR_DAY = "labour_day", _("Labour Day")
    ASCENSION = "ascension", _("Ascension Day")
    AFTER_ASCENSION = "after_ascension", _("Day after Ascension Day")
    WHIT_MONDAY = "whit_monday", _("Whit Monday")


class DayKind(models.TextChoices):
    SCHOOL_DAY = "school_day", _("School day")
    WEEKEND = "weekend", _("Weekend")
    HOLIDAY = "holiday", _("School holiday")
    FREE_DAY = "free_day", _("Free day")
    SCHOOL_FREE_DAY = "school_free_day", _("Free day of the school")


@dataclass(frozen=True)
class Holiday:
    kind: HolidayKind
    first: datetime.date
    last: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class FreeDay:
    kind: FreeDayKind
    day: datetime.date

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class SchoolYear:
    start_year: int
    holidays: tuple[Holiday, ...]
    # The single free days that fall outside the holidays (inside them they change nothing).
    free_days: tuple[FreeDay, ...]

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def last(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}–{self.start_year + 1}"

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    def holiday_on(self, day: datetime.date) -> Holiday | None:
        return next((holiday for holiday in self.holidays if day in holiday), None)

    def free_day_on(self, day: datetime.date) -> FreeDay | None:
        return next((free_day for free_day in self.free_days if free_day.day == day), None)

    def day_kind(self, day: datetime.date, *, own_free_days=frozenset()) -> DayKind:
        """What the day is for a pupil; ``own_free_days`` are the school's own free days
        (pedagogical study days, optional free days)."""
        if self.holiday_on(day):
            return DayKind.HOLIDAY
        if self.free_day_on(day):
            return DayKind.FREE_DAY
        if day.weekday() in (SATURDAY, SUNDAY):
            return DayKind.WEEKEND
        if day in own_free_days:
            return DayKind.SCHOOL_FREE_DAY
        return DayKind.SCHOOL_DAY

    def is_school_day(self, day: datetime.date, *, own_free_days=frozenset()) -> bool:
        return self.day_kind(day, own_free_days=own_free_days) == DayKind.SCHOOL_DAY


def school_year_of(day: datetime.date) -> int:
    """The start year of the school year the day belongs to."""
    return day.year if day.month >= 9 else day.year - 1


@cache
def _belgian_public_holidays(year: int) -> dict[str, datetime.date]:
    """Belgium's public holidays of a calendar year by their (stable) English names."""
    # Two holidays on one day come as one joined name ("Ascension Day; Labor Day" in 2008).
    return {
        name: day
        for day, names in holidays.BE(years=year, language="en_US").items()
        for name in names.split("; ")
    }


def _monday_of_week(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _first_monday_of(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(MONDAY - first.weekday()) % 7)


def _for(kind: HolidayKind, first: datetime.date, weeks: int, *, extra_days: int = 0) -> Holiday:
    # A holiday of n weeks starts on a Monday and ends on the n-th Sunday after it.
    return Holiday(kind, first, first + weeks * WEEK + datetime.timedelta(days=extra_days - 1))


def autumn_holiday(year: int) -> Holiday:
    """One week from the Monday of the week with 1 November; from 2 November when 1 November
    is a Sunday (the week it closes would otherwise be a week of October)."""
    all_saints = datetime.date(year, 11, 1)
    if all_saints.weekday() == SUNDAY:
        return _for(HolidayKind.AUTUMN, all_saints + datetime.timedelta(days=1), 1)
    return _for(HolidayKind.AUTUMN, _monday_of_week(all_saints), 1)


def christmas_holiday(year: int) -> Holiday:
    """Two weeks from the Monday of the week with 25 December; from the Monday after when
    Christmas is on a Saturday or Sunday."""
    christmas = datetime.date(year, 12, 25)
    if christmas.weekday() in (SATURDAY, SUNDAY):
        monday = christmas + datetime.timedelta(days=7 - christmas.weekday())
    else:
        monday = _monday_of_week(christmas)
    return _for(HolidayKind.CHRISTMAS, monday, 2)


def easter_sunday(year: int) -> datetime.date:
    return _belgian_public_holidays(year)["Easter Sunday"]


def krokus_holiday(year: int) -> Holiday:
    """One week from the 7th Monday before Easter (Easter Sunday minus 48 days)."""
    return _for(HolidayKind.KROKUS, easter_sunday(year) - datetime.timedelta(days=48), 1)


def easter_holiday(year: int) -> Holiday:
    """Two weeks from the first Monday of April; from the Monday after Easter when Easter is
    in March; from the second Monday before Easter when Easter is after 15 April, with
    Easter Monday added."""
    easter = easter_sunday(year)
    if easter.month == 3:
        return _for(HolidayKind.EASTER, easter + datetime.timedelta(days=1), 2)
    if easter > datetime.date(year, 4, 15):
        return _for(HolidayKind.EASTER, easter - datetime.timedelta(days=13), 2, extra_days=1)
    return _for(HolidayKind.EASTER, _first_monday_of(year, 4), 2)


def summer_holiday(year: int) -> Holiday:
    return Holiday(HolidayKind.SUMMER, datetime.date(year, 7, 1), datetime.date(year, 8, 31))


def _single_free_days(start_year: int) -> list[FreeDay]:
    spring = _belgian_public_holidays(start_year + 1)
    ascension = spring["Ascension Day"]
    return [
        FreeDay(FreeDayKind.ARMISTICE, datetime.date(start_year, 11, 11)),
        FreeDay(FreeDayKind.EASTER_MONDAY, spring["Easter Monday"]),
        FreeDay(FreeDayKind.LABOUR_DAY, spring["Labor Day"]),
        FreeDay(FreeDayKind.ASCENSION, ascension),
        FreeDay(FreeDayKind.AFTER_ASCENSION, ascension + datetime.timedelta(days=1)),
        FreeDay(FreeDayKind.WHIT_MONDAY, spring["Pentecost Monday"]),
    ]


@cache
def school_year(start_year: int) -> SchoolYear:
    """The school year from 1 September of ``start_year`` to 31 August of the next year."""
    if not FIRST_YEAR <= start_year <= LAST_YEAR:
        raise ValueError(f"No school calendar for {start_year}.")
    year_holidays = (
        autumn_holiday(start_year),
        christmas_holiday(start_year),
        krokus_holiday(start_year + 1),
        easter_holiday(start_year + 1),
        summer_holiday(start_year + 1),
    )
    free_days = tuple(
        free_day
        for free_day in _single_free_days(start_year)
        if not any(free_day.day in holiday for holiday in year_holidays)
    )
    return SchoolYear(start_year, year_holidays, free_days)


@dataclass(frozen=True)
class CalendarDay:
    day: datetime.date
    kind: DayKind
    # What makes the day free, in words: a holiday, a free day or the schools' own days.
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list[list[CalendarDay | None]]


def year_months(year: SchoolYear, own_free_days: dict[datetime.date, list[str]]) -> list[Month]:
    """The school year as twelve month grids (September to August), weeks from Monday; a
    day outside the month is None. ``own_free_days`` maps a date to what the schools call it."""
    months = []
    for offset in range(12):
        month_year, month = divmod(year.start_year * 12 + 8 + offset, 12)
        weeks = stdlib_calendar.Calendar(MONDAY).monthdatescalendar(month_year, month + 1)
        months.append(
            Month(
                datetime.date(month_year, month + 1, 1),
                [
                    [
                        _calendar_day(year, day, own_free_days) if day.month == month + 1 else None
                        for day in week
                    ]
                    for week in weeks
                ],
            )
        )
    return months


def _calendar_day(year: SchoolYear, day: datetime.date, own_free_days) -> CalendarDay:
    kind = year.day_kind(day, own_free_days=own_free_days)
    free = year.holiday_on(day) or year.free_day_on(day)
    notes = (free.label,) if free else ()
    if kind == DayKind.SCHOOL_FREE_DAY:
        notes = tuple(own_free_days[day])
    return CalendarDay(day, kind, notes)
