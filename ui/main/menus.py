"""The main window's menu bar and its actions (with their shortcuts), enabled by the operator's role."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from clerk_app.services.roles import Actor, Perm

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class MainMenus:
    """«Заявления», «Администрирование», «Отчёты», «Справка»; every action is also on the window itself so
    that its shortcut works wherever the focus is in it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w, tr = window, window.tr
        bar = window.menuBar()
        apps = bar.addMenu(tr("&Заявления"))
        self.new_action = self._action(tr("&Новое заявление…"), w.open_new_application, "F2", "newApplication")
        self.find_action = self._action(tr("&Найти"), w.focus_search, "Ctrl+F", "find")
        self.open_action = self._action(tr("&Открыть выбранное (Enter)"), w.open_current, None, "open")
        self.print_action = self._action(tr("&Печать расписки выбранного"), w.print_current, "Ctrl+P",
                                         "printReceipt")
        self.registers_action = self._action(tr("&Реестры передачи и возврата…"), w.open_registers, None,
                                             "registers")
        self.refresh_action = self._action(tr("Обновить &список"), w.refresh, "Ctrl+R", "refresh")
        self.sync_action = self._action(tr("С&инхронизировать"), w.sync_now, "F5", "sync")
        self.attention_action = self._action(tr("&Требуют внимания…"), w.open_attention, "Ctrl+T", "attention")
        self.lock_action = self._action(tr("&Заблокировать экран"), w.lock_screen, "Ctrl+L", "lock")
        self.switch_action = self._action(tr("С&менить пользователя…"), w.switch_user, None, "switchUser")
        self.quit_action = self._action(tr("&Выход"), w.close, "Ctrl+Q", "quit")
        for a in (self.new_action, self.find_action, self.open_action, self.print_action, self.registers_action,
                  self.refresh_action, None,
                  self.sync_action, self.attention_action, None, self.lock_action, self.switch_action, None,
                  self.quit_action):
            apps.addSeparator() if a is None else apps.addAction(a)
        self.admin_menu = bar.addMenu(tr("&Администрирование"))
        self.settings_action = self._action(tr("&Настройки рабочего места…"), w.open_settings, None, "settings")
        self.operators_action = self._action(tr("&Операторы…"), w.open_operators, None, "operators")
        self.audit_action = self._action(tr("&Журнал аудита…"), w.open_audit, None, "audit")
        for a in (self.settings_action, self.operators_action, self.audit_action):
            self.admin_menu.addAction(a)
        self.start_action = self._action(tr("&Начало работы: связь и каталог…"), w.show_first_run, None,
                                         "firstRun")
        self.reports_action = self._action(tr("&Отчёт руководителя…"), w.open_reports, "Ctrl+Shift+R", "reports")
        self.reports_menu = bar.addMenu(tr("&Отчёты"))
        self.reports_menu.addAction(self.reports_action)
        help_menu = bar.addMenu(tr("&Справка"))
        help_menu.addAction(self.start_action)
        help_menu.addAction(self._action(tr("&О программе"), w.show_about, None, "about"))

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        action.setObjectName(name)
        self.window.addAction(action)
        return action

    def apply_actor(self, a: Actor) -> None:
        """What the operator's role allows: enabled, and the administration and reports menus shown."""
        can_view = a.can(Perm.VIEW)
        self.new_action.setEnabled(a.can(Perm.REGISTER))
        self.find_action.setEnabled(can_view)
        self.open_action.setEnabled(can_view)
        self.attention_action.setEnabled(a.can(Perm.RESOLVE_OUTBOX))
        self.registers_action.setEnabled(a.can(Perm.PRINT) and (a.can(Perm.CHANGE) or a.can(Perm.ISSUE)))
        for action, perm in ((self.settings_action, Perm.MANAGE_SETTINGS),
                             (self.operators_action, Perm.MANAGE_OPERATORS), (self.audit_action, Perm.READ_AUDIT)):
            action.setVisible(a.can(perm))
            action.setEnabled(a.can(perm))
        self.reports_action.setEnabled(a.can(Perm.REPORTS))
        self.reports_menu.menuAction().setVisible(a.can(Perm.REPORTS))
        self.admin_menu.menuAction().setVisible(any(a.can(p) for p in (
            Perm.MANAGE_SETTINGS, Perm.MANAGE_OPERATORS, Perm.READ_AUDIT)))
