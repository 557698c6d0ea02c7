"""Files of the data folder are owner-only under a 022 umask; the gateway token stays out of the database."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import text

from clerk_app.domain.errors import ValidationError
from clerk_app.services import token_store, workstation
from clerk_app.services.context import open_context
from clerk_app.storage import migrate
from tests.factories import ADMIN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_database_wal_and_backups_are_owner_only(tmp_path, umask_022):
    d = tmp_path / "ws"
    migrate_path = d / "clerk.sqlite3"
    d.mkdir(mode=0o755)
    migrate.upgrade(migrate_path, "0004")  # an older file: its upgrade makes a *.bak
    os.chmod(migrate_path, 0o644)
    ctx = workstation.init(d, "34-001", "34-001-07", "https://gw.example.ru/api/v1", "secret-token-1")
    try:
        with ctx.db.write() as s:  # WAL and SHM exist while a connection is open
            s.execute(text("select 1"))
        files = [p for p in d.iterdir() if p.is_file()]
        names = {p.name for p in files}
        assert {"clerk.sqlite3", "clerk.sqlite3-wal", "clerk.sqlite3-shm", "gateway-token"} <= names
        assert any(n.endswith(".bak") for n in names)
        assert _mode(d) == 0o700
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    finally:
        ctx.close()


def test_token_is_kept_in_an_owner_only_file_not_in_the_database(tmp_path, umask_022):
    ctx = workstation.init(tmp_path / "ws", "34-001", "34-001-07", "https://gw.example.ru/api/v1", "secret-token-1")
    try:
        assert ctx.settings().token == "secret-token-1"
        assert token_store.where(ctx.data_dir) == "file"
        assert (ctx.data_dir / "gateway-token").read_text() == "secret-token-1"
        ctx.db.dispose()
        for name in ("clerk.sqlite3", "clerk.sqlite3-wal"):
            path = ctx.data_dir / name
            assert not path.exists() or b"secret-token-1" not in path.read_bytes()
        workstation.update_settings(ctx, ADMIN, token="secret-token-2")
        assert ctx.fresh_settings().token == "secret-token-2"
        with pytest.raises(ValidationError, match="Токен"):
            workstation.update_settings(ctx, ADMIN, token="bad token\n")
    finally:
        ctx.close()


def test_a_token_left_in_the_database_by_an_older_version_moves_out(tmp_path, umask_022):
    ctx = workstation.init(tmp_path / "ws", "34-001", "34-001-07")
    ctx.close()
    con = sqlite3.connect(tmp_path / "ws" / "clerk.sqlite3")
    con.execute("insert into settings(key, value) values ('token', '\"old-token\"')")
    con.commit()
    con.close()
    ctx = open_context(tmp_path / "ws")
    try:
        assert ctx.settings().token == "old-token"
        with ctx.db.read() as s:
            assert s.execute(text("select count(*) from settings where key='token'")).scalar() == 0
        assert _mode(ctx.data_dir / "gateway-token") == 0o600
    finally:
        ctx.close()


def test_the_keyring_is_used_when_one_works(tmp_path, monkeypatch):
    stored = {}

    class MemoryKeyring:
        def set_password(self, service, account, value):
            stored[(service, account)] = value

        def get_password(self, service, account):
            return stored.get((service, account))

        def delete_password(self, service, account):
            stored.pop((service, account), None)

    monkeypatch.setattr(token_store, "_keyring", lambda: MemoryKeyring())
    ctx = workstation.init(tmp_path / "ws", "34-001", "34-001-07", None, "keyring-token")
    try:
        assert not (ctx.data_dir / "gateway-token").exists()
        assert list(stored.values()) == ["keyring-token"]
        assert ctx.fresh_settings().token == "keyring-token"
    finally:
        ctx.close()


def test_binary_or_corrupt_token_files_are_one_russian_line(tmp_path):
    bad = tmp_path / "token.bin"
    bad.write_bytes(os.urandom(64) + b"\xff\x00")
    with pytest.raises(ValidationError, match="Файл токена"):
        workstation.read_token_file(bad)
    ctx = workstation.init(tmp_path / "ws", "34-001", "34-001-07")
    try:
        (ctx.data_dir / "gateway-token").write_bytes(b"\xff\xfe\x00")
        with pytest.raises(ValidationError, match="повреждён"):
            ctx.fresh_settings()
    finally:
        ctx.close()
