"""The Russian production calendar and the deadlines computed on it.

Working days come from three sources, in order of precedence:

1. overrides (e.g. imported from an xmlcalendar.ru file): a year with any
   override is taken as fully described by them; days not listed are working
   on weekdays and off on weekends;
2. the ``holidays`` package (country RU), which carries the decreed transfers,
   for the years it has decree data for (see ``library_years``);
3. for any other year, the law without decrees: weekends, the fixed holidays of
   art. 112 of the Labour Code and its automatic rule that a holiday falling on a
   weekend moves the day off to the next working day (except Jan 1-8).
   Deadlines that touch such a year are marked provisional.
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

import holidays

from clerk_app.domain.errors import ValidationError

__all__ = [
    "FIXED_HOLIDAYS",
    "DayKind",
    "Due",
    "ProductionCalendar",
    "library_years",
    "parse_xmlcalendar",
]

date = _dt.date
_ONE_DAY = _dt.timedelta(days=1)


class DayKind(IntEnum):
    """Kinds of day, numbered as the ``t`` codes of xmlcalendar.ru."""

    OFF = 1
    SHORT = 2  # a shortened working day before a holiday; a working day for deadlines
    WORKING = 3


@dataclass(frozen=True, slots=True)
class Due:
    date: _dt.date
    provisional: bool  # computed partly without decree data: may shift once it is known


# Non-working holidays of art. 112 of the Labour Code (month, day).
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
    (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
)
# Holidays whose coincidence with a weekend does not move the day off by law
# (art. 112 part 2 exempts the New Year holidays and Christmas, paragraphs 2-3:
# the government moves those by decree instead).
_NOT_MOVED_BY_LAW = frozenset((1, d) for d in range(1, 9))


# --- where each year's days off come from -----------------------------------

@lru_cache(maxsize=1)
def _library_data_bounds() -> tuple[int, int] | None:
    """First and last year for which the holidays package holds Russian decree data.

    The package lists each year's decreed transfers (``special_public_holidays``)
    and the days moved off by law (``special_public_holidays_observed``); no year
    is missing from 1991 on, so the last year present is the last year whose
    decree the installed version knows.
    """
    try:
        from holidays.countries.russia import Russia, RussiaStaticHolidays

        years = set(RussiaStaticHolidays.special_public_holidays)
        years |= set(getattr(RussiaStaticHolidays, "special_public_holidays_observed", {}))
        return int(Russia.start_year), max(years)
    except (ImportError, AttributeError, TypeError, ValueError):
        return None  # unknown layout: trust nothing rather than guess


def library_years(today: _dt.date | None = None) -> range:
    """Years the holidays package is trusted for.

    From the package's first year to the last year it has decree data for, but
    never beyond next year: a decree is published a few months before its year,
    so anything later in the package cannot be decree data.
    """
    bounds = _library_data_bounds()
    if bounds is None:
        return range(0)
    today = today or _dt.date.today()
    first, last = bounds
    return range(first, min(last, today.year + 1) + 1)


def _weekend_days(year: int) -> set[_dt.date]:
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    saturday = first + (5 - date.fromordinal(first).weekday()) % 7
    out: set[_dt.date] = set()
    for o in range(saturday, last + 1, 7):
        out.add(date.fromordinal(o))
        if o + 1 <= last:
            out.add(date.fromordinal(o + 1))
    if date.fromordinal(first).weekday() == 6:  # the year opens on a Sunday
        out.add(date.fromordinal(first))
    return out


@lru_cache(maxsize=None)
def _library_off_days(year: int) -> frozenset[_dt.date]:
    # Neighbouring years too: a transfer may take a working Saturday from them.
    h = holidays.country_holidays("RU", years=(year - 1, year, year + 1))
    off = {d for d in h if d.year == year}
    working_weekend = {d for d in h.weekend_workdays if d.year == year}
    # A listed holiday stays off even if it was also the source of a transfer.
    off |= {d for d in _weekend_days(year) if d not in working_weekend}
    return frozenset(off)


@lru_cache(maxsize=None)
def _statutory_off_days(year: int) -> frozenset[_dt.date]:
    fixed = [date(year, m, d) for m, d in FIXED_HOLIDAYS]
    weekend = _weekend_days(year)
    off = set(fixed) | weekend
    for (m, d), day in zip(FIXED_HOLIDAYS, fixed):
        if day in weekend and (m, d) not in _NOT_MOVED_BY_LAW:
            moved = day + _ONE_DAY
            while moved in off:
                moved += _ONE_DAY
            off.add(moved)
    return frozenset(off)


def _override_off_days(year: int, overrides: Mapping[_dt.date, DayKind]) -> frozenset[_dt.date]:
    off = _weekend_days(year)
    for d, kind in overrides.items():
        if d.year != year:
            continue
        if kind is DayKind.OFF:
            off.add(d)
        else:
            off.discard(d)
    return frozenset(off)


@dataclass(frozen=True, slots=True)
class _Year:
    known: bool
    off: frozenset[_dt.date]
    working: tuple[int, ...]  # ordinals of working days, ascending


def _check_term(n: object, minimum: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValidationError("Срок: число дней должно быть целым числом", field="term")
    if n < minimum:
        raise ValidationError(
            f"Срок: число дней должно быть не меньше {minimum}", field="term"
        )
    return n


def _out_of_range() -> ValidationError:
    return ValidationError("Срок: дата выходит за пределы календаря (после 9999 года)", field="term")


class ProductionCalendar:
    """Working days of the Russian Federation with decreed transfers and overrides."""

    def __init__(
        self,
        overrides: Mapping[_dt.date, DayKind] | None = None,
        *,
        today: _dt.date | None = None,
    ) -> None:
        self._today = today or _dt.date.today()
        self._overrides: dict[_dt.date, DayKind] = {}
        for d, kind in (overrides or {}).items():
            if not isinstance(d, _dt.date) or isinstance(d, _dt.datetime):
                raise TypeError(f"override key must be a date, got {d!r}")
            self._overrides[d] = DayKind(kind)
        self._override_years = frozenset(d.year for d in self._overrides)
        self._library_years = library_years(self._today)
        self._known = frozenset(self._library_years) | self._override_years
        self._years: dict[int, _Year] = {}

    # -- what the calendar knows --

    @property
    def overrides(self) -> dict[_dt.date, DayKind]:
        return dict(self._overrides)

    def with_overrides(self, overrides: Mapping[_dt.date, DayKind]) -> ProductionCalendar:
        """A calendar where each year present in `overrides` is replaced by them."""
        new_years = {d.year for d in overrides}
        merged = {d: k for d, k in self._overrides.items() if d.year not in new_years}
        merged.update(overrides)
        return ProductionCalendar(merged, today=self._today)

    def known_years(self) -> frozenset[int]:
        return self._known

    def is_known(self, d: _dt.date) -> bool:
        return d.year in self._known

    # -- single days --

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        if not 1 <= year <= 9999:
            raise _out_of_range()
        if year in self._override_years:
            off = _override_off_days(year, self._overrides)
        elif year in self._library_years:
            off = _library_off_days(year)
        else:
            off = _statutory_off_days(year)
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        off_ordinals = {d.toordinal() for d in off}
        working = tuple(o for o in range(first, last + 1) if o not in off_ordinals)
        entry = _Year(year in self._known, off, working)
        self._years[year] = entry
        return entry

    def is_working_day(self, d: _dt.date) -> bool:
        return d not in self._year(d.year).off

    def day_kind(self, d: _dt.date) -> DayKind:
        kind = self._overrides.get(d)
        if kind is not None:
            return kind
        return DayKind.WORKING if self.is_working_day(d) else DayKind.OFF

    # -- deadlines --

    def due_working_days(self, start: _dt.date, n: int) -> Due:
        """The n-th working day after `start` (`start` itself never counts)."""
        remaining = _check_term(n, 1)
        origin = start.toordinal()
        if start == date.max:
            raise _out_of_range()
        year = (start + _ONE_DAY).year
        provisional = False
        while True:
            entry = self._year(year)
            provisional = provisional or not entry.known
            idx = bisect_right(entry.working, origin)
            available = len(entry.working) - idx
            if remaining <= available:
                return Due(date.fromordinal(entry.working[idx + remaining - 1]), provisional)
            remaining -= available
            year += 1

    def due_calendar_days(self, start: _dt.date, n: int) -> Due:
        """`start` + n days, moved to the next working day if that one is off."""
        _check_term(n, 0)
        try:
            target = start + _dt.timedelta(days=n)
        except OverflowError:
            raise _out_of_range() from None
        ordinal = target.toordinal()
        year = target.year
        provisional = False
        while True:
            entry = self._year(year)
            provisional = provisional or not entry.known
            idx = bisect_left(entry.working, ordinal)
            if idx < len(entry.working):
                return Due(date.fromordinal(entry.working[idx]), provisional)
            year += 1

    def due(self, start: _dt.date, n: int, working: bool = True) -> Due:
        return self.due_working_days(start, n) if working else self.due_calendar_days(start, n)

    def due_with_legs(self, start: _dt.date, n: int, working: bool = True, handover_working_days: int = 0,
                      return_working_days: int = 0) -> Due:
        """The service's term plus the handover and return legs (working days after it)."""
        due = self.due(start, n, working)
        legs = _check_term(handover_working_days, 0) + _check_term(return_working_days, 0)
        if not legs:
            return due
        extended = self.due_working_days(due.date, legs)
        return Due(extended.date, due.provisional or extended.provisional)

    def working_days_between(self, a: _dt.date, b: _dt.date) -> int:
        """Working days in (a, b]; negative (minus those in (b, a]) when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        lo, hi = a.toordinal(), b.toordinal()
        total = 0
        for year in range(a.year, b.year + 1):
            days = self._year(year).working
            total += bisect_right(days, hi) - bisect_right(days, lo)
        return total


# --- xmlcalendar.ru import ---------------------------------------------------

_DAY_CODE = re.compile(r"([0-9]{2})\.([0-9]{2})")


def _calendar_error(problem: str) -> ValidationError:
    return ValidationError(f"Производственный календарь: {problem}", field="calendar")


def parse_xmlcalendar(xml_text: str) -> tuple[int, dict[_dt.date, DayKind]]:
    """Parse an xmlcalendar.ru file: ``<calendar year="2027"><days><day d="MM.DD" t="1"/>…``."""
    if not isinstance(xml_text, str) or not xml_text.strip():
        raise _calendar_error("файл пуст")
    if "<!DOCTYPE" in xml_text.upper() or "<!ENTITY" in xml_text.upper():
        raise _calendar_error("объявления DOCTYPE/ENTITY не допускаются")
    try:
        root = ET.fromstring(xml_text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise _calendar_error(f"файл не является корректным XML ({exc})") from None
    if root.tag != "calendar":
        raise _calendar_error(f"ожидается корневой элемент <calendar>, найден <{root.tag}>")
    year_text = (root.get("year") or "").strip()
    if not re.fullmatch(r"[0-9]{4}", year_text) or not 1900 <= int(year_text) <= 9999:
        raise _calendar_error(f"неверный год «{year_text}» в атрибуте year")
    year = int(year_text)
    days = root.find("days")
    if days is None:
        raise _calendar_error("нет раздела <days>")
    result: dict[_dt.date, DayKind] = {}
    for element in days:
        if element.tag != "day":
            raise _calendar_error(f"неожиданный элемент <{element.tag}> в разделе <days>")
        code = (element.get("d") or "").strip()
        m = _DAY_CODE.fullmatch(code)
        if not m:
            raise _calendar_error(f"неверная дата «{code}», ожидается ММ.ДД")
        try:
            day = date(year, int(m[1]), int(m[2]))
        except ValueError:
            raise _calendar_error(f"дата «{code}» не существует в {year} году") from None
        kind_text = (element.get("t") or "").strip()
        if kind_text not in ("1", "2", "3"):
            raise _calendar_error(f"неверный тип дня «{kind_text}» для {code} (допустимо 1, 2, 3)")
        if day in result:
            raise _calendar_error(f"день {code} указан дважды")
        result[day] = DayKind(int(kind_text))
    if not result:
        raise _calendar_error(f"в календаре на {year} год нет ни одного дня")
    return year, result
