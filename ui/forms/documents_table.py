"""The document checklist of a service: take it?, name, original or copy, sheets."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QHeaderView, QSpinBox, QTableWidget, \
    QTableWidgetItem, QWidget

from clerk_app.domain.application_form import MAX_SHEETS
from clerk_app.services.catalogue import DocumentSpec

COL_TAKE, COL_NAME, COL_ORIGINAL, COL_SHEETS = range(4)
_DOC_FIELD = re.compile(r"documents\[(\d+)\](?:\.(\w+))?")


class DocumentsTable(QTableWidget):
    """Keyboard: Tab walks each row's checkbox, original/copy and sheets; Space ticks. `changed` on a tick."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Принят"), self.tr("Документ"), self.tr("Подлинник/копия"),
                                        self.tr("Листов")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_TAKE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ORIGINAL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SHEETS, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.specs: tuple[DocumentSpec, ...] = ()
        self.checks: list[QCheckBox] = []
        self.originals: list[QComboBox] = []
        self.sheets: list[QSpinBox] = []

    def set_documents(self, specs: tuple[DocumentSpec, ...]) -> None:
        self.specs = tuple(specs)
        self.setRowCount(0)
        self.checks, self.originals, self.sheets = [], [], []
        self.setRowCount(len(self.specs))
        for row, d in enumerate(self.specs):
            check = QCheckBox(self)
            check.setChecked(d.required)
            check.toggled.connect(self.changed)
            check.setToolTip(self.tr("Документ принят"))
            name = QTableWidgetItem(d.name + (" *" if d.required else ""))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            name.setToolTip(d.name + ("\n" + self.tr("Обязательный документ") if d.required else ""))
            if d.required:
                font = QFont(name.font())
                font.setBold(True)
                name.setFont(font)
            original = QComboBox(self)
            original.addItem(self.tr("подлинник"), True)
            original.addItem(self.tr("копия"), False)
            original.setCurrentIndex(0 if d.original else 1)
            sheets = QSpinBox(self)
            sheets.setRange(1, MAX_SHEETS)
            sheets.setValue(1)
            for col, widget in ((COL_TAKE, check), (COL_ORIGINAL, original), (COL_SHEETS, sheets)):
                self.setCellWidget(row, col, widget)
                widget.installEventFilter(self)
                widget.setProperty("docRow", row)
                widget.setProperty("docCol", col)
            self.setItem(row, COL_NAME, name)
            self.checks.append(check)
            self.originals.append(original)
            self.sheets.append(sheets)
        self.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched.property("docRow") is not None:
            row, col = int(watched.property("docRow")), int(watched.property("docCol"))
            self.scrollTo(self.model().index(row, col))
        return super().eventFilter(watched, event)

    def take_all(self) -> None:
        """«Принять все»: every document of the list ticked."""
        for check in self.checks:
            check.blockSignals(True)
            check.setChecked(True)
            check.blockSignals(False)
        self.changed.emit()

    def taken_codes(self) -> set[str]:
        return {self.specs[row].code for row in self.taken_rows()}

    def focus_chain(self) -> list[QWidget]:
        out: list[QWidget] = []
        for row in range(len(self.specs)):
            out += [self.checks[row], self.originals[row], self.sheets[row]]
        return out

    def taken_rows(self) -> list[int]:
        return [row for row, c in enumerate(self.checks) if c.isChecked()]

    def taken(self) -> list[dict]:
        """The documents ticked, in the application-file shape."""
        return [{"code": self.specs[row].code, "original": bool(self.originals[row].currentData()),
                 "sheets": self.sheets[row].value()} for row in self.taken_rows()]

    def missing_required(self) -> DocumentSpec | None:
        for row, d in enumerate(self.specs):
            if d.required and not self.checks[row].isChecked():
                return d
        return None

    def widget_for_field(self, field: str) -> QWidget | None:
        """"documents[1].sheets" -> the sheets box of the second ticked document."""
        m = _DOC_FIELD.fullmatch(field)
        if m is None:
            missing = self.missing_required()
            if missing is not None:
                return self.checks[self.specs.index(missing)]
            return self.checks[0] if self.checks else None
        rows = self.taken_rows()
        index = int(m.group(1))
        if index >= len(rows):
            return None
        row = rows[index]
        return {"sheets": self.sheets[row], "original": self.originals[row]}.get(m.group(2) or "", self.checks[row])
