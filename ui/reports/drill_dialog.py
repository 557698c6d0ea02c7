"""The applications behind one cell of the report; double-click opens one (when the role may view)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.states import APP_STATUS_RU, AppStatus
from clerk_app.services.reports.service import DRILL_LIMIT, CaseRow


def _status(value: str) -> str:
    try:
        return APP_STATUS_RU[AppStatus(value)]
    except ValueError:
        return value


def _day(value: str) -> str:
    try:
        return (datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)).strftime("%d.%m.%Y")
    except ValueError:
        return value


class DrillDownDialog(QDialog):
    def __init__(self, title: str, rows: list[CaseRow], open_number: Callable[[str], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDrillDown")
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.rows = rows
        self._open_number = open_number
        note = self.tr("Заявлений: {0}").format(len(rows))
        if len(rows) >= DRILL_LIMIT:
            note += self.tr(" (показаны первые {0})").format(DRILL_LIMIT)
        if open_number is not None:
            note += self.tr(". Двойной щелчок открывает заявление")
        self.count_label = QLabel(note, self)
        self.table = QTableWidget(len(rows), 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Номер"), self.tr("Заявитель"), self.tr("Услуга"),
                                              self.tr("Статус"), self.tr("Принято / срок")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for i, r in enumerate(rows):
            values = (r.number, r.applicant_name, r.service, _status(r.status),
                      f"{_day(r.registered_at)} / {_day(r.due_date)}")
            for col, value in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def numbers(self) -> list[str]:
        return [r.number for r in self.rows]

    def open_row(self, row: int) -> None:
        if self._open_number is not None and 0 <= row < len(self.rows):
            self._open_number(self.rows[row].number)
