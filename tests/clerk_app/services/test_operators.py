"""Offline log-in, lockout after five failures, and roles checked in the service layer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk_app.domain.errors import AuthenticationError, PermissionDenied, ValidationError
from clerk_app.services import applications, audit, operators, workstation
from clerk_app.services.roles import GRANTS, Perm, Role
from tests.factories import ADMIN, CLERK, PASSWORD, SUPERVISOR, sample_application


def test_login_and_lockout(ctx):
    assert operators.login(ctx, "clerk", PASSWORD).role is Role.CLERK
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="Неверный логин или пароль"):
            operators.login(ctx, "clerk", "wrong-password")
    assert operators.login(ctx, "clerk", PASSWORD).login == "clerk"  # success resets the count
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            operators.login(ctx, "clerk", "wrong-password")
    with pytest.raises(AuthenticationError, match="заблокирована"):
        operators.login(ctx, "clerk", PASSWORD)
    with pytest.raises(AuthenticationError, match="заблокирована"):
        operators.actor_for(ctx, "clerk")
    real = ctx.clock
    ctx.clock = lambda: real() + timedelta(minutes=15, seconds=1)
    assert operators.login(ctx, "clerk", PASSWORD).login == "clerk"


def test_unknown_and_deactivated_operators(ctx):
    with pytest.raises(AuthenticationError):
        operators.login(ctx, "nobody", PASSWORD)
    with pytest.raises(AuthenticationError, match="не найден"):
        operators.actor_for(ctx, "nobody")
    operators.set_active(ctx, ADMIN, "clerk", False)
    with pytest.raises(AuthenticationError, match="администратором"):
        operators.login(ctx, "clerk", PASSWORD)


def test_new_operator_checks(ctx):
    with pytest.raises(ValidationError, match="Пароль"):
        operators.add_operator(ctx, "new.one", "Новый", "clerk", "short")
    with pytest.raises(ValidationError, match="уже существует"):
        operators.add_operator(ctx, "clerk", "Дубль", "clerk", PASSWORD)
    with pytest.raises(PermissionDenied):
        operators.add_operator(ctx, "new.one", "Новый", "clerk", PASSWORD, actor=SUPERVISOR)
    operators.add_operator(ctx, "new.one", "Новый Оператор", "clerk", PASSWORD, actor=ADMIN)
    assert operators.login(ctx, "new.one", PASSWORD).full_name == "Новый Оператор"


def test_roles_are_enforced_by_services(ctx):
    number = applications.register(ctx, CLERK, sample_application(
        service="pension_certificate", subject=None,
        documents=[{"code": "passport", "original": True, "sheets": 1}])).number
    with pytest.raises(PermissionDenied, match="принятие решений"):
        applications.decide(ctx, CLERK, number, approve=True)
    with pytest.raises(PermissionDenied):
        applications.register(ctx, ADMIN, sample_application())
    with pytest.raises(PermissionDenied):
        audit.read_log(ctx, CLERK)
    with pytest.raises(PermissionDenied):
        workstation.update_settings(ctx, SUPERVISOR, idle_lock_minutes=5)
    applications.decide(ctx, SUPERVISOR, number, approve=True)
    applications.issue(ctx, CLERK, number)
    assert audit.read_log(ctx, SUPERVISOR, object_id=number)
    assert workstation.update_settings(ctx, ADMIN, idle_lock_minutes=5).idle_lock_minutes == 5
    assert Perm.DECIDE not in GRANTS[Role.CLERK] and Perm.DECIDE in GRANTS[Role.SUPERVISOR]
