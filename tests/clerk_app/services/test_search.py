"""Search through `queries.page`/`count`: number endings, year-sequence, initials, completion, «ё», hints."""

from __future__ import annotations

import sqlite3

import pytest

from clerk_app.devtools.generate import generate
from clerk_app.devtools.samples import numbered_application
from clerk_app.domain import search_keys
from clerk_app.services import applications, queries, search
from clerk_app.storage import migrate
from tests.factories import CLERK, make_context


def _people(ctx):
    """Applicants whose names the tests look for, registered through the service."""
    made = {}
    for i, (last, first, middle) in enumerate((
        ("Петров", "Иван", "Сергеевич"), ("Петров", "Игорь", "Семёнович"), ("Петров", "Иван", "Андреевич"),
        ("Петрова", "Ирина", "Сергеевна"), ("Фёдоров", "Пётр", "Ильич"), ("Петров-Водкин", "Кузьма", "Сергеевич"),
    ), start=1):
        data = numbered_application(7000 + i)
        data["applicant"].update(last_name=last, first_name=first, middle_name=middle)
        made[f"{last} {first} {middle}"] = applications.register(ctx, CLERK, data).number
    return made


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    """One workstation for the whole module: 400 generated applications and the people above (read only)."""
    context = make_context(tmp_path_factory.mktemp("search") / "ws")
    generate(context, 400, seed=5)
    yield context
    context.close()


@pytest.fixture(scope="module")
def people(ctx):
    return _people(ctx)


def _names(ctx, text, limit=1000):
    return [r.applicant_name for r in queries.page(ctx, queries.ListFilter(text=text), 0, limit)]


def _numbers(ctx, text, limit=1000):
    return [r.number for r in queries.page(ctx, queries.ListFilter(text=text), 0, limit)]


def _all(ctx):
    return queries.page(ctx, queries.ListFilter(), 0, 10_000)


def test_keys_fold_case_yo_and_punctuation():
    assert search_keys.name_key("  ФЁДОРОВ   Пётр Ильич ") == "федоров петр ильич"
    assert search_keys.initials_key("Петров-Водкин Кузьма Сергеевич") == "петров-водкин к с"
    assert search_keys.number_key("34-001-07-2026-000123") == "321000-7973-34-001-07"


def test_surname_prefix_is_ordered_by_name_then_newest_first(ctx, people):
    rows = queries.page(ctx, queries.ListFilter(text="петров"), 0, 1000)
    expected = sorted((r for r in _all(ctx) if search_keys.name_key(r.applicant_name).startswith("петров")),
                      key=lambda r: r.number, reverse=True)
    expected.sort(key=lambda r: r.registered_at, reverse=True)
    expected.sort(key=lambda r: search_keys.name_key(r.applicant_name))
    assert [r.number for r in rows] == [r.number for r in expected]
    assert {"Петров Иван Сергеевич", "Петрова Ирина Сергеевна", "Петров-Водкин Кузьма Сергеевич"} <= \
        {r.applicant_name for r in rows}
    assert search.plan("петров").order_note == "по ФИО, затем новые выше"
    assert queries.count(ctx, queries.ListFilter(text="ПЕТРОВ")) == len(rows)
    assert [r.number for r in queries.page(ctx, queries.ListFilter(text="петров"), 3, 5)] == \
        [r.number for r in rows[3:8]]


def test_first_name_completion(ctx, people):
    assert set(_names(ctx, "Петров Иван")) >= {"Петров Иван Сергеевич", "Петров Иван Андреевич"}
    completed = _names(ctx, "Петров Ив")
    assert "Петров Иван Сергеевич" in completed and "Петров Игорь Семёнович" not in completed
    assert all(search_keys.name_key(n).startswith("петров ив") for n in completed)
    assert _names(ctx, "петров иван серг") == ["Петров Иван Сергеевич"]


def test_initials_with_and_without_spaces(ctx, people):
    for text in ("Петров И.С.", "Петров И. С.", "петров и с", "ПЕТРОВ И.С"):
        found = _names(ctx, text)
        assert "Петров Иван Сергеевич" in found and "Петров Игорь Семёнович" in found, text
        assert "Петров Иван Андреевич" not in found and "Петрова Ирина Сергеевна" not in found, text
        assert all(search_keys.initials_key(n) == "петров и с" for n in found), text
    assert "Петров Иван Андреевич" in _names(ctx, "Петров И.")
    assert search.plan("Петров И.С.").kind == "initials"


def test_yo_is_e_both_ways(ctx, people):
    assert _names(ctx, "федоров петр") == ["Фёдоров Пётр Ильич"]
    assert _names(ctx, "Фёдоров Пётр") == ["Фёдоров Пётр Ильич"]
    assert "Петров Игорь Семёнович" in _names(ctx, "петров игорь семенович")


def test_number_by_any_ending_of_the_sequence_and_by_year_sequence(ctx, people):
    number = people["Фёдоров Пётр Ильич"]
    year, seq = number.split("-")[3], number.split("-")[4]
    for ending in (seq, seq.lstrip("0"), seq[-3:], seq[-1:]):
        found = _numbers(ctx, ending)
        assert number in found, ending
        assert all(n.endswith(ending) for n in found), ending
        exact = [n for n in found if n.endswith(f"-{int(ending):06d}")]
        assert found[:len(exact)] == exact, ending  # the exact sequence first
        assert queries.count(ctx, queries.ListFilter(text=ending)) == len(found)
    assert _numbers(ctx, f"{year}-{seq}") == [number]
    assert _numbers(ctx, f"{year}-{int(seq)}") == [number]
    assert _numbers(ctx, number) == [number]
    assert _numbers(ctx, number[6:]) == [number]  # «07-2026-000123»
    assert number in _numbers(ctx, number[:-3])  # typed so far
    assert _numbers(ctx, f"{int(year) - 5}-{seq}") == []


def test_snils_and_passport(ctx, people):
    data = numbered_application(7005)
    number = people["Фёдоров Пётр Ильич"]
    snils = data["applicant"]["snils"]
    assert _numbers(ctx, snils) == [number]
    assert _numbers(ctx, snils.replace("-", "").replace(" ", "")) == [number]
    passport = data["applicant"]["passport"]
    assert _numbers(ctx, f"{passport['series']} {passport['number']}") == [number]


def test_an_empty_result_says_what_was_looked_for(ctx, people):
    cases = {
        "Несуществующая": "Ничего не найдено: ФИО начинается с «Несуществующая»",
        "Петров Я.Я.": "Ничего не найдено: фамилия «Петров», инициалы Я. Я.",
        "1999-000001": "Ничего не найдено: номер заявления …1999-000001",
        "1234567": "Ничего не найдено: «1234567» — номер заявления ищется по последним цифрам",
        "112-233-445 96": "Ничего не найдено: СНИЛС «112-233-445 96» — не сходится контрольное число",
    }
    for text, message in cases.items():
        assert queries.count(ctx, queries.ListFilter(text=text)) == 0, text
        assert queries.page(ctx, queries.ListFilter(text=text), 0, 50) == [], text
        assert search.plan(text).nothing_found().startswith(message), text


def test_search_combines_with_the_other_filters(ctx, people):
    issued = queries.page(ctx, queries.ListFilter(text="петров", status="issued"), 0, 1000)
    assert issued and all(r.status == "issued" for r in issued)
    assert all(search_keys.name_key(r.applicant_name).startswith("петров") for r in issued)


def test_migration_fills_the_keys_of_existing_applications(tmp_path):
    db = tmp_path / "clerk.sqlite3"
    migrate.upgrade(db, "0004")
    con = sqlite3.connect(db)
    con.execute(
        "insert into applications (id, number, service_code, applicant_name, applicant_name_key, status, "
        "registered_at, registered_on, due_date, due_provisional, workstation, operator, open_requests, state, "
        "updated_at) values ('a1', '34-001-07-2025-000042', 'x', 'Фёдоров Пётр Ильич', 'фёдоров пётр ильич', "
        "'registered', '2025-01-10T09:00:00+03:00', '2025-01-10', '2025-02-10', 0, '34-001-07', 'clerk', 0, "
        "'{}', '2025-01-10T09:00:00+03:00')")
    con.commit()
    con.close()
    migrate.upgrade(db)
    con = sqlite3.connect(db)
    try:
        row = con.execute("select applicant_name_key, applicant_initials_key, number_key from applications").fetchone()
        indexes = {r[0] for r in con.execute("select name from sqlite_master where type = 'index'")}
    finally:
        con.close()
    assert row == ("федоров петр ильич", "федоров п и", "240000-7974-34-001-07")
    assert {"ix_applications_name_order", "ix_applications_initials_order", "ix_applications_number_key"} <= indexes
