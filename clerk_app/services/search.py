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
from dataclasses import dataclass, field

from clerk_app.domain import identifiers as ids
from clerk_app.domain import search_keys as keys
from clerk_app.domain.errors import ValidationError

_FULL_NUMBER = re.compile(r"\d{2}-\d{3}-\d{2}-\d{4}-\d{6}")
_NUMBER_START = re.compile(r"\d{2}(?:-\d{0,3}(?:-\d{0,2}(?:-\d{0,4}(?:-\d{0,5})?)?)?)?")
_YEAR_SEQ = re.compile(r"(?:(?P<ws>[\d-]*\d)-)?(?P<year>(?:19|20)\d{2})-(?P<seq>\d{1,6})")
_SNILS = re.compile(r"\d{3}-?\d{3}-?\d{3}[\s-]?\d{2}")
_PASSPORT = re.compile(r"\d{2}\s?\d{2}\s?\d{6}")
NEWEST_FIRST = "applications.registered_on DESC, applications.number DESC"
_BY_NAME = f"applications.applicant_name_key, {NEWEST_FIRST}"
_BY_INITIALS = f"applications.applicant_initials_key, {NEWEST_FIRST}"
_NOTHING = "0"


@dataclass(frozen=True)
class SearchPlan:
    """One reading of the search text: the rows it selects (SQL over `applications` with named
    parameters, all named s_*) and the order they come in."""

    kind: str  # "none", "number", "number_start", "year_seq", "number_end", "snils", "passport",
    #            "name", "initials", "unknown"
    text: str  # as typed, spaces collapsed
    description: str  # what was looked for, in Russian («номер заявления оканчивается на 123»)
    where: str = ""
    params: dict[str, str] = field(default_factory=dict)
    order_by: str = NEWEST_FIRST
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
        return SearchPlan("unknown", typed, f"«{typed}»: введите номер, ФИО, СНИЛС или паспорт", _NOTHING)
    return _name_plan(typed, words)


def _digits_plan(typed: str, compact: str) -> SearchPlan:
    digits = compact.replace("-", "")
    if _FULL_NUMBER.fullmatch(compact):
        return SearchPlan("number", typed, f"заявление № {compact}", "applications.number = :s_number",
                          {"s_number": compact}, "applications.number")
    year_seq = _YEAR_SEQ.fullmatch(compact)
    if year_seq and (year_seq["ws"] is None or len(year_seq["seq"]) == 6):
        return _year_seq_plan(typed, year_seq)
    if "-" in compact and _NUMBER_START.fullmatch(compact) and len(compact) >= 6:
        return SearchPlan("number_start", typed, f"номер заявления начинается с «{compact}»",
                          *_starts("applications.number", compact), "applications.number")
    if "-" not in compact and 1 <= len(digits) <= 6:
        return SearchPlan(
            "number_end", typed, f"номер заявления оканчивается на «{digits}»",
            *_starts("applications.number_key", digits[::-1]), "applications.number_key",
            f"сначала № …{int(digits):06d}, затем другие номера на …{digits}",
        )
    if len(digits) == 11 and _SNILS.fullmatch(typed):
        try:
            snils = ids.normalize_snils(typed)
        except ValidationError:
            return SearchPlan("unknown", typed, f"СНИЛС «{typed}» — не сходится контрольное число", _NOTHING)
        return SearchPlan("snils", typed, f"СНИЛС {snils}",
                          "applications.applicant_id IN (SELECT id FROM applicants WHERE snils = :s_snils)",
                          {"s_snils": snils})
    if len(digits) == 10 and _PASSPORT.fullmatch(typed):
        series, number = f"{digits[:2]} {digits[2:4]}", digits[4:]
        return SearchPlan("passport", typed, f"паспорт {series} № {number}",
                          "applications.applicant_id IN (SELECT id FROM applicants "
                          "WHERE passport_series = :s_series AND passport_number = :s_passport)",
                          {"s_series": series, "s_passport": number})
    return SearchPlan(
        "unknown", typed,
        f"«{typed}» — номер заявления ищется по последним цифрам (до 6) или по году и номеру (2026-000123), "
        "СНИЛС — по 11 цифрам, паспорт — по 10 цифрам серии и номера",
        _NOTHING,
    )


def _year_seq_plan(typed: str, m: re.Match[str]) -> SearchPlan:
    year, seq = int(m["year"]), int(m["seq"])
    if seq == 0:
        return SearchPlan("unknown", typed, f"номер «{typed}»: порядковый номер не может быть нулевым", _NOTHING)
    where, params = _starts("applications.number_key", f"{keys.reversed_sequence(seq)}-{keys.year_key(year)}-")
    shown = f"{year}-{seq:06d}"
    if m["ws"]:  # digits and hyphens only: nothing to escape in LIKE
        shown = f"{m['ws']}-{shown}"
        where += " AND applications.number LIKE :s_tail"
        params["s_tail"] = f"%{shown}"
    return SearchPlan("year_seq", typed, f"номер заявления …{shown}", where, params, "applications.number_key")


def _name_plan(typed: str, words: list[str]) -> SearchPlan:
    rest = words[1:]
    key = " ".join(words)
    if rest and all(len(w) == 1 for w in rest) and len(rest) <= 2:
        initials = " ".join(f"{w.upper()}." for w in rest)
        return SearchPlan(
            "initials", typed, f"фамилия «{words[0].capitalize()}», инициалы {initials}",
            *_starts("applications.applicant_initials_key", key), _BY_INITIALS,
            "по фамилии и инициалам, затем новые выше",
        )
    return SearchPlan(
        "name", typed, f"ФИО начинается с «{typed}»", *_starts("applications.applicant_name_key", key), _BY_NAME,
        "по ФИО, затем новые выше",
    )


def _starts(column: str, key: str) -> tuple[str, dict[str, str]]:
    """A prefix as an index range (LIKE would ignore the index: SQLite's LIKE folds only ASCII)."""
    return f"{column} >= :s_lo AND {column} < :s_hi", {"s_lo": key, "s_hi": key + "\U0010ffff"}
