"""Operators of the workstation (administrator): list, add, lock or unlock, reset a password."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.errors import DomainError
from clerk_app.services import operators
from clerk_app.services.context import AppContext
from clerk_app.services.operators import OperatorRow
from clerk_app.services.roles import ROLE_RU, Actor, Role
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.field_box import FieldBox
from ui.widgets.messages import error_text

FIELD_ALIASES = {"name": "full_name"}


class _FormDialog(QDialog):
    """A small form whose service errors land beside the field they name."""

    done_ok = Signal()
    password_edit: QLineEdit  # made by `password_pair` in the dialogs that ask for a password
    password2_edit: QLineEdit

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, FieldBox] = {}
        self.form = QFormLayout()
        self.message_label = QLabel(self)
        self.message_label.setStyleSheet("color: #b00020;")
        self.message_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Отмена"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, label: str, editor: QWidget) -> None:
        editor.setObjectName(key)
        box = FieldBox(editor, self)
        self.boxes[key] = box
        self.form.addRow(label, box)

    def password_pair(self) -> tuple[QLineEdit, QLineEdit]:
        first, second = QLineEdit(self), QLineEdit(self)
        for e in (first, second):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", self.tr("Пароль:"), first)
        self.add_field("password2", self.tr("Пароль ещё раз:"), second)
        return first, second

    def passwords_match(self) -> bool:
        """Clear old errors; False (with the message beside the field) when the two passwords differ."""
        self.clear_errors()
        if self.password_edit.text() == self.password2_edit.text():
            return True
        self.boxes["password2"].set_error(self.tr("Пароли не совпадают"))
        return False

    def clear_errors(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.message_label.clear()

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = FIELD_ALIASES.get(exc.field, exc.field) if isinstance(exc, DomainError) and exc.field else None
        if field in self.boxes:
            self.boxes[field].set_error(error_text(exc))
            self.boxes[field].setFocus()
        else:
            self.message_label.setText(error_text(exc))

    def finish(self, _result: object = None) -> None:
        self.buttons.setEnabled(True)
        self.done_ok.emit()
        self.accept()

    def submit(self) -> None:
        raise RuntimeError("subclasses define submit")


class AddOperatorDialog(_FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self.setWindowTitle(self.tr("Новый оператор"))
        self.login_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        for role in Role:
            self.role_combo.addItem(ROLE_RU[role], role.value)
        self.add_field("login", self.tr("Логин:"), self.login_edit)
        self.add_field("full_name", self.tr("ФИО:"), self.name_edit)
        self.add_field("role", self.tr("Роль:"), self.role_combo)
        self.password_edit, self.password2_edit = self.password_pair()

    def submit(self) -> None:
        if not self.passwords_match():
            return
        login, name = self.login_edit.text().strip(), self.name_edit.text()
        role, password = self.role_combo.currentData(), self.password_edit.text()
        ctx, actor = self._ctx, self._actor
        self.buttons.setEnabled(False)
        Operation(self, ctx, lambda: operators.add_operator(ctx, login, name, role, password, actor=actor)) \
            .success(self.finish).failure(self.show_error).run_in(self._tasks)


class PasswordDialog(_FormDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, login: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks, self.login = ctx, actor, tasks, login
        self.setWindowTitle(self.tr("Новый пароль оператора {0}").format(login))
        self.password_edit, self.password2_edit = self.password_pair()

    def submit(self) -> None:
        if not self.passwords_match():
            return
        ctx, actor, login, password = self._ctx, self._actor, self.login, self.password_edit.text()
        self.buttons.setEnabled(False)
        Operation(self, ctx, lambda: operators.set_password(ctx, actor, login, password)) \
            .success(self.finish).failure(self.show_error).run_in(self._tasks)


_D = TypeVar("_D", bound=_FormDialog)


class OperatorsDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self.operators: list[OperatorRow] = []
        self.setObjectName("operatorsDialog")
        self.setWindowTitle(self.tr("Операторы рабочего места"))
        self.resize(720, 420)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Логин"), self.tr("ФИО"), self.tr("Роль"),
                                              self.tr("Состояние")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton(self.tr("Добавить…"), self)
        self.toggle_button = QPushButton(self.tr("Заблокировать"), self)
        self.password_button = QPushButton(self.tr("Сменить пароль…"), self)
        self.add_button.clicked.connect(self.add_operator)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.message_label = QLabel(self)
        self.message_label.setStyleSheet("color: #b00020;")
        self.message_label.setWordWrap(True)
        side = QVBoxLayout()
        for b in (self.add_button, self.toggle_button, self.password_button):
            side.addWidget(b)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.sub_dialog: QDialog | None = None
        self.reload()

    def reload(self) -> None:
        ctx, actor = self._ctx, self._actor
        Operation(self, ctx, lambda: operators.list_operators(ctx, actor)) \
            .success(self._fill).failure(self._on_error).run_in(self._tasks)

    def _fill(self, rows: list[OperatorRow]) -> None:
        current = self.current()
        self.operators = list(rows)
        self.table.setRowCount(len(rows))
        for i, op in enumerate(rows):
            state = self.tr("действует")
            if not op.active:
                state = self.tr("заблокирован администратором")
            elif op.locked:
                state = self.tr("заблокирован после неудачных входов")
            values = (op.login, op.full_name, ROLE_RU[op.role], state)
            for col, value in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        logins = [op.login for op in rows]
        if current and current.login in logins:
            self.table.selectRow(logins.index(current.login))
        elif rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _on_error(self, exc: BaseException) -> None:
        self.message_label.setText(error_text(exc))
        self._update_buttons()

    def current(self) -> OperatorRow | None:
        row = self.table.currentRow()
        return self.operators[row] if 0 <= row < len(self.operators) else None

    def _update_buttons(self) -> None:
        op = self.current()
        self.toggle_button.setEnabled(op is not None and op.login != self._actor.login)
        self.password_button.setEnabled(op is not None)
        if op is not None:
            blocked = not op.active or op.locked
            self.toggle_button.setText(self.tr("Разблокировать") if blocked else self.tr("Заблокировать"))

    def add_operator(self) -> AddOperatorDialog:
        dialog = AddOperatorDialog(self._ctx, self._actor, self._tasks, self)
        return self._open(dialog)

    def reset_password(self) -> PasswordDialog | None:
        op = self.current()
        if op is None:
            return None
        return self._open(PasswordDialog(self._ctx, self._actor, self._tasks, op.login, self))

    def _open(self, dialog: _D) -> _D:
        dialog.done_ok.connect(self.reload)
        self.sub_dialog = dialog
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        op = self.current()
        if op is None:
            return
        # unlocking also clears a lockout after failed log-ins
        active = not op.active or op.locked
        ctx, actor, login = self._ctx, self._actor, op.login
        self.message_label.clear()
        Operation(self, ctx, lambda: operators.set_active(ctx, actor, login, active)) \
            .success(lambda _: self.reload()).failure(self._on_error).run_in(self._tasks)
