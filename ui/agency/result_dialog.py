"""«Внести результат»: the agency's result that came back on paper — approved or refused, the document's
number, date and signer, a refusal's legal ground and reason, and an optional scan of the document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.catalogue import RefusalGround
from ui.agency.issue_dialog import date_edit
from ui.widgets.field_box import FieldBox
from ui.widgets.fields_dialog import FieldsDialog

SCAN_FIELD = "documents[result].scans"
FileChooser = Callable[[QWidget], str | None]


def choose_scan(parent: QWidget) -> str | None:
    name, _ = QFileDialog.getOpenFileName(parent, parent.tr("Скан документа ведомства"), str(Path.home()),
                                          parent.tr("Сканы (*.pdf *.png *.jpg *.jpeg)"))
    return name or None


class ResultDialog(FieldsDialog):
    """`submitted(values)` with approve, document_number, document_date, signed_by, legal_ground, reason and
    scan_path; stays open until the window calls `accept()` or `show_error`."""

    def __init__(self, number: str, agency: str, grounds: tuple[RefusalGround, ...], parent: QWidget | None = None,
                 *, choose_file: FileChooser = choose_scan) -> None:
        super().__init__(parent)
        t = self.tr
        self.choose_file = choose_file
        self.scan_path: str | None = None
        self.setWindowTitle(t("Результат ведомства по заявлению № {0}").format(number))
        self.approve = QRadioButton(t("Услуга &предоставлена (положительное решение)"), self)
        self.refuse = QRadioButton(t("&Отказ в предоставлении услуги"), self)
        self.approve.setChecked(True)
        form = QFormLayout()
        self.document_number = self.add_field(form, "document_number", t("Номер документа*"), QLineEdit(self))
        self.document_number.setPlaceholderText(t("например: 15-р"))
        self.document_date = self.add_field(form, "document_date", t("Дата документа*"), date_edit(QDate.currentDate(), self))
        self.signed_by = self.add_field(form, "signed_by", t("Подписал"), QLineEdit(self))
        self.signed_by.setPlaceholderText(t("должность, фамилия и инициалы"))
        self.ground = self.add_field(form, "ground", t("Основание отказа*"), QComboBox(self))
        self.ground.addItem(t("— выберите основание —"), "")
        for g in grounds:
            self.ground.addItem(g.text, g.code)
        self.ground.setMinimumContentsLength(30)
        self.reason = self.add_field(form, "reason", t("Причина отказа*"), QLineEdit(self))
        scan_row = QWidget(self)
        row = QHBoxLayout(scan_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.scan_label = QLabel(t("не приложен"), self)
        self.scan_button = QPushButton(t("&Приложить скан…"), self)
        self.scan_button.setAutoDefault(False)
        self.scan_button.clicked.connect(self._choose_scan)
        row.addWidget(self.scan_label, 1)
        row.addWidget(self.scan_button)
        self.boxes[SCAN_FIELD] = FieldBox(scan_row, self)
        form.addRow(t("Скан документа"), self.boxes[SCAN_FIELD])
        self.boxes["legal_ground"] = self.boxes["ground"]
        self.refuse.toggled.connect(self._on_outcome)
        self._on_outcome(False)

        self.intro = QLabel(t("Ведомство «{0}» вернуло результат на бумаге: перенесите его реквизиты.").format(agency),
                            self)
        self.intro.setWordWrap(True)
        buttons = self.button_row(t("&Внести"), self.values)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.approve)
        layout.addWidget(self.refuse)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(560, self.sizeHint().height())

    def _on_outcome(self, refused: bool) -> None:
        self.ground.setEnabled(refused)
        self.reason.setEnabled(refused)

    def _choose_scan(self) -> None:
        path = self.choose_file(self)
        if path:
            self.scan_path = path
            self.scan_label.setText(Path(path).name)
            self.boxes[SCAN_FIELD].set_error(None)

    def values(self) -> dict[str, Any]:
        refused = self.refuse.isChecked()
        d = self.document_date.date()
        return {
            "approve": not refused, "document_number": self.document_number.text().strip(),
            "document_date": f"{d.year():04d}-{d.month():02d}-{d.day():02d}",
            "signed_by": self.signed_by.text().strip() or None,
            "legal_ground": (self.ground.currentData() or None) if refused else None,
            "reason": self.reason.text().strip() or None if refused else None,
            "scan_path": self.scan_path,
        }

    def show_error(self, field: str | None, message: str) -> None:
        """A refusal beside the field its path names (or under the form); None clears every message.

        The service names a missing legal ground by the catalogue's codes: here the clerk picks from the list."""
        if field in ("ground", "legal_ground") and message:
            message = (self.tr("Основание отказа: выберите основание из списка") if not self.ground.currentData()
                       else message.split(" (")[0])
        super().show_error(field, message)
