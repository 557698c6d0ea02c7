"""The command line proves who acts: login/logout sessions, the set-up rule, init's gateway rules."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.e2e import cli_runner
from tests.e2e.cli_runner import run_cli as run_child
from tests.e2e.cli_runner import run_main as run_cli
from tests.factories import DEMO_CATALOGUE, sample_application

BOSS_PW = "пароль-руководителя"


def login(d, name, password):
    res = run_cli(d, "login", name, stdin=password + "\n")
    assert res.code == 0, res.err


def add_user(d, name, password, role="supervisor"):
    res = run_cli(d, "user", "add", name, "--name", f"Оператор {name}", "--role", role, stdin=password + "\n")
    assert res.code == 0, res.err
    login(d, name, password)


ADMIN_PW = "пароль-администратора"


@pytest.fixture
def ws(tmp_path):
    d = tmp_path / "ws"
    assert run_cli(d, "init", "--centre", "34-001", "--workstation", "34-001-07").code == 0
    assert run_cli(d, "catalogue", "import", str(DEMO_CATALOGUE)).code == 0
    add_user(d, "boss", BOSS_PW)
    return d


@pytest.fixture
def app_file(tmp_path):
    p = tmp_path / "app.json"
    p.write_text(json.dumps(sample_application(), ensure_ascii=False), encoding="utf-8")
    return p


def _refused_to_log_in(res, login_name):
    assert res.code == 1, res
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    assert f"clerk-app login {login_name}" in res.err


def test_a_login_name_alone_proves_nothing(tmp_path, app_file):
    """In child processes, as a script would run it."""
    d = tmp_path / "ws"
    assert run_child(d, "init", "--centre", "34-001", "--workstation", "34-001-07").code == 0
    assert run_child(d, "catalogue", "import", str(DEMO_CATALOGUE)).code == 0
    assert run_child(d, "user", "add", "boss", "--name", "Босс", "--role", "supervisor",
                     stdin=BOSS_PW + "\n").code == 0
    _refused_to_log_in(run_child(d, "apply", str(app_file), operator="boss"), "boss")
    res = run_child(d, "login", "boss", stdin="неверный-пароль\n")
    assert res.code == 1 and "Неверный логин или пароль" in res.err
    cli_runner.login(d, "boss", BOSS_PW)
    assert run_child(d, "apply", str(app_file), operator="boss").code == 0
    # the one open session is used when no operator is named
    assert len(run_child(d, "list", "--json").json()) == 1


def test_session_file_is_owner_only_and_a_forged_one_is_refused(ws):
    folder = ws / "sessions"
    path = folder / "boss.session"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ws.stat().st_mode) == 0o700
    real = json.loads(path.read_text(encoding="utf-8"))
    assert set(real) == {"login", "secret"} and len(real["secret"]) >= 40
    assert real["secret"] not in (ws / "clerk.sqlite3").read_bytes().decode("latin-1")  # only its hash is stored
    assert run_cli(ws, "list", operator="boss").code == 0

    path.write_text(json.dumps({"login": "boss", "secret": "x" * 43}), encoding="utf-8")
    _refused_to_log_in(run_cli(ws, "list", operator="boss"), "boss")
    assert not path.exists()  # a dead session file is removed

    login(ws, "boss", BOSS_PW)
    real = path.read_text(encoding="utf-8")
    add_user(ws, "clerk", "пароль-оператора", role="clerk")
    # boss's secret under clerk's name does not make anyone clerk (nor boss)
    (folder / "clerk.session").write_text(real.replace('"boss"', '"clerk"'), encoding="utf-8")
    os.chmod(folder / "clerk.session", 0o600)
    _refused_to_log_in(run_cli(ws, "list", operator="clerk"), "clerk")
    # a session file others may read is refused
    os.chmod(path, 0o644)
    res = run_cli(ws, "list", operator="boss")
    _refused_to_log_in(res, "boss")
    assert "другим пользователям" in res.err


def test_logout_ends_the_session(ws):
    assert run_cli(ws, "list", operator="boss").code == 0
    res = run_cli(ws, "logout", "boss")
    assert res.code == 0 and "boss" in res.out
    _refused_to_log_in(run_cli(ws, "list", operator="boss"), "boss")
    login(ws, "boss", BOSS_PW)
    assert run_cli(ws, "logout").code == 0  # every session of the folder
    _refused_to_log_in(run_cli(ws, "list", operator="boss"), "boss")
    assert run_cli(ws, "logout").out.strip() == "Открытых сеансов нет"


def test_failed_logins_lock_the_account_and_end_its_session(ws):
    assert run_cli(ws, "list", operator="boss").code == 0
    for _ in range(5):
        assert run_cli(ws, "login", "boss", stdin="неверный-пароль\n").code == 1
    res = run_cli(ws, "login", "boss", stdin=BOSS_PW + "\n")
    assert res.code == 1 and "заблокирована" in res.err
    res = run_cli(ws, "list", operator="boss")
    assert res.code == 1 and "clerk-app login boss" in res.err


def test_user_add_needs_an_administrator_once_there_is_one(ws):
    add_user(ws, "root", ADMIN_PW, role="admin")  # set-up: no administrator yet
    res = run_cli(ws, "user", "add", "mallory", "--name", "Злоумышленник", "--role", "supervisor",
                  stdin="пароль-злодея\n")
    assert res.code == 1 and "администратора" in res.err and "clerk-app login" in res.err
    res = run_cli(ws, "user", "add", "mallory", "--name", "Злоумышленник", "--role", "supervisor",
                  stdin="пароль-злодея\n", operator="boss")
    assert res.code == 1 and "не администратор" in res.err
    res = run_cli(ws, "user", "add", "mallory", "--name", "Злоумышленник", "--role", "admin",
                  stdin="пароль-злодея\n", operator="root")
    assert res.code == 0, res.err
    run_cli(ws, "logout", "root")
    res = run_cli(ws, "user", "add", "eve", "--name", "Ева", "--role", "clerk", stdin="пароль-евы-1\n", operator="root")
    assert res.code == 1 and "clerk-app login root" in res.err


def test_init_changes_the_gateway_only_for_an_administrator_and_never_to_plain_http(ws, tmp_path):
    res = run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07", "--gateway", "http://gw.example.ru/api/v1")
    assert res.code == 1 and "https://" in res.err and res.err.count("\n") == 1
    assert run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                   "--gateway", "http://127.0.0.1:8765/api/v1").code == 0  # loopback; no administrator yet
    add_user(ws, "root", ADMIN_PW, role="admin")
    res = run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                  "--gateway", "https://evil.example.org/api/v1")
    assert res.code == 1 and "администратора" in res.err
    token = tmp_path / "token.txt"
    token.write_text("stolen\n", encoding="utf-8")
    res = run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07", "--token-file", str(token),
                  operator="boss")
    assert res.code == 1 and "не администратор" in res.err
    # the same gateway again changes nothing and needs no session
    assert run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                   "--gateway", "http://127.0.0.1:8765/api/v1").code == 0
    res = run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                  "--gateway", "https://gw.example.ru/api/v1", operator="root")
    assert res.code == 0, res.err
    assert run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07",
                   "--gateway", "http://[::1]:8765/api/v1", operator="root").code == 0
