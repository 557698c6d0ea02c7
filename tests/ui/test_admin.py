from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from clerk_app.services import audit, operators
from tests.factories import ADMIN, CLERK, PASSWORD, SUPERVISOR
from ui.admin.audit_dialog import AuditDialog
from ui.admin.operators_dialog import OperatorsDialog
from ui.admin.settings_dialog import SettingsDialog


@pytest.fixture
def opened(qtbot, tasks):
    """Open a dialog; results still queued for it are delivered before it goes."""
    made = []

    def open_(dialog):
        dialog.show()
        made.append(dialog)
        return dialog

    yield open_
    tasks.wait()
    QApplication.processEvents()
    for d in made:
        d.close()
        d.deleteLater()
    QApplication.processEvents()


def test_settings_are_loaded_and_only_changes_saved(qtbot, ctx, tasks, opened):
    dialog = opened(SettingsDialog(ctx, ADMIN, tasks))
    qtbot.waitUntil(dialog.isEnabled, timeout=10000)
    assert dialog.edits["centre_code"].text() == "34-001"
    assert dialog.edits["token"].text() == ""  # never shown
    dialog.edits["printer"].setText("Kyocera ECOSYS P2040dn")
    dialog.spins["idle_lock_minutes"].setValue(7)
    dialog.edits["gateway_url"].setText("https://gw.example.ru/api/v1/")
    assert dialog.changes() == {"printer": "Kyocera ECOSYS P2040dn", "idle_lock_minutes": 7,
                                "gateway_url": "https://gw.example.ru/api/v1/"}
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.save()
    settings = ctx.settings()
    assert saved.args[0] == settings
    assert (settings.printer, settings.idle_lock_minutes, settings.gateway_url) == (
        "Kyocera ECOSYS P2040dn", 7, "https://gw.example.ru/api/v1")
    assert settings.token == ""


def test_settings_error_is_shown_beside_the_field(qtbot, ctx, tasks, opened):
    dialog = opened(SettingsDialog(ctx, ADMIN, tasks))
    qtbot.waitUntil(dialog.isEnabled, timeout=10000)
    dialog.edits["gateway_url"].setText("ftp://gw.example.ru")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.boxes["gateway_url"].error() != "", timeout=10000)
    assert "https://" in dialog.boxes["gateway_url"].error()
    dialog.edits["gateway_url"].setText("")
    dialog.edits["workstation_id"].setText("34-002-07")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.boxes["workstation_id"].error() != "", timeout=10000)
    assert dialog.isVisible()
    assert ctx.settings().workstation_id == "34-001-07"


def test_saved_settings_reach_the_main_window(qtbot, ctx, make_window):
    window = make_window(ADMIN)
    dialog = window.open_settings()
    qtbot.waitUntil(dialog.isEnabled, timeout=10000)
    dialog.spins["idle_lock_minutes"].setValue(3)
    dialog.edits["centre_name"].setText("МФЦ Тракторозаводского района")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert window.settings.idle_lock_minutes == 3
    assert "МФЦ Тракторозаводского района" in window.windowTitle()


def test_clerk_cannot_change_settings_even_through_the_dialog(qtbot, ctx, tasks, opened):
    dialog = opened(SettingsDialog(ctx, CLERK, tasks))
    qtbot.waitUntil(dialog.isEnabled, timeout=10000)
    dialog.edits["printer"].setText("Чужой принтер")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message_label.text() != "", timeout=10000)
    assert "Недостаточно прав" in dialog.message_label.text()
    assert ctx.settings().printer == ""


def test_operators_list_add_lock_and_reset_password(qtbot, ctx, tasks, opened):
    dialog = opened(OperatorsDialog(ctx, ADMIN, tasks))
    qtbot.waitUntil(lambda: len(dialog.operators) == 3, timeout=10000)
    assert [op.login for op in dialog.operators] == ["boss", "clerk", "root"]
    assert dialog.table.item(0, 2).text() == "руководитель"

    add = dialog.add_operator()
    add.login_edit.setText("petrova.an")
    add.name_edit.setText("Петрова Анна Николаевна")
    add.role_combo.setCurrentIndex(add.role_combo.findData("clerk"))
    add.password_edit.setText("новый-пароль-1")
    add.password2_edit.setText("другой-пароль")
    add.submit()
    assert add.boxes["password2"].error() == "Пароли не совпадают"
    add.password2_edit.setText("новый-пароль-1")
    with qtbot.waitSignal(add.done_ok, timeout=10000):
        add.submit()
    qtbot.waitUntil(lambda: len(dialog.operators) == 4, timeout=10000)
    assert operators.login(ctx, "petrova.an", "новый-пароль-1").full_name == "Петрова Анна Николаевна"

    dialog.table.selectRow([op.login for op in dialog.operators].index("clerk"))
    assert dialog.toggle_button.text() == "Заблокировать"
    dialog.toggle_button.click()
    qtbot.waitUntil(lambda: bool(dialog.current()) and not dialog.current().active, timeout=10000)
    assert dialog.toggle_button.text() == "Разблокировать"
    with pytest.raises(Exception, match="заблокирована администратором"):
        operators.login(ctx, "clerk", PASSWORD)
    dialog.toggle_button.click()
    qtbot.waitUntil(lambda: dialog.current().active, timeout=10000)

    reset = dialog.reset_password()
    reset.password_edit.setText("короткий")
    reset.password2_edit.setText("короткий")
    reset.password_edit.setText("1234")
    reset.password2_edit.setText("1234")
    reset.submit()
    qtbot.waitUntil(lambda: reset.boxes["password"].error() != "", timeout=10000)
    assert "не короче 8 символов" in reset.boxes["password"].error()
    reset.password_edit.setText("сброшенный-пароль")
    reset.password2_edit.setText("сброшенный-пароль")
    with qtbot.waitSignal(reset.done_ok, timeout=10000):
        reset.submit()
    assert operators.login(ctx, "clerk", "сброшенный-пароль").login == "clerk"


def test_admin_cannot_lock_themselves(qtbot, ctx, tasks, opened):
    dialog = opened(OperatorsDialog(ctx, ADMIN, tasks))
    qtbot.waitUntil(lambda: len(dialog.operators) == 3, timeout=10000)
    dialog.table.selectRow(2)
    assert dialog.current().login == "root"
    assert not dialog.toggle_button.isEnabled()


def test_new_operator_errors_beside_fields(qtbot, ctx, tasks, opened):
    dialog = opened(OperatorsDialog(ctx, ADMIN, tasks))
    add = dialog.add_operator()
    add.login_edit.setText("Плохой Логин")
    add.name_edit.setText("Кто-то")
    add.password_edit.setText("новый-пароль-1")
    add.password2_edit.setText("новый-пароль-1")
    add.submit()
    qtbot.waitUntil(lambda: add.boxes["login"].error() != "", timeout=10000)
    assert "Логин" in add.boxes["login"].error()


def test_audit_log_lists_and_filters(qtbot, ctx, tasks, opened):
    operators.login(ctx, "clerk", PASSWORD)
    with pytest.raises(Exception):
        operators.login(ctx, "boss", "неверный-пароль")
    dialog = opened(AuditDialog(ctx, SUPERVISOR, tasks))
    qtbot.waitUntil(lambda: len(dialog.rows) > 0, timeout=10000)
    total = len(audit.read_log(ctx, SUPERVISOR))
    assert len(dialog.rows) == total
    assert dialog.table.item(0, 0).text().count(".") == 2  # dd.mm.yyyy hh:mm:ss
    dialog.operator_edit.setText("boss")
    dialog.reload()
    qtbot.waitUntil(lambda: bool(dialog.rows) and all(r.operator == "boss" for r in dialog.rows), timeout=10000)
    actions = {dialog.table.item(i, 3).text() for i in range(dialog.table.rowCount())}
    results = {dialog.table.item(i, 6).text() for i in range(dialog.table.rowCount())}
    assert "вход" in actions and "отказано" in results
    assert not dialog.more_button.isEnabled()


def test_clerk_is_refused_the_audit_log(qtbot, ctx, tasks, opened):
    dialog = opened(AuditDialog(ctx, CLERK, tasks))
    qtbot.waitUntil(lambda: "Недостаточно прав" in dialog.status_label.text(), timeout=10000)
    assert dialog.rows == []
