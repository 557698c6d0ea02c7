"""Offline log-in against the workstation's operators; also the unlock screen and switching user."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services import operators
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

ERROR_STYLE = "color: #b00020;"


class LoginDialog(QDialog):
    """`actor` holds the operator after `accepted`.

    unlock_for: the screen was locked for this operator; only their password (or switching user)
    opens it, and Esc does not close the dialog. `quit_requested` is set by «Выйти из программы».
    """

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None, *,
                 login: str = "", hint: str = "", unlock_for: Actor | None = None, idle: bool = False,
                 title: str | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._tasks = ctx, tasks
        self.unlock_for = unlock_for
        self.actor: Actor | None = None
        self.quit_requested = False
        self.busy = False
        self.setObjectName("loginDialog")
        if unlock_for is not None:
            self.setWindowTitle(self.tr("Экран заблокирован"))
        else:
            self.setWindowTitle(title or self.tr("Вход в рабочее место оператора МФЦ"))
        self.setMinimumWidth(380)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        if unlock_for is not None:
            cause = self.tr("Экран заблокирован после бездействия.") if idle else self.tr("Экран заблокирован.")
            self.intro.setText(cause + " " + self.tr("Оператор: {0}. Введите пароль, чтобы продолжить.").format(
                unlock_for.full_name))
        else:
            self.intro.setText(self.tr("Введите логин и пароль оператора."))
        self.login_edit = QLineEdit(unlock_for.login if unlock_for else login, self)
        self.login_edit.setObjectName("login")
        self.login_edit.setReadOnly(unlock_for is not None)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("loginError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.hint_label = QLabel(hint, self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(bool(hint))
        self.hint_label.setStyleSheet("background: #fff4ce; padding: 4px;")

        form = QFormLayout()
        form.addRow(self.tr("&Логин:"), self.login_edit)
        form.addRow(self.tr("&Пароль:"), self.password_edit)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("Войти"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.switch_button: QPushButton | None = None
        if unlock_for is not None:
            self.switch_button = self.buttons.addButton(self.tr("Сменить пользователя"),
                                                        QDialogButtonBox.ButtonRole.ActionRole)
            self.switch_button.clicked.connect(self.switch_user)
            quit_button = self.buttons.addButton(self.tr("Выйти из программы"),
                                                 QDialogButtonBox.ButtonRole.DestructiveRole)
            quit_button.clicked.connect(self._quit)
        else:
            self.buttons.addButton(self.tr("Отмена"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.hint_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.password_edit if (unlock_for or login) else self.login_edit).setFocus()

    def switch_user(self) -> None:
        """Any operator may log in now; the previous one's windows are closed by the caller."""
        self.login_edit.setReadOnly(False)
        self.login_edit.clear()
        self.password_edit.clear()
        self.intro.setText(self.tr("Вход другого оператора. Введите логин и пароль."))
        self.login_edit.setFocus()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def try_login(self) -> None:
        if self.busy:
            return
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login:
            self.show_error(self.tr("Введите логин"))
            self.login_edit.setFocus()
            return
        if not password:
            self.show_error(self.tr("Введите пароль"))
            self.password_edit.setFocus()
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.show_error("")
        ctx = self._ctx
        Operation(self, ctx, lambda: operators.login(ctx, login, password)) \
            .success(self._on_login).failure(self._on_error).run_in(self._tasks)

    def _on_login(self, actor: Actor) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.actor = actor
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.show_error(error_text(exc))

    def _quit(self) -> None:
        self.quit_requested = True
        super().reject()

    def reject(self) -> None:
        if self.unlock_for is not None:
            return  # the lock screen stays until someone logs in or quits the program
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.login_edit.hasFocus() \
                and not self.password_edit.text():
            self.password_edit.setFocus()
            return
        super().keyPressEvent(event)
