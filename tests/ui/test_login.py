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


# --- start-up: the data-folder lock, Qt's Russian, training mode -----------------------------


def test_one_window_per_data_folder(tmp_path):
    from ui.app import acquire_lock

    first = acquire_lock(tmp_path / "ws")
    assert first is not None
    assert acquire_lock(tmp_path / "ws") is None
    assert acquire_lock(tmp_path / "other") is not None
    first.unlock()
    again = acquire_lock(tmp_path / "ws")
    assert again is not None
    again.unlock()


def test_second_window_gets_a_clear_message(qtbot, tmp_path, monkeypatch):
    import ui.app as app_module

    shown = []
    monkeypatch.setattr(app_module, "_fail", lambda title, text: shown.append((title, text)))
    lock = app_module.acquire_lock(tmp_path / "ws")
    try:
        assert app_module.main(["--data-dir", str(tmp_path / "ws")]) == 3
    finally:
        lock.unlock()
    assert shown[0][0] == "Программа уже запущена"
    assert "уже открыто в другом окне" in shown[0][1] and str(tmp_path / "ws") in shown[0][1]


def test_unconfigured_folder_explains_how_to_set_it_up(qtbot, tmp_path, monkeypatch):
    import ui.app as app_module

    shown = []
    monkeypatch.setattr(app_module, "_fail", lambda title, text: shown.append((title, text)))
    assert app_module.main(["--data-dir", str(tmp_path / "new")]) == 2
    assert shown[0][0] == "Рабочее место не настроено"
    assert "clerk-app" in shown[0][1] and "--training" in shown[0][1]
    from ui.app import acquire_lock

    lock = acquire_lock(tmp_path / "new")  # released on the way out
    assert lock is not None
    lock.unlock()


def test_qt_dialogs_speak_russian(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ui.app import install_translations

    app = QApplication.instance()
    translators = install_translations(app)
    try:
        assert translators
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_training_mode_prepares_its_own_workstation(qtbot, tmp_path):
    from clerk_app.services import catalogue
    from ui.training import TRAINEE_LOGIN, TRAINEE_PASSWORD, start_training, training_dir

    folder = training_dir(tmp_path)
    assert folder == tmp_path / "training"
    session = start_training(folder, answer_delay=0)
    try:
        s = session.ctx.settings()
        assert (s.centre_code, s.workstation_id) == ("34-001", "34-001-99")
        assert (s.gateway_url, s.token) == (session.server.base_url, session.server.token)
        assert s.gateway_url.startswith("http://127.0.0.1:")
        assert "Учебный" in s.centre_name
        assert len(catalogue.list_services(session.ctx)) > 10
        actor = operators.login(session.ctx, TRAINEE_LOGIN, TRAINEE_PASSWORD)
        assert actor.role == "supervisor"
        assert TRAINEE_LOGIN in session.login_hint and TRAINEE_PASSWORD in session.login_hint
    finally:
        session.stop()
    again = start_training(folder, answer_delay=0)  # a restart reuses the folder, on a new port
    try:
        assert again.ctx.settings().gateway_url == again.server.base_url
        assert operators.login(again.ctx, TRAINEE_LOGIN, TRAINEE_PASSWORD).login == TRAINEE_LOGIN
    finally:
        again.stop()


def test_training_login_is_prefilled(qtbot, tmp_path, monkeypatch):
    import ui.app as app_module
    from ui.login_dialog import LoginDialog as RealDialog

    seen = {}

    class Probe(RealDialog):
        def exec(self):  # the clerk closes the log-in window at once
            seen["login"] = self.login_edit.text()
            seen["hint"] = self.hint_label.text()
            seen["title"] = self.windowTitle()
            return 0

    monkeypatch.setattr("ui.login_dialog.LoginDialog", Probe)
    assert app_module.main(["--data-dir", str(tmp_path), "--training"]) == 0
    assert seen["login"] == "uchenik"
    assert "uchenik-2026" in seen["hint"]
    assert "учебный режим" in seen["title"]
