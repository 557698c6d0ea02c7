"""Command-line sessions: a random secret in an owner-only file, its sha256 in the store."""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from pathlib import Path

from sqlalchemy import delete, select

from clerk_app.domain.errors import AuthenticationError
from clerk_app.services import audit, operators
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from clerk_app.storage.models import OperatorSession
from clerk_app.storage.private import POSIX, private_dir, write_private

SESSION_HOURS = 8
SESSIONS_DIR = "sessions"
SUFFIX = ".session"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _dir(ctx: AppContext) -> Path:
    return Path(ctx.data_dir) / SESSIONS_DIR


def _file(ctx: AppContext, login: str) -> Path:
    if not operators.LOGIN_RE.match(login):
        raise AuthenticationError(f"Оператор {login[:64]!r} не найден", "operator")
    return _dir(ctx) / f"{login}{SUFFIX}"


def _please_log_in(login: str, why: str) -> AuthenticationError:
    return AuthenticationError(f"{why}: выполните clerk-app login {login}", "operator")


def open_session(ctx: AppContext, login: str, password: str) -> Actor:
    """Check the password (failures count towards the lockout) and leave a session file."""
    actor = operators.login(ctx, login, password)
    secret = secrets.token_urlsafe(32)
    now = ctx.now().timestamp()
    with ctx.db.write() as s:
        s.execute(delete(OperatorSession).where(OperatorSession.expires_at <= now))
        s.add(OperatorSession(login=actor.login, secret_hash=_hash(secret), created_at=now,
                              expires_at=now + SESSION_HOURS * 3600))
        audit.record(s, ctx, actor.login, "login", "session", actor.login, details={"via": "cli"})
        private_dir(_dir(ctx))
        write_private(_file(ctx, actor.login), json.dumps({"login": actor.login, "secret": secret}).encode())
    return actor


def close_sessions(ctx: AppContext, login: str | None = None) -> list[str]:
    """Close the session of `login`, or every session of this data folder; returns the logins closed."""
    files = [_file(ctx, login)] if login else sorted(_dir(ctx).glob(f"*{SUFFIX}"))
    closed = []
    with ctx.db.write() as s:
        for path in files:
            name = path.name[:-len(SUFFIX)]
            secret = _read_secret(path, name)
            if secret is not None:
                s.execute(delete(OperatorSession).where(OperatorSession.secret_hash == _hash(secret)))
                audit.record(s, ctx, name, "logout", "session", name, details={"via": "cli"})
                closed.append(name)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return closed


def _read_secret(path: Path, login: str) -> str | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("login") != login or not isinstance(data.get("secret"), str):
        return None
    return str(data["secret"])


def session_actor(ctx: AppContext, login: str) -> Actor:
    """The operator of a live session in this data folder, or a refusal saying to log in."""
    if not login:
        raise AuthenticationError("Не указан оператор: выполните clerk-app login ЛОГИН "
                                  "или укажите --operator", "operator")
    path = _file(ctx, login)
    if POSIX and path.exists() and path.stat().st_mode & 0o077:
        raise _please_log_in(login, f"Файл сеанса оператора {login} доступен другим пользователям")
    secret = _read_secret(path, login)
    if secret is None:
        raise _please_log_in(login, f"Оператор {login} не вошёл в систему")
    now = ctx.now().timestamp()
    with ctx.db.read() as s:
        expires_at = s.scalar(select(OperatorSession.expires_at).where(
            OperatorSession.secret_hash == _hash(secret), OperatorSession.login == login))
    if expires_at is None or expires_at <= now:
        with contextlib.suppress(OSError):
            path.unlink()
        raise _please_log_in(login, f"Сеанс оператора {login} закрыт или истёк")
    return operators.actor_for(ctx, login)


def only_session(ctx: AppContext) -> str:
    """The login of the single session file in this data folder, or '' when there is none or several."""
    found = [p.name[:-len(SUFFIX)] for p in _dir(ctx).glob(f"*{SUFFIX}")] if _dir(ctx).is_dir() else []
    return found[0] if len(found) == 1 else ""
