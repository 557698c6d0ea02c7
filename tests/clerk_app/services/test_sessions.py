"""Sessions expire, end with a password change or lockout; log-in timing and the failure window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk_app.domain.errors import AuthenticationError
from clerk_app.services import operators, sessions
from tests.factories import ADMIN, PASSWORD


def _shift(ctx, **delta):
    real = ctx.clock
    ctx.clock = lambda: real() + timedelta(**delta)


def test_a_session_lives_eight_hours(ctx):
    sessions.open_session(ctx, "clerk", PASSWORD)
    assert sessions.session_actor(ctx, "clerk").login == "clerk"
    _shift(ctx, hours=7, minutes=59)
    assert sessions.session_actor(ctx, "clerk").login == "clerk"
    _shift(ctx, minutes=2)
    with pytest.raises(AuthenticationError, match="истёк"):
        sessions.session_actor(ctx, "clerk")


def test_password_change_and_deactivation_end_sessions(ctx):
    sessions.open_session(ctx, "clerk", PASSWORD)
    operators.set_password(ctx, ADMIN, "clerk", "новый-пароль-1")
    with pytest.raises(AuthenticationError, match="clerk-app login clerk"):
        sessions.session_actor(ctx, "clerk")
    sessions.open_session(ctx, "clerk", "новый-пароль-1")
    operators.set_active(ctx, ADMIN, "clerk", False)
    with pytest.raises(AuthenticationError):
        sessions.session_actor(ctx, "clerk")


def test_lockout_ends_sessions(ctx):
    sessions.open_session(ctx, "boss", PASSWORD)
    for _ in range(operators.MAX_FAILED):
        with pytest.raises(AuthenticationError):
            operators.login(ctx, "boss", "wrong-password")
    with pytest.raises(AuthenticationError):
        sessions.session_actor(ctx, "boss")


def test_hostile_login_names_are_refused_without_touching_files(ctx):
    for name in ("../clerk", "", "x" * 5000, "clerk\x00", "CLERK"):
        with pytest.raises(AuthenticationError):
            sessions.session_actor(ctx, name)


def test_failures_older_than_the_window_do_not_count(ctx):
    for _ in range(operators.MAX_FAILED - 1):
        with pytest.raises(AuthenticationError):
            operators.login(ctx, "clerk", "wrong-password")
    _shift(ctx, seconds=operators.FAIL_WINDOW_SECONDS + 1)
    for _ in range(operators.MAX_FAILED - 1):
        with pytest.raises(AuthenticationError, match="Неверный"):
            operators.login(ctx, "clerk", "wrong-password")
    assert operators.login(ctx, "clerk", PASSWORD).login == "clerk"  # not locked


def test_unknown_logins_cost_one_password_hash_like_known_ones(ctx, monkeypatch):
    calls = []
    real = operators._hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def verify(self, hash_, password):
            calls.append(hash_)
            return real.verify(hash_, password)

    monkeypatch.setattr(operators, "_hasher", Counting())
    with pytest.raises(AuthenticationError, match="Неверный логин или пароль"):
        operators.login(ctx, "nobody", PASSWORD)
    with pytest.raises(AuthenticationError, match="Неверный логин или пароль"):
        operators.login(ctx, "clerk", "wrong-password")
    assert len(calls) == 2 and calls[0].startswith("$argon2id$") and calls[0] != calls[1]
