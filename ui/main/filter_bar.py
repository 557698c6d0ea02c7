"""The search line and the filters above the application list (status, service, registration period)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.labels import APP_STATUS_RU
from clerk_app.services.catalogue import ServiceSpec

ALL = ""
SEARCH_DELAY_MS = 300


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(value: QDate, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(value, parent)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    return edit


class FilterBar(QWidget):
    """`changed` when a filter changes (the search after a pause as typed); `search_edited` on every keystroke;
    `search_entered` on Enter in the search line; `cleared` when Esc empties the search."""

    changed = Signal()
    search_edited = Signal(str)
    search_entered = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Номер, ФИО, СНИЛС или серия и номер паспорта (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("Любой статус"), ALL)
        for status, name in APP_STATUS_RU.items():
            self.status_combo.addItem(name, status.value)
        self.service_combo = QComboBox(self)
        self.service_combo.setObjectName("serviceFilter")
        self.service_combo.addItem(self.tr("Любая услуга"), ALL)
        self.service_combo.setMaximumWidth(320)
        self.period_check = QCheckBox(self.tr("Период:"), self)
        today = QDate.currentDate()
        self.date_from = _date_edit(today.addMonths(-1), self)
        self.date_to = _date_edit(today, self)
        self.reset_button = QPushButton(self.tr("Сб&росить"), self)
        self.reset_button.setToolTip(self.tr("Сбросить поиск и фильтры (Esc в поле поиска)"))
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for combo in (self.status_combo, self.service_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.changed)
        self.search_edit.textEdited.connect(self._on_search_edited)
        self.search_edit.returnPressed.connect(self.search_entered)
        for combo in (self.status_combo, self.service_combo):
            combo.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.period_check.toggled.connect(self._on_period_toggled)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda *_: self.changed.emit() if self.period_check.isChecked() else None)
        self.search_edit.installEventFilter(self)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.reset_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.status_combo, 1)
        filter_row.addWidget(self.service_combo, 2)
        filter_row.addWidget(self.period_check)
        filter_row.addWidget(self.date_from)
        filter_row.addWidget(QLabel("—", self))
        filter_row.addWidget(self.date_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Esc in the search clears it."""
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape and self.search_edit.text()):  # type: ignore[attr-defined]
            self.search_edit.clear()
            self.cleared.emit()
            return True
        return super().eventFilter(watched, event)

    def _on_search_edited(self, text: str) -> None:
        self.search_edited.emit(text)
        self.search_timer.start()

    def _on_period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def values(self) -> dict:
        """The ListFilter fields this bar sets."""
        period = self.period_check.isChecked()
        return {
            "status": self.status_combo.currentData() or None,
            "service": self.service_combo.currentData() or None,
            "registered_from": _day(self.date_from.date()) if period else None,
            "registered_to": _day(self.date_to.date()) if period else None,
            "text": self.search_edit.text().strip() or None,
        }

    def reset(self) -> None:
        """Everything back to «any», without announcing it (the caller re-reads the list)."""
        widgets = (self.search_edit, self.status_combo, self.service_combo, self.period_check)
        for w in widgets:
            w.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.service_combo.setCurrentIndex(0)
        self.period_check.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for w in widgets:
            w.blockSignals(False)

    def set_services(self, services: list[ServiceSpec]) -> None:
        """The catalogue's services in the service filter, the chosen one kept."""
        combo = self.service_combo
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for s in sorted(services, key=lambda s: s.name):
            combo.addItem(s.name, s.code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
