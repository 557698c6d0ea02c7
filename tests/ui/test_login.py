from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from clerk_app.services import operators
from tests.factories import PASSWORD
from ui.login_dialog import LoginDialog


@pytest.fixture
def dialog(qtbot, ctx, tasks):
    d = LoginDialog(ctx, tasks)
    qtbot.addWidget(d)
    d.show()
    return d


def _submit(qtbot, d, login, password):
    d.login_edit.setText(login)
    d.password_edit.setText(password)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)


def test_login_success_returns_operator(qtbot, dialog):
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        _submit(qtbot, dialog, "boss", PASSWORD)
    assert dialog.actor is not None
    assert dialog.actor.login == "boss"
    assert dialog.actor.role == "supervisor"


def test_wrong_password_shows_russian_error_and_stays_open(qtbot, dialog):
    _submit(qtbot, dialog, "clerk", "неверный-пароль")
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert dialog.error_label.text() == "Неверный логин или пароль"
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.password_edit.text() == ""


def test_empty_fields_are_refused_without_a_service_call(qtbot, dialog):
    _submit(qtbot, dialog, "", "")
    assert dialog.error_label.text() == "Введите логин"
    _submit(qtbot, dialog, "clerk", "")
    assert dialog.error_label.text() == "Введите пароль"
    assert not dialog.busy


def test_lockout_after_five_failures_is_explained(qtbot, dialog, ctx):
    for _ in range(operators.MAX_FAILED):
        _submit(qtbot, dialog, "clerk", "неверный-пароль")
        qtbot.waitUntil(lambda: not dialog.busy and dialog.error_label.isVisible(), timeout=10000)
    _submit(qtbot, dialog, "clerk", PASSWORD)  # the right password no longer helps
    qtbot.waitUntil(lambda: "заблокирована" in dialog.error_label.text(), timeout=10000)
    assert "5 неудачных попыток" in dialog.error_label.text()
    assert "повторите через 15 мин." in dialog.error_label.text()
    assert dialog.actor is None


def test_lockout_ends_after_fifteen_minutes(qtbot, dialog, ctx):
    real_clock = ctx.clock
    for _ in range(operators.MAX_FAILED):
        _submit(qtbot, dialog, "clerk", "неверный-пароль")
        qtbot.waitUntil(lambda: not dialog.busy and dialog.error_label.isVisible(), timeout=10000)
    ctx.clock = lambda: real_clock() + timedelta(minutes=16)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        _submit(qtbot, dialog, "clerk", PASSWORD)
    assert dialog.actor.login == "clerk"


def test_unlock_dialog_is_fixed_to_the_operator_and_ignores_escape(qtbot, ctx, tasks):
    from tests.factories import CLERK

    d = LoginDialog(ctx, tasks, unlock_for=CLERK)
    qtbot.addWidget(d)
    d.show()
    assert d.login_edit.isReadOnly() and d.login_edit.text() == "clerk"
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert d.isVisible()
    d.switch_user()
    assert not d.login_edit.isReadOnly()
    with qtbot.waitSignal(d.accepted, timeout=10000):
        _submit(qtbot, d, "boss", PASSWORD)
    assert d.actor.login == "boss"
