"""Operators: offline log-in against argon2 hashes, lockout after failed attempts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clerk_app.domain.errors import AuthenticationError, ValidationError
from clerk_app.domain.text_checks import check_text
from clerk_app.services import audit
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm, Role
from clerk_app.storage.models import Operator, OperatorSession

MAX_FAILED = 5
LOCK_SECONDS = 15 * 60
FAIL_WINDOW_SECONDS = 15 * 60  # failures older than this no longer count towards a lockout
LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
_hasher = PasswordHasher()
_dummy_hash: list[str] = []


def _verify_dummy(password: str) -> None:
    """Spend the time a real check takes, so timing does not tell which logins exist."""
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash("dummy-password-for-timing"))
    try:
        _hasher.verify(_dummy_hash[0], password)
    except (VerificationError, InvalidHashError):
        pass


def end_sessions(s: Session, login: str) -> None:
    """Close every command-line session of `login` (lockout, password change, deactivation)."""
    s.execute(delete(OperatorSession).where(OperatorSession.login == login))


def _check_new(login: str, full_name: str, role: str, password: str) -> Role:
    if not LOGIN_RE.match(login):
        raise ValidationError("Логин: латинские строчные буквы, цифры, точка, дефис; от 2 символов", "login")
    if not full_name.strip():
        raise ValidationError("ФИО оператора: не заполнено", "name")
    check_text(full_name, "ФИО оператора", "name")
    if len(full_name) > 200:
        raise ValidationError("ФИО оператора: не длиннее 200 символов", "name")
    if role not in {r.value for r in Role}:
        raise ValidationError("Роль: допустимы clerk, supervisor, admin", "role")
    if len(password) < 8:
        raise ValidationError("Пароль: не короче 8 символов", "password")
    return Role(role)


def add_operator(ctx: AppContext, login: str, full_name: str, role: str, password: str,
                 actor: Actor | None = None) -> Actor:
    """Create an operator; `actor` None means the workstation itself (command line `user add`)."""
    if actor is not None:
        actor.require(Perm.MANAGE_OPERATORS)
    role_v = _check_new(login, full_name, role, password)
    with ctx.db.write() as s:
        if s.scalar(select(Operator).where(Operator.login == login)):
            raise ValidationError(f"Логин: оператор {login} уже существует", "login")
        s.add(Operator(login=login, full_name=full_name.strip(), role=role_v.value,
                       password_hash=_hasher.hash(password), failed_attempts=0,
                       active=True, created_at=rfc3339(ctx.now())))
        audit.record(s, ctx, actor.login if actor else "system", "create", "operator", login)
    return Actor(login, full_name.strip(), role_v)


def set_password(ctx: AppContext, actor: Actor, login: str, password: str) -> None:
    if actor.login != login:
        actor.require(Perm.MANAGE_OPERATORS)
    if len(password) < 8:
        raise ValidationError("Пароль: не короче 8 символов", "password")
    with ctx.db.write() as s:
        op = _get(s, login)
        op.password_hash = _hasher.hash(password)
        op.failed_attempts, op.locked_until = 0, None
        end_sessions(s, login)
        audit.record(s, ctx, actor.login, "change", "operator", login, details={"field": "password"})


def set_active(ctx: AppContext, actor: Actor, login: str, active: bool) -> None:
    actor.require(Perm.MANAGE_OPERATORS)
    with ctx.db.write() as s:
        op = _get(s, login)
        op.active = active
        op.failed_attempts, op.locked_until = 0, None
        if not active:
            end_sessions(s, login)
        audit.record(s, ctx, actor.login, "change", "operator", login, details={"active": active})


@dataclass(frozen=True)
class OperatorRow:
    """An operator as the administrator's list shows it (never the password hash)."""

    login: str
    full_name: str
    role: Role
    active: bool
    locked: bool  # after too many failed log-ins, until the lock runs out


def list_operators(ctx: AppContext, actor: Actor) -> list[OperatorRow]:
    actor.require(Perm.MANAGE_OPERATORS)
    with ctx.db.read() as s:
        now = ctx.now().timestamp()
        return [OperatorRow(o.login, o.full_name, Role(o.role), o.active,
                            bool(o.locked_until and o.locked_until > now))
                for o in s.scalars(select(Operator).order_by(Operator.login))]


def _get(s: Session, login: str) -> Operator:
    op = s.scalar(select(Operator).where(Operator.login == login))
    if op is None:
        raise AuthenticationError(f"Оператор {login} не найден", "operator")
    return op


def _check_usable(op: Operator, now: float) -> None:
    if not op.active:
        raise AuthenticationError(f"Учётная запись {op.login} заблокирована администратором", "operator")
    if op.locked_until and op.locked_until > now:
        minutes = int((op.locked_until - now) // 60) + 1
        raise AuthenticationError(
            f"Учётная запись {op.login} заблокирована после {MAX_FAILED} неудачных попыток входа; "
            f"повторите через {minutes} мин.", "operator")


def login(ctx: AppContext, login_name: str, password: str) -> Actor:
    """Check the password offline; five failures within 15 minutes lock the account for 15 minutes."""
    now = ctx.now().timestamp()
    with ctx.db.write() as s:
        op = s.scalar(select(Operator).where(Operator.login == login_name))
        if op is None:
            _verify_dummy(password)
            audit.record(s, ctx, login_name, "login", "operator", login_name, "refused")
            raise AuthenticationError("Неверный логин или пароль", "login")
        _check_usable(op, now)
        try:
            _hasher.verify(op.password_hash, password)
        except (VerificationError, InvalidHashError):
            if op.last_failed_at is None or now - op.last_failed_at > FAIL_WINDOW_SECONDS:
                op.failed_attempts = 0
            op.failed_attempts += 1
            op.last_failed_at = now
            if op.failed_attempts >= MAX_FAILED:
                op.locked_until, op.failed_attempts = now + LOCK_SECONDS, 0
                end_sessions(s, login_name)
            audit.record(s, ctx, login_name, "login", "operator", login_name, "refused")
            error = AuthenticationError("Неверный логин или пароль", "password")
        else:
            op.failed_attempts, op.locked_until, op.last_failed_at = 0, None, None
            if _hasher.check_needs_rehash(op.password_hash):
                op.password_hash = _hasher.hash(password)
            audit.record(s, ctx, login_name, "login", "operator", login_name)
            return Actor(op.login, op.full_name, Role(op.role))
    raise error


def actor_for(ctx: AppContext, login_name: str) -> Actor:
    """The operator a command-line call acts for: unknown or locked is refused."""
    if not login_name:
        raise AuthenticationError("Не указан оператор (--operator или CLERK_APP_OPERATOR)", "operator")
    with ctx.db.read() as s:
        op = _get(s, login_name)
        _check_usable(op, ctx.now().timestamp())
        return Actor(op.login, op.full_name, Role(op.role))


def exists(ctx: AppContext, login_name: str) -> bool:
    with ctx.db.read() as s:
        return s.scalar(select(Operator.id).where(Operator.login == login_name)) is not None


def has_admin(ctx: AppContext) -> bool:
    """Whether set-up is over: the workstation has an administrator."""
    with ctx.db.read() as s:
        return s.scalar(select(Operator.id).where(Operator.role == Role.ADMIN.value).limit(1)) is not None


SYSTEM_NAMES = {"system": "Система (синхронизация)", "": "—"}


def display_names(ctx: AppContext, logins: set[str] | list[str]) -> dict[str, str]:
    """Full names for operator logins (history shows people, not logins); unknown logins stay as they are."""
    wanted = {login for login in logins if login}
    with ctx.db.read() as s:
        found = dict(s.execute(select(Operator.login, Operator.full_name).where(Operator.login.in_(wanted))).all())
    return {login: found.get(login) or SYSTEM_NAMES.get(login, login) for login in (*wanted, "")}
