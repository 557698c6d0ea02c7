"""The audit log (supervisor, administrator): who did what with which object, filterable, page by page."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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

from clerk_app.services import audit
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

PAGE = 500
OBJECT_RU = {"application": "заявление", "operator": "оператор", "settings": "настройки", "request": "запрос",
             "application_list": "список заявлений", "document": "документ", "message": "сообщение",
             "catalogue": "справочник"}
RESULT_RU = {"ok": "успешно", "refused": "отказано", "error": "ошибка"}


def _when(value: str) -> str:
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except ValueError:
        return value


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self.rows: list[audit.AuditRow] = []
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Журнал аудита"))
        self.resize(1000, 600)
        self.operator_edit = QLineEdit(self)
        self.operator_edit.setObjectName("operatorFilter")
        self.operator_edit.setPlaceholderText(self.tr("логин оператора"))
        self.object_edit = QLineEdit(self)
        self.object_edit.setObjectName("objectFilter")
        self.object_edit.setPlaceholderText(self.tr("номер заявления или другой объект"))
        self.show_button = QPushButton(self.tr("Показать"), self)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.reload)
        for e in (self.operator_edit, self.object_edit):
            e.returnPressed.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Оператор:"), self))
        filters.addWidget(self.operator_edit)
        filters.addWidget(QLabel(self.tr("Объект:"), self))
        filters.addWidget(self.object_edit, 1)
        filters.addWidget(self.show_button)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([self.tr("Время"), self.tr("Оператор"), self.tr("Рабочее место"),
                                              self.tr("Действие"), self.tr("Объект"), self.tr("Идентификатор"),
                                              self.tr("Результат")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.more_button = QPushButton(self.tr("Показать ещё"), self)
        self.more_button.clicked.connect(self.load_more)
        self.status_label = QLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.more_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.rows = []
        self.table.setRowCount(0)
        self._fetch(0)

    def load_more(self) -> None:
        self._fetch(len(self.rows))

    def _fetch(self, offset: int) -> None:
        ctx, actor = self._ctx, self._actor
        operator = self.operator_edit.text().strip() or None
        object_id = self.object_edit.text().strip() or None
        self.more_button.setEnabled(False)
        self.status_label.setText(self.tr("Загрузка…"))
        Operation(self, ctx, lambda: audit.read_log(ctx, actor, operator=operator, object_id=object_id,
                                                    limit=PAGE, offset=offset)) \
            .success(self._append).failure(self._on_error).run_in(self._tasks)

    def _append(self, rows: list[audit.AuditRow]) -> None:
        start = len(self.rows)
        self.rows.extend(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(rows, start):
            values = (_when(r.at), r.operator, r.workstation, audit.ACTION_RU.get(r.action, r.action),
                      OBJECT_RU.get(r.object_type, r.object_type), r.object_id or "",
                      RESULT_RU.get(r.result, r.result))
            for col, value in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(value))
        if start == 0:
            self.table.resizeColumnsToContents()
        self.more_button.setEnabled(len(rows) == PAGE)
        self.status_label.setText(self.tr("Записей показано: {0}").format(len(self.rows)))

    def _on_error(self, exc: BaseException) -> None:
        self.status_label.setText(error_text(exc))
