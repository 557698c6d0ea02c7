"""The whole life of an application through the real command line."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.cli_runner import add_user, run_cli
from tests.factories import DEMO_CATALOGUE, centre_catalogue_file, sample_application


@pytest.fixture
def ws(tmp_path):
    d = tmp_path / "ws"
    assert run_cli(d, "init", "--centre", "34-001", "--workstation", "34-001-07").code == 0
    assert run_cli(d, "catalogue", "import", str(DEMO_CATALOGUE)).code == 0
    add_user(d, "ivanova.mp", "секретный-пароль", name="Иванова М. П.")
    return d


def _write(tmp_path, data, name="app.json"):
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def _table_counts(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("applications", "applicants", "application_events", "outbox", "number_sequences")}
    finally:
        con.close()


def test_apply_show_decide_issue(ws, tmp_path):
    # the centre's own decision: the sample's service as a version 1 (centre-decided) service
    assert run_cli(ws, "catalogue", "import", str(centre_catalogue_file(tmp_path / "v1.json"))).code == 0
    res = run_cli(ws, "apply", str(_write(tmp_path, sample_application())), operator="ivanova.mp")
    assert res.code == 0, res.err
    created = res.json()
    assert created["number"] == f"34-001-07-{created['number'][10:14]}-000001"
    assert created["status"] == "registered"
    assert created["due_date"] >= created["number"][10:14]

    shown = run_cli(ws, "show", created["number"], "--json", operator="ivanova.mp")
    assert shown.code == 0, shown.err
    app = shown.json()
    assert app["id"] == created["id"] and app["due_date"] == created["due_date"]
    assert app["applicant"] == {"full_name": "Иванова Мария Петровна", "snils": "112-233-445 95"}
    assert [e["type"] for e in app["events"]] == ["registered"]

    assert run_cli(ws, "decide", created["number"], "--approve", operator="ivanova.mp").code == 0
    assert run_cli(ws, "issue", created["number"], operator="ivanova.mp").code == 0
    app = run_cli(ws, "show", created["number"], "--json", operator="ivanova.mp").json()
    assert app["status"] == "issued"
    assert [e["type"] for e in app["events"]] == ["registered", "decided", "issued"]
    assert app["decision"]["outcome"] == "approved" and app["decision"]["operator"] == "ivanova.mp"

    listed = run_cli(ws, "list", "--status", "issued", "--json", operator="ivanova.mp").json()
    assert [a["number"] for a in listed] == [created["number"]] and "events" not in listed[0]

    again = run_cli(ws, "issue", created["number"], operator="ivanova.mp")
    assert again.code == 1 and "Результат выдан" in again.err


@pytest.mark.parametrize(("content", "needle"), [
    (sample_application(applicant={**sample_application()["applicant"], "snils": "112-233-445 96"}), "СНИЛС"),
    ({k: v for k, v in sample_application().items() if k != "applicant"}, "Заявитель"),
    (sample_application(applicant={**sample_application()["applicant"], "last_name": ""}), "Фамилия"),
    (sample_application(service="no_such_service"), "no_such_service"),
    ("{not json", "JSON"),
    (sample_application(registered_at="2999-01-01T10:00:00+03:00"), "будущем"),
])
def test_bad_files_are_refused_and_nothing_is_stored(ws, tmp_path, content, needle):
    before = _table_counts(ws / "clerk.sqlite3")
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False),
                    encoding="utf-8")
    res = run_cli(ws, "apply", str(path), operator="ivanova.mp")
    assert res.code == 1
    assert needle in res.err and res.err.count("\n") == 1
    assert _table_counts(ws / "clerk.sqlite3") == before


def test_unknown_operator_and_usage_errors(ws, tmp_path):
    res = run_cli(ws, "apply", str(_write(tmp_path, sample_application())), operator="nobody")
    assert res.code == 1 and "nobody" in res.err
    assert run_cli(ws, "decide", "X").code == 2
    assert run_cli(ws, "show", "34-001-07-2026-999999", operator="ivanova.mp").code == 1


def test_calendar_due_command(tmp_path):
    res = run_cli(tmp_path / "none", "calendar", "due", "2025-04-25", "10")
    assert (res.code, res.out.strip()) == (0, "2025-05-15")
    res = run_cli(tmp_path / "none", "calendar", "due", "2025-12-30", "1", "--calendar-days")
    assert (res.code, res.out.strip()) == (0, "2026-01-12")  # 1-11 January 2026 are days off


def test_print_commands_write_real_pdfs(ws, tmp_path):
    number = run_cli(ws, "apply", str(_write(tmp_path, sample_application())), operator="ivanova.mp").json()["number"]
    out = tmp_path / "out"
    assert run_cli(ws, "print", "receipt", number, "-o", str(out / "r.pdf"), operator="ivanova.mp").code == 0
    assert (out / "r.pdf").read_bytes().startswith(b"%PDF")
    res = run_cli(ws, "print", "decision", number, "-o", str(out / "d.pdf"), operator="ivanova.mp")
    assert res.code == 1 and "Решение" in res.err and not (out / "d.pdf").exists()
    day = number[10:14] and run_cli(ws, "show", number, "--json", operator="ivanova.mp").json()["registered_at"][:10]
    assert run_cli(ws, "print", "register", "--date", day, "-o", str(out / "reg.pdf"), operator="ivanova.mp").code == 0
    assert (out / "reg.pdf").stat().st_size > 1000


def test_calendar_import_for_an_unknown_year(ws, tmp_path):
    before = run_cli(ws, "calendar", "due", "2031-01-09", "1")
    assert before.code == 0 and "предварительный" in before.err
    xml = tmp_path / "2031.xml"
    xml.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<calendar year="2031" lang="ru">'
                   '<days><day d="01.10" t="1"/><day d="01.13" t="1"/></days></calendar>', encoding="utf-8")
    assert run_cli(ws, "calendar", "import", str(xml)).code == 0
    after = run_cli(ws, "calendar", "due", "2031-01-09", "1")
    assert (after.code, after.out.strip(), after.err) == (0, "2031-01-14", "")
    bad = tmp_path / "bad.xml"
    bad.write_text("<calendar>", encoding="utf-8")
    res = run_cli(ws, "calendar", "import", str(bad))
    assert res.code == 1 and "алендар" in res.err
