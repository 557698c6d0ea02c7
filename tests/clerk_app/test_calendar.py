from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.calendar import (
    FIXED_HOLIDAYS,
    DayKind,
    Due,
    ProductionCalendar,
    library_years,
    parse_xmlcalendar,
)
from clerk_app.domain.errors import ValidationError

# A fixed "today" keeps the trusted range stable: the package is trusted up to 2026.
TODAY = date(2025, 6, 1)
CAL = ProductionCalendar(today=TODAY)

# A synthetic xmlcalendar.ru file for a year no library knows yet.
XML_2031 = """<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2031" lang="ru" date="2030.09.01" country="ru">
  <holidays>
    <holiday id="1" title="Новогодние каникулы"/>
    <holiday id="2" title="Рождество Христово"/>
    <holiday id="3" title="День защитника Отечества"/>
    <holiday id="4" title="Международный женский день"/>
    <holiday id="5" title="Праздник Весны и Труда"/>
    <holiday id="6" title="День Победы"/>
    <holiday id="7" title="День России"/>
    <holiday id="8" title="День народного единства"/>
  </holidays>
  <days>
    <day d="01.01" t="1" h="1"/>
    <day d="01.02" t="1" h="1"/>
    <day d="01.03" t="1" h="1"/>
    <day d="01.04" t="1" h="1"/>
    <day d="01.05" t="1" h="1"/>
    <day d="01.06" t="1" h="1"/>
    <day d="01.07" t="1" h="2"/>
    <day d="01.08" t="1" h="1"/>
    <day d="02.23" t="1" h="3"/>
    <day d="03.07" t="2"/>
    <day d="03.10" t="1" f="03.08"/>
    <day d="04.30" t="2"/>
    <day d="05.01" t="1" h="5"/>
    <day d="05.02" t="1" f="11.01"/>
    <day d="05.08" t="2"/>
    <day d="05.09" t="1" h="6"/>
    <day d="06.11" t="2"/>
    <day d="06.12" t="1" h="7"/>
    <day d="11.01" t="3" f="05.02"/>
    <day d="11.03" t="2"/>
    <day d="11.04" t="1" h="8"/>
    <day d="12.31" t="1"/>
  </days>
</calendar>
"""


# --- the calendar against known facts ------------------------------------------

OFF_DAYS = (
    [date(2025, 1, d) for d in range(1, 9)]
    + [date(2025, 5, d) for d in (1, 2, 3, 4, 8, 9, 10, 11)]
    + [date(2025, 6, 12), date(2025, 6, 13), date(2025, 11, 3), date(2025, 11, 4), date(2025, 12, 31)]
    + [date(2024, 4, 29), date(2024, 4, 30), date(2024, 12, 30), date(2024, 12, 31)]
    + [date(2026, 1, 9), date(2026, 12, 31)]
)
WORKING_DAYS = [
    date(2025, 1, 9),
    date(2025, 5, 5),
    date(2025, 5, 7),
    date(2025, 5, 12),
    date(2025, 11, 1),  # working Saturday
    date(2024, 4, 27),  # working Saturday
    date(2024, 11, 2),  # working Saturday
    date(2024, 12, 28),  # working Saturday
    date(2025, 2, 24),  # Feb 23 (Sunday) was moved to May 8 by decree, not to Monday
    date(2025, 3, 10),  # Mar 8 (Saturday) was moved to Jun 13 by decree
]


@pytest.mark.parametrize("d", OFF_DAYS, ids=str)
def test_known_days_off(d):
    assert not CAL.is_working_day(d)
    assert CAL.day_kind(d) is DayKind.OFF


@pytest.mark.parametrize("d", WORKING_DAYS, ids=str)
def test_known_working_days(d):
    assert CAL.is_working_day(d)
    assert CAL.day_kind(d) is DayKind.WORKING


def test_ordinary_weekends_are_off():
    assert not CAL.is_working_day(date(2025, 4, 26))
    assert not CAL.is_working_day(date(2025, 4, 27))
    assert CAL.is_working_day(date(2025, 4, 28))


def test_known_years_bounded_by_next_year():
    years = CAL.known_years()
    assert {2024, 2025, 2026} <= years
    assert max(years) == 2026  # the package may have more, but a decree is at most a year ahead
    assert CAL.is_known(date(2026, 12, 31))
    assert not CAL.is_known(date(2027, 1, 1))
    assert library_years(TODAY) == range(library_years(TODAY).start, 2027)


# --- deadlines in working days ------------------------------------------------------

def test_spec_example_across_may_holidays():
    assert CAL.due(date(2025, 4, 25), 10, working=True) == Due(date(2025, 5, 15), False)
    assert CAL.due_working_days(date(2025, 4, 25), 10) == Due(date(2025, 5, 15), False)


def test_across_new_year_holidays():
    # Dec 29, 30 work; Dec 31 and Jan 1-11 off (Jan 9 moved from Jan 3); Jan 12, 13, 14.
    assert CAL.due_working_days(date(2025, 12, 26), 5) == Due(date(2026, 1, 14), False)


def test_across_year_boundary_with_working_saturday():
    # Dec 28, 2024 is a working Saturday; Dec 30, 31 and Jan 1-8 are off.
    assert CAL.due_working_days(date(2024, 12, 27), 1) == Due(date(2024, 12, 28), False)
    assert CAL.due_working_days(date(2024, 12, 27), 3) == Due(date(2025, 1, 10), False)


def test_start_day_never_counts():
    assert CAL.due_working_days(date(2025, 4, 21), 1).date == date(2025, 4, 22)
    # From a Saturday the first working day is Monday.
    assert CAL.due_working_days(date(2025, 4, 26), 1).date == date(2025, 4, 28)
    # From the last day of a year.
    assert CAL.due_working_days(date(2024, 12, 31), 1).date == date(2025, 1, 9)


def test_term_must_be_positive_integer():
    for bad in (0, -3):
        err = pytest.raises(ValidationError, CAL.due_working_days, date(2025, 1, 1), bad).value
        assert err.field == "term"
        assert err.message.startswith("Срок: ")
    with pytest.raises(ValidationError):
        CAL.due_calendar_days(date(2025, 1, 1), -1)
    with pytest.raises(ValidationError):
        CAL.due_working_days(date(2025, 1, 1), True)
    with pytest.raises(ValidationError):
        CAL.due_working_days(date(2025, 1, 1), 2.0)


def test_past_year_9999_is_refused():
    with pytest.raises(ValidationError):
        CAL.due_working_days(date(9999, 12, 30), 5)
    with pytest.raises(ValidationError):
        CAL.due_calendar_days(date(9999, 12, 30), 10)


# --- deadlines in calendar days ---------------------------------------------------

def test_calendar_term_on_working_day_is_kept():
    assert CAL.due_calendar_days(date(2025, 4, 1), 10) == Due(date(2025, 4, 11), False)
    assert CAL.due(date(2025, 4, 1), 10, working=False) == Due(date(2025, 4, 11), False)


def test_calendar_term_on_holiday_moves_to_next_working_day():
    # Apr 22 + 10 = May 2 (day off by transfer), May 3-4 weekend -> May 5.
    assert CAL.due_calendar_days(date(2025, 4, 22), 10) == Due(date(2025, 5, 5), False)
    # Jun 12 is a holiday, Jun 13 transferred off, then the weekend -> Jun 16.
    assert CAL.due_calendar_days(date(2025, 6, 2), 10).date == date(2025, 6, 16)


def test_calendar_term_on_working_saturday_is_kept():
    assert CAL.due_calendar_days(date(2025, 10, 22), 10).date == date(2025, 11, 1)


def test_calendar_term_across_new_year():
    # Dec 31, 2025 off, Jan 1-11, 2026 off -> Jan 12.
    assert CAL.due_calendar_days(date(2025, 12, 21), 10) == Due(date(2026, 1, 12), False)


def test_calendar_term_zero_days():
    assert CAL.due_calendar_days(date(2025, 4, 28), 0).date == date(2025, 4, 28)
    assert CAL.due_calendar_days(date(2025, 5, 1), 0).date == date(2025, 5, 5)


# --- provisional deadlines -----------------------------------------------------

def test_far_future_is_provisional_with_fixed_holidays():
    cal = ProductionCalendar(today=TODAY)
    # From Friday, Jun 8, 2040: Jun 12 (Tuesday) is skipped, Monday Jun 11 is not
    # taken as a bridge day.
    assert cal.due_working_days(date(2040, 6, 8), 1) == Due(date(2040, 6, 11), True)
    assert cal.due_working_days(date(2040, 6, 8), 2) == Due(date(2040, 6, 13), True)
    assert cal.due_working_days(date(2040, 6, 8), 3) == Due(date(2040, 6, 14), True)
    assert cal.due_calendar_days(date(2040, 6, 2), 10) == Due(date(2040, 6, 13), True)
    for month, day in FIXED_HOLIDAYS:
        assert not cal.is_working_day(date(2040, month, day))
    # Jan 7, 2040 is a Saturday; only a decree moves a January holiday.
    assert cal.due_working_days(date(2039, 12, 30), 1) == Due(date(2040, 1, 9), True)


def test_fallback_moves_weekend_holiday_by_law_but_not_january_ones():
    cal = ProductionCalendar(today=TODAY)
    # May 9, 2037 is a Saturday: art. 112 moves the day off to Monday, May 11.
    assert not cal.is_working_day(date(2037, 5, 11))
    assert cal.is_working_day(date(2037, 5, 12))
    # Jan 1, 2033 is a Saturday and Jan 2 a Sunday: only a decree moves those.
    assert cal.is_working_day(date(2033, 1, 10))
    assert cal.is_working_day(date(2033, 1, 11))
    # Nov 4, 2035 is a Sunday: Monday, Nov 5 is off.
    assert not cal.is_working_day(date(2035, 11, 5))


def test_fallback_law_matches_the_package_for_recent_years():
    # A calendar "as of 1990" trusts no decree after 1991, so it uses the law only.
    law = ProductionCalendar(today=date(1990, 1, 1))
    assert not law.is_known(date(2026, 3, 9))
    for d in (date(2026, 3, 9), date(2026, 5, 11), date(2023, 11, 6), date(2022, 6, 13)):
        assert not law.is_working_day(d)
        assert not CAL.is_working_day(d)


def test_crossing_into_unknown_year_is_provisional():
    # 2027 is beyond "next year" for TODAY, even if the package already has it.
    due = CAL.due_working_days(date(2026, 12, 25), 5)
    assert due == Due(date(2027, 1, 12), True)
    # The start day alone does not make a deadline provisional.
    assert CAL.due_working_days(date(2026, 12, 24), 4) == Due(date(2026, 12, 30), False)


def test_same_deadline_is_firm_once_the_year_is_known():
    later = ProductionCalendar(today=date(2026, 11, 26))
    if 2027 not in later.known_years():
        pytest.skip("the installed holidays package has no 2027 decree")
    assert later.due_working_days(date(2026, 12, 25), 5) == Due(date(2027, 1, 12), False)


# --- overrides from xmlcalendar ------------------------------------------------------

def test_parse_xmlcalendar_sample():
    year, days = parse_xmlcalendar(XML_2031)
    assert year == 2031
    assert len(days) == 22
    assert days[date(2031, 1, 1)] is DayKind.OFF
    assert days[date(2031, 3, 7)] is DayKind.SHORT
    assert days[date(2031, 11, 1)] is DayKind.WORKING


def test_overrides_make_year_known_and_take_precedence():
    _, days = parse_xmlcalendar(XML_2031)
    plain = ProductionCalendar(today=TODAY)
    cal = ProductionCalendar(days, today=TODAY)
    assert 2031 in cal.known_years() and 2031 not in plain.known_years()
    # A weekday turned off and a Saturday turned working.
    assert plain.is_working_day(date(2031, 5, 2)) and not cal.is_working_day(date(2031, 5, 2))
    assert not plain.is_working_day(date(2031, 11, 1)) and cal.is_working_day(date(2031, 11, 1))
    # A shortened day is a working day.
    assert cal.is_working_day(date(2031, 4, 30))
    assert cal.day_kind(date(2031, 4, 30)) is DayKind.SHORT
    # Days not listed: weekdays work, weekends are off.
    assert cal.is_working_day(date(2031, 1, 9))
    assert not cal.is_working_day(date(2031, 5, 3))
    # Deadlines: Apr 28, 29, 30 (short), May 5, 6.
    assert cal.due_working_days(date(2031, 4, 25), 5) == Due(date(2031, 5, 6), False)
    assert plain.due_working_days(date(2031, 4, 25), 5) == Due(date(2031, 5, 5), True)
    # Nov 1 (working Saturday) and Nov 3 (short) between Oct 31 and Nov 3.
    assert cal.working_days_between(date(2031, 10, 31), date(2031, 11, 3)) == 2
    assert plain.working_days_between(date(2031, 10, 31), date(2031, 11, 3)) == 1
    # Beyond the imported year the calendar is provisional again.
    assert cal.due_working_days(date(2031, 12, 29), 3).provisional


def test_override_year_replaces_library_data():
    # Only one 2025 day listed: the package's transfers no longer apply to 2025.
    cal = ProductionCalendar({date(2025, 1, 1): DayKind.OFF}, today=TODAY)
    assert cal.is_working_day(date(2025, 11, 3))
    assert not cal.is_working_day(date(2025, 11, 1))
    assert not cal.is_working_day(date(2025, 1, 1))
    assert cal.is_working_day(date(2025, 1, 2))
    # Other years keep the package data.
    assert not cal.is_working_day(date(2024, 12, 30))


def test_with_overrides_replaces_whole_years():
    _, days = parse_xmlcalendar(XML_2031)
    cal = ProductionCalendar({date(2031, 6, 2): DayKind.OFF, date(2032, 6, 1): DayKind.OFF}, today=TODAY)
    merged = cal.with_overrides(days)
    assert merged.is_working_day(date(2031, 6, 2))  # old 2031 entry dropped
    assert not merged.is_working_day(date(2032, 6, 1))  # other year kept
    assert not merged.is_working_day(date(2031, 5, 2))
    assert cal.is_working_day(date(2031, 5, 2))  # the original is unchanged


def test_override_keys_and_kinds_are_checked():
    cal = ProductionCalendar({date(2031, 5, 5): 1}, today=TODAY)
    assert cal.day_kind(date(2031, 5, 5)) is DayKind.OFF
    with pytest.raises(TypeError):
        ProductionCalendar({"2031-05-05": DayKind.OFF})
    with pytest.raises(ValueError):
        ProductionCalendar({date(2031, 5, 5): 7})


def _xml(days: str, year: str = "2031") -> str:
    return f'<calendar year="{year}" lang="ru"><holidays/><days>{days}</days></calendar>'


@pytest.mark.parametrize(
    "text,problem",
    [
        ("", "пуст"),
        ("not xml at all", "XML"),
        ("<calendar year='2031'><days><day d='01.01' t='1'></days></calendar>", "XML"),
        ("<kalendar year='2031'><days/></kalendar>", "<calendar>"),
        ('<calendar lang="ru"><days><day d="01.01" t="1"/></days></calendar>', "год"),
        (_xml('<day d="01.01" t="1"/>', year="31"), "год"),
        ('<calendar year="2031"><holidays/></calendar>', "<days>"),
        (_xml(""), "нет ни одного дня"),
        (_xml('<day d="1.1" t="1"/>'), "ММ.ДД"),
        (_xml('<day d="13.01" t="1"/>'), "не существует"),
        (_xml('<day d="02.29" t="1"/>'), "не существует"),
        (_xml('<day d="01.01" t="4"/>'), "тип дня"),
        (_xml('<day d="01.01"/>'), "тип дня"),
        (_xml('<day d="01.01" t="1"/><day d="01.01" t="3"/>'), "дважды"),
        (_xml('<week d="01.01" t="1"/>'), "<week>"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><calendar year="2031"><days/></calendar>', "DOCTYPE"),
    ],
)
def test_parse_xmlcalendar_refuses_malformed(text, problem):
    with pytest.raises(ValidationError) as info:
        parse_xmlcalendar(text)
    assert info.value.field == "calendar"
    assert info.value.message.startswith("Производственный календарь: ")
    assert problem in info.value.message


def test_parse_xmlcalendar_leap_day_in_leap_year():
    year, days = parse_xmlcalendar(_xml('<day d="02.29" t="3"/>', year="2032"))
    assert (year, days) == (2032, {date(2032, 2, 29): DayKind.WORKING})


# --- counting working days --------------------------------------------------------

def test_working_days_between():
    assert CAL.working_days_between(date(2025, 4, 25), date(2025, 5, 15)) == 10
    assert CAL.working_days_between(date(2025, 5, 15), date(2025, 4, 25)) == -10
    assert CAL.working_days_between(date(2025, 5, 15), date(2025, 5, 15)) == 0
    # (a, b]: the end counts, the start does not.
    assert CAL.working_days_between(date(2025, 5, 14), date(2025, 5, 15)) == 1
    assert CAL.working_days_between(date(2025, 5, 15), date(2025, 5, 16)) == 1
    # Whole year 2025: 247 working days by the decree.
    assert CAL.working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 247
    assert CAL.working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 248


starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2045, 12, 31))


@given(starts, st.integers(min_value=1, max_value=400))
def test_due_working_days_properties(start, n):
    due = CAL.due_working_days(start, n)
    assert due.date > start
    assert CAL.is_working_day(due.date)
    assert CAL.working_days_between(start, due.date) == n
    assert CAL.working_days_between(start, due.date - timedelta(days=1)) == n - 1
    touched = range((start + timedelta(days=1)).year, due.date.year + 1)
    assert due.provisional == any(y not in CAL.known_years() for y in touched)


@given(starts, st.integers(min_value=0, max_value=400))
def test_due_calendar_days_properties(start, n):
    due = CAL.due_calendar_days(start, n)
    target = start + timedelta(days=n)
    assert due.date >= target
    assert CAL.is_working_day(due.date)
    d = target
    while d < due.date:
        assert not CAL.is_working_day(d)
        d += timedelta(days=1)
    touched = range(target.year, due.date.year + 1)
    assert due.provisional == any(y not in CAL.known_years() for y in touched)


@given(starts, starts)
def test_working_days_between_matches_day_by_day_count(a, b):
    lo, hi = min(a, b), max(a, b)
    if (hi - lo).days > 800:
        hi = lo + timedelta(days=800)
    expected = sum(CAL.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CAL.working_days_between(lo, hi) == expected
    assert CAL.working_days_between(hi, lo) == -expected
