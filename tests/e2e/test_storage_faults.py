"""Storage faults: one Russian line and exit 1, nothing half-written, PRAGMA integrity_check ok after.

Corrupt and non-SQLite files, a read-only folder and a full disk (small tmpfs mounts when the tests run
as root; a chmod for the read-only folder otherwise), a write lock held by another process, a data
folder that is a file, a binary token file, a 100,000-deep JSON file, a 5,000-digit `sheets`.
"""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from clerk_app.services import faults
from tests.e2e.cli_runner import Result
from tests.e2e.cli_runner import run_cli as run_child
from tests.e2e.cli_runner import run_main as run_cli
from tests.factories import DEMO_CATALOGUE, sample_application

PW = "пароль-руководителя"


def _setup(d, run=run_cli):
    assert run(d, "init", "--centre", "34-001", "--workstation", "34-001-07").code == 0
    assert run(d, "catalogue", "import", str(DEMO_CATALOGUE)).code == 0
    assert run(d, "user", "add", "boss", "--name", "Босс", "--role", "supervisor", stdin=PW + "\n").code == 0
    assert run(d, "login", "boss", stdin=PW + "\n").code == 0
    return d


@pytest.fixture
def ws(tmp_path):
    return _setup(tmp_path / "ws")


@pytest.fixture
def app_file(tmp_path):
    p = tmp_path / "app.json"
    p.write_text(json.dumps(sample_application(), ensure_ascii=False), encoding="utf-8")
    return p


def _one_line(res, text):
    assert res.code == 1, (res.code, res.out, res.err)
    assert res.err.count("\n") == 1 and "Traceback" not in res.err, res.err
    assert text in res.err, res.err


def _integrity_ok(d):
    con = sqlite3.connect(d / "clerk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return con.execute("select count(*) from applications").fetchone()[0]
    finally:
        con.close()


def _can_mount():
    return sys.platform.startswith("linux") and os.geteuid() == 0


@contextmanager
def tmpfs(path, size="2m"):
    path.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_not_a_database_and_a_corrupted_one(ws, tmp_path, app_file):
    number = run_cli(ws, "apply", str(app_file), operator="boss").json()["number"]
    db = ws / "clerk.sqlite3"
    for extra in ("-wal", "-shm"):
        (ws / ("clerk.sqlite3" + extra)).unlink(missing_ok=True)
    good = db.read_bytes()
    db.write_bytes(b"this is not a database at all" * 200)
    _one_line(run_cli(ws, "list", operator="boss"), faults.CORRUPT)
    _one_line(run_cli(ws, "apply", str(app_file), operator="boss"), faults.CORRUPT)
    _one_line(run_child(ws, "show", number, operator="boss"), faults.CORRUPT)
    assert db.read_bytes() == b"this is not a database at all" * 200  # nothing written over it

    damaged = bytearray(good)
    page = 4096
    for off in range(page * 2, min(len(damaged), page * 6), 7):
        damaged[off] = 0xFF
    db.write_bytes(bytes(damaged))
    res = run_cli(ws, "show", number, operator="boss")
    assert res.code in (0, 1) and "Traceback" not in res.err
    if res.code == 1:
        assert res.err.count("\n") == 1 and "clerk-app:" in res.err


def test_data_dir_that_is_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    _one_line(run_cli(f, "list", operator="boss"), faults.NOT_A_FOLDER)
    _one_line(run_cli(f, "init", "--centre", "34-001", "--workstation", "34-001-07"), faults.NOT_A_FOLDER)
    _one_line(run_cli(f / "below", "list", operator="boss"), faults.NOT_A_FOLDER)


def test_binary_token_file(ws, tmp_path):
    token = tmp_path / "token.bin"
    token.write_bytes(b"\x00\xff\xfe" + os.urandom(100))
    _one_line(run_cli(ws, "init", "--centre", "34-001", "--workstation", "34-001-07", "--token-file", str(token)),
              "Файл токена")
    _integrity_ok(ws)


def test_hostile_json_files(ws, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _one_line(run_cli(ws, "apply", str(deep), operator="boss"), "Файл заявления")
    digits = sample_application()
    text = json.dumps(digits, ensure_ascii=False).replace('"sheets": 1', '"sheets": ' + "9" * 5000)
    big = tmp_path / "big.json"
    big.write_text(text, encoding="utf-8")
    _one_line(run_cli(ws, "apply", str(big), operator="boss"), "Файл заявления")
    binary = tmp_path / "bin.json"
    binary.write_bytes(os.urandom(2000))
    _one_line(run_cli(ws, "apply", str(binary), operator="boss"), "Файл заявления")
    assert _integrity_ok(ws) == 0


def _hold_write_lock(db, seconds):
    code = ("import sqlite3, sys, time\n"
            f"con = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
            "con.execute('BEGIN IMMEDIATE'); print('locked', flush=True)\n"
            f"time.sleep({seconds}); con.execute('ROLLBACK')\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_write_lock_held_by_another_process(ws, app_file, monkeypatch):
    from clerk_app.storage import db as db_module

    number = run_cli(ws, "apply", str(app_file), operator="boss").json()["number"]
    audits_before = _audit_count(ws)
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 300)
    holder = _hold_write_lock(ws / "clerk.sqlite3", 60)
    try:
        # reading needs no write lock: the view's audit entry is queued, not lost
        shown = run_cli(ws, "show", number, "--json", operator="boss")
        assert shown.code == 0, shown.err
        listed = run_cli(ws, "list", "--json", operator="boss")
        assert listed.code == 0 and len(listed.json()) == 1
        report = run_child(ws, "report", "--format", "json", operator="boss")
        assert report.code == 0 and report.json()["total"]["accepted"] == 1, report.err
        assert len(list((ws / "audit-pending").glob("*.json"))) == 3
        _one_line(run_cli(ws, "apply", str(app_file), operator="boss"), faults.LOCKED)
        _one_line(run_cli(ws, "decide", number, "--approve", operator="boss"), faults.LOCKED)
    finally:
        holder.kill()
        holder.wait()
    monkeypatch.undo()
    assert run_cli(ws, "show", number, operator="boss").code == 0  # flushes the queue
    assert _audit_count(ws) == audits_before + 4
    assert not list((ws / "audit-pending").glob("*.json"))
    assert _integrity_ok(ws) == 1


def _audit_count(d):
    con = sqlite3.connect(d / "clerk.sqlite3")
    try:
        return con.execute("select count(*) from audit_log where action in ('view','export')").fetchone()[0]
    finally:
        con.close()


@pytest.mark.skipif(not _can_mount(), reason="needs root to mount a tmpfs")
def test_full_disk_on_a_small_tmpfs(tmp_path, app_file):
    with tmpfs(tmp_path / "small", "8m") as mnt:
        d = _setup(mnt / "ws")
        number = run_cli(d, "apply", str(app_file), operator="boss").json()["number"]
        filler = mnt / "filler"
        for name, chunk in (("filler", 65536), ("filler2", 512)):  # then the last few bytes
            try:
                with open(mnt / name, "wb", buffering=0) as out:
                    while True:
                        out.write(b"\0" * chunk)
            except OSError:
                pass
        failures = 0
        for _ in range(5):
            res = run_cli(d, "apply", str(app_file), operator="boss")
            if res.code != 0:
                failures += 1
                _one_line(res, faults.FULL.split(":")[0])
        assert failures >= 1
        res = run_cli(d, "print", "receipt", number, "-o", str(mnt / "out" / "r.pdf"), operator="boss")
        _one_line(res, "Диск заполнен")
        assert not [p for p in mnt.rglob("*.part")]
        filler.unlink()
        (mnt / "filler2").unlink(missing_ok=True)
        assert _integrity_ok(d) >= 1
        assert run_cli(d, "apply", str(app_file), operator="boss").code == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root to mount a tmpfs")
def test_read_only_data_folder(tmp_path, app_file):
    with tmpfs(tmp_path / "ro", "20m") as mnt:
        d = _setup(mnt / "ws", run_child)  # child processes: nothing stays open for writing
        number = run_child(d, "apply", str(app_file), operator="boss").json()["number"]
        assert subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode == 0
        try:
            _one_line(run_cli(d, "apply", str(app_file), operator="boss"), faults.READ_ONLY)
            _one_line(run_cli(d, "login", "boss", stdin=PW + "\n"), faults.READ_ONLY)
            res = run_cli(d, "show", number, operator="boss")
            assert "Traceback" not in res.err and (res.code == 0 or res.err.count("\n") == 1)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=False)
        assert _integrity_ok(d) == 1


def _drop_file_capabilities() -> None:
    """In the child, before exec: root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH obeys file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_modes_bound(d, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERK_APP_")}
    env["CLERK_APP_OPERATOR"] = "boss"
    proc = subprocess.run([sys.executable, "-m", "clerk_app.cli", "--data-dir", str(d), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, preexec_fn=_drop_file_capabilities)
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file modes and capabilities of Linux")
def test_read_only_data_folder_by_modes(tmp_path, app_file):
    d = _setup(tmp_path / "ws")
    try:
        for p in d.iterdir():
            if p.is_file():
                p.chmod(0o400)
        d.chmod(0o500)
        _one_line(_run_modes_bound(d, "apply", str(app_file)), faults.READ_ONLY)
    finally:
        d.chmod(0o700)
        for p in d.iterdir():
            if p.is_file():
                p.chmod(0o600)
    assert _integrity_ok(d) == 0
