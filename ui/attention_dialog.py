"""Messages the gateway refused for good: read its error, correct the subject and resend, or discard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.labels import subject_label
from clerk_app.services import attention
from clerk_app.services.attention import AttentionItem
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.models.application_table import format_date
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text



class AttentionDialog(QDialog):
    """Lists `attention.list_attention`; emits `changed` after a resend or a discard."""

    changed = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self.items: list[AttentionItem] = []
        self.editors: dict[str, QLineEdit] = {}
        self.confirm = True  # tests answer the confirmation themselves
        self.setObjectName("attentionDialog")
        self.setWindowTitle(self.tr("Сообщения, требующие внимания"))
        self.resize(980, 560)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Заявление"), self.tr("Запрос"), self.tr("Создан"),
                                              self.tr("Ошибка шлюза")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())

        self.error_view = QPlainTextEdit(self)
        self.error_view.setReadOnly(True)
        self.error_view.setMaximumHeight(110)
        self.subject_box = QGroupBox(self.tr("Сведения для запроса"), self)
        self.subject_form = QFormLayout(self.subject_box)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.resend_button = QPushButton(self.tr("Исправить и отправить повторно"), self)
        self.discard_button = QPushButton(self.tr("Отменить отправку…"), self)
        self.resend_button.clicked.connect(self.resend_current)
        self.discard_button.clicked.connect(self.discard_current)

        detail = QWidget(self)
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(QLabel(self.tr("Ответ шлюза:"), detail))
        dl.addWidget(self.error_view)
        dl.addWidget(self.subject_box, 1)
        dl.addWidget(self.message_label)
        actions = QHBoxLayout()
        actions.addWidget(self.resend_button)
        actions.addWidget(self.discard_button)
        actions.addStretch(1)
        dl.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        self.status_label = QLabel(self.tr("Загрузка…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._set_actions_enabled(False)
        self.reload()

    def reload(self) -> None:
        ctx, actor = self._ctx, self._actor
        Operation(self, ctx, lambda: attention.list_attention(ctx, actor)) \
            .success(self._on_items).failure(self._on_error).run_in(self._tasks)

    def _on_items(self, items: list[AttentionItem]) -> None:
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            values = (item.number or "", item.kind_name or item.kind or "", format_date(item.created_at),
                      item.error or "")
            for col, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                cell.setToolTip(str(value))
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self.status_label.setText(self.tr("Требуют внимания: {0}").format(len(self.items)) if self.items
                                  else self.tr("Все сообщения приняты шлюзом — исправлять нечего."))
        if self.items:
            self.table.selectRow(0)
        self._show_current()

    def _on_error(self, exc: BaseException) -> None:
        self.message_label.setText(error_text(exc))
        self._set_actions_enabled(bool(self.current()))

    def current(self) -> AttentionItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _set_actions_enabled(self, on: bool) -> None:
        self.resend_button.setEnabled(on)
        self.discard_button.setEnabled(on)

    def _show_current(self) -> None:
        item = self.current()
        while self.subject_form.rowCount():
            self.subject_form.removeRow(0)
        self.editors = {}
        self.message_label.clear()
        self._set_actions_enabled(item is not None)
        if item is not None and not item.resendable:
            self.resend_button.setEnabled(False)  # events are resent as they are by the sync, not corrected
        if item is None:
            self.error_view.clear()
            return
        self.error_view.setPlainText(item.error or "")
        for key, value in item.subject:
            edit = QLineEdit(value, self.subject_box)
            edit.setObjectName(f"subject_{key}")
            self.editors[key] = edit
            self.subject_form.addRow(subject_label(key) + ":", edit)

    def edited_subject(self) -> dict[str, str]:
        item = self.current()
        if item is None:
            return {}
        return {key: self.editors[key].text().strip() if key in self.editors else original
                for key, original in item.subject}

    def _ask(self, text: str) -> bool:
        if not self.confirm:
            return True
        answer = QMessageBox.question(self, self.tr("Подтверждение"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def resend_current(self) -> None:
        item = self.current()
        if item is None:
            return
        subject = self.edited_subject()
        if not self._ask(self.tr("Отправить запрос по заявлению {0} повторно с исправленными сведениями?")
                         .format(item.number)):
            return
        self._set_actions_enabled(False)
        ctx, actor, mid = self._ctx, self._actor, item.message_id
        Operation(self, ctx, lambda: attention.resend(ctx, actor, mid, subject)) \
            .success(self._on_done).failure(self._on_error).run_in(self._tasks)

    def discard_current(self) -> None:
        item = self.current()
        if item is None:
            return
        if not self._ask(self.tr("Отменить отправку запроса по заявлению {0}? Запрос не будет отправлен, "
                                 "отмена записывается в журнал.").format(item.number)):
            return
        self._set_actions_enabled(False)
        ctx, actor, mid = self._ctx, self._actor, item.message_id
        Operation(self, ctx, lambda: attention.discard(ctx, actor, mid)) \
            .success(self._on_done).failure(self._on_error).run_in(self._tasks)

    def _on_done(self, _result: object) -> None:
        self.changed.emit()
        self.reload()
