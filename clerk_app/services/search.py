"""What the clerk typed into the search field, read as one kind of search with its index and order.

Every kind is one range of one index, read in that index's order, so the first page costs the
same however many applications match:
- a number: the whole number, its beginning as it is typed, year and sequence («2026-000123»,
  «2026-123») or any ending of the sequence («000123», «123»; the exact sequence comes first);
- СНИЛС (11 digits) and passport series with number (10 digits);
- a name: the beginning of «фамилия имя отчество» («Петров», «Петров Ив») or a surname with
  initials («Петров И.С.», «Петров И. С.»), without regard to case or «ё»; these lists run
  by name, then newest first, and `order_note` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, select

from clerk_app.domain import identifiers as ids
from clerk_app.domain import search_keys as keys
from clerk_app.domain.errors import ValidationError
from clerk_app.storage.models import Applicant, Application

_FULL_NUMBER = re.compile(r"\d{2}-\d{3}-\d{2}-\d{4}-\d{6}")
_NUMBER_START = re.compile(r"\d{2}(?:-\d{0,3}(?:-\d{0,2}(?:-\d{0,4}(?:-\d{0,5})?)?)?)?")
_YEAR_SEQ = re.compile(r"(?:(?P<ws>[\d-]*\d)-)?(?P<year>(?:19|20)\d{2})-(?P<seq>\d{1,6})")
_SNILS = re.compile(r"\d{3}-?\d{3}-?\d{3}[\s-]?\d{2}")
_PASSPORT = re.compile(r"\d{2}\s?\d{2}\s?\d{6}")
_NEWEST_FIRST = (Application.registered_on.desc(), Application.number.desc())
_BY_NAME = (Application.applicant_name_key, *_NEWEST_FIRST)
_BY_INITIALS = (Application.applicant_initials_key, *_NEWEST_FIRST)


@dataclass(frozen=True)
class SearchPlan:
    """One reading of the search text: the rows it selects and the order they come in."""

    kind: str  # "none", "number", "number_start", "year_seq", "number_end", "snils", "passport",
    #            "name", "initials", "unknown"
    text: str  # as typed, spaces collapsed
    description: str  # what was looked for, in Russian («номер заявления оканчивается на 123»)
    conditions: tuple[ColumnElement[bool], ...] = ()
    order_by: tuple[Any, ...] = _NEWEST_FIRST
    order_note: str = ""  # how the list is ordered, when it is not newest first

    def nothing_found(self) -> str:
        return f"Ничего не найдено: {self.description}"


def plan(text: str | None) -> SearchPlan:
    typed = " ".join((text or "").split())
    if not typed:
        return SearchPlan("none", "", "все заявления")
    compact = typed.replace(" ", "")
    if re.fullmatch(r"[\d\s-]+", typed):
        return _digits_plan(typed, compact)
    words = keys.fold(typed).split()
    if not words:
        return SearchPlan("unknown", typed, f"«{typed}»: введите номер, ФИО, СНИЛС или паспорт",
                          (false(),))
    return _name_plan(typed, words)


def _digits_plan(typed: str, compact: str) -> SearchPlan:
    digits = compact.replace("-", "")
    if _FULL_NUMBER.fullmatch(compact):
        return SearchPlan("number", typed, f"заявление № {compact}", (Application.number == compact,),
                          (Application.number,))
    year_seq = _YEAR_SEQ.fullmatch(compact)
    if year_seq and (year_seq["ws"] is None or len(year_seq["seq"]) == 6):
        return _year_seq_plan(typed, year_seq)
    if "-" in compact and _NUMBER_START.fullmatch(compact) and len(compact) >= 6:
        return SearchPlan("number_start", typed, f"номер заявления начинается с «{compact}»",
                          (_starts(Application.number, compact),), (Application.number,))
    if "-" not in compact and 1 <= len(digits) <= 6:
        key = digits[::-1]
        return SearchPlan(
            "number_end", typed, f"номер заявления оканчивается на «{digits}»",
            (_starts(Application.number_key, key),), (Application.number_key,),
            f"сначала № …{int(digits):06d}, затем другие номера на …{digits}",
        )
    if len(digits) == 11 and _SNILS.fullmatch(typed):
        try:
            snils = ids.normalize_snils(typed)
        except ValidationError:
            return SearchPlan("unknown", typed, f"СНИЛС «{typed}» — не сходится контрольное число", (false(),))
        owners = select(Applicant.id).where(Applicant.snils == snils)
        return SearchPlan("snils", typed, f"СНИЛС {snils}", (Application.applicant_id.in_(owners),))
    if len(digits) == 10 and _PASSPORT.fullmatch(typed):
        series, number = f"{digits[:2]} {digits[2:4]}", digits[4:]
        owners = select(Applicant.id).where(Applicant.passport_series == series, Applicant.passport_number == number)
        return SearchPlan("passport", typed, f"паспорт {series} № {number}", (Application.applicant_id.in_(owners),))
    return SearchPlan(
        "unknown", typed,
        f"«{typed}» — номер заявления ищется по последним цифрам (до 6) или по году и номеру (2026-000123), "
        "СНИЛС — по 11 цифрам, паспорт — по 10 цифрам серии и номера",
        (false(),),
    )


def _year_seq_plan(typed: str, m: re.Match[str]) -> SearchPlan:
    year, seq = int(m["year"]), int(m["seq"])
    if seq == 0:
        return SearchPlan("unknown", typed, f"номер «{typed}»: порядковый номер не может быть нулевым", (false(),))
    key = f"{keys.reversed_sequence(seq)}-{keys.year_key(year)}-"
    conditions: tuple[ColumnElement[bool], ...] = (_starts(Application.number_key, key),)
    shown = f"{year}-{seq:06d}"
    if m["ws"]:
        conditions += (Application.number.endswith(f"{m['ws']}-{shown}", autoescape=True),)
        shown = f"{m['ws']}-{shown}"
    return SearchPlan("year_seq", typed, f"номер заявления …{shown}", conditions, (Application.number_key,))


def _name_plan(typed: str, words: list[str]) -> SearchPlan:
    rest = words[1:]
    if rest and all(len(w) == 1 for w in rest) and len(rest) <= 2:
        key = " ".join(words)
        initials = " ".join(f"{w.upper()}." for w in rest)
        return SearchPlan(
            "initials", typed, f"фамилия «{words[0].capitalize()}», инициалы {initials}",
            (_starts(Application.applicant_initials_key, key),), _BY_INITIALS,
            "по фамилии и инициалам, затем новые выше",
        )
    key = " ".join(words)
    return SearchPlan(
        "name", typed, f"ФИО начинается с «{typed}»",
        (_starts(Application.applicant_name_key, key),), _BY_NAME,
        "по ФИО, затем новые выше",
    )


def _starts(column: Any, key: str) -> ColumnElement[bool]:
    """A prefix as an index range (LIKE would ignore the index: SQLite's LIKE folds only ASCII)."""
    return (column >= key) & (column < key + "\U0010ffff")
