"""Locking the screen (by hand or after inactivity), unlocking, and switching the operator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.idle_lock import IdleLock
from ui.login_dialog import LoginDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ScreenLock(QObject):
    """While `locked`, the window shows «Экран заблокирован», its other windows are hidden and `dialog` asks
    for a password; the same operator gets the hidden windows back, another starts afresh."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.dialog: LoginDialog | None = None
        self._hidden: list[QWidget] = []
        self.idle_lock = IdleLock(0, window)
        self.idle_lock.idle.connect(lambda: window.lock_screen(idle=True))

    def lock(self, idle: bool = False) -> LoginDialog | None:
        w = self.window
        if self.locked:
            return self.dialog
        self.locked = True
        self.idle_lock.pause()
        self._hidden = [t for t in QApplication.topLevelWidgets()
                        if t is not w and t.isVisible() and not isinstance(t, QMessageBox)]
        for t in self._hidden:
            t.hide()
        w.menuBar().setEnabled(False)
        w.pages.setCurrentWidget(w.locked_page)
        w.training_banner.setVisible(w.training)
        dialog = LoginDialog(w.ctx, w.tasks, w, unlock_for=w.actor, idle=idle)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result, d=dialog: self._on_unlock(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_unlock(self, dialog: LoginDialog) -> None:
        w = self.window
        self.dialog = None
        dialog.deleteLater()
        if dialog.quit_requested or dialog.actor is None:
            self.locked = False
            w.close()
            return
        self.locked = False
        w.menuBar().setEnabled(True)
        if dialog.actor == w.actor:
            for t in self._hidden:
                t.show()
        self._hidden = []
        w.set_actor(dialog.actor)  # also closes the previous operator's windows
        self.idle_lock.resume()

    def switch_user(self) -> LoginDialog:
        w = self.window
        dialog = LoginDialog(w.ctx, w.tasks, w, title=self.tr("Смена пользователя"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda d=dialog: w.set_actor(d.actor) if d.actor else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
