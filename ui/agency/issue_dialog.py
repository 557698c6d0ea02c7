"""«Выдать результат»: to the applicant, or to a representative with a power of attorney (the collector is
recorded); a refusal (an expired power of attorney, a field missing) is shown beside its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.field_box import FieldBox
from ui.widgets.fields_dialog import FieldsDialog
from ui.widgets.masked_line_edit import MaskedLineEdit

REP = "representative"
POA = f"{REP}.power_of_attorney"


def date_edit(value: QDate, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(value, parent)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    return edit


def iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


class IssueDialog(FieldsDialog):
    """`submitted(representative)`: None for the applicant, else interfaces.md's representative object.
    The dialog stays open until the window calls `accept()` (issued) or `show_error` (refused)."""

    def __init__(self, number: str, applicant: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.setWindowTitle(t("Выдача результата по заявлению № {0}").format(number))
        self.to_applicant = QRadioButton(t("Заявителю лично: {0}").format(applicant), self)
        self.to_representative = QRadioButton(t("Представителю по &доверенности"), self)
        self.to_applicant.setChecked(True)
        self.rep_box = QGroupBox(t("Представитель"), self)
        form = QFormLayout(self.rep_box)
        self.full_name = self.add_field(form, f"{REP}.full_name", t("ФИО*"), QLineEdit(self))
        self.full_name.setPlaceholderText(t("Фамилия Имя Отчество"))
        passport = QWidget(self)
        row = QHBoxLayout(passport)
        row.setContentsMargins(0, 0, 0, 0)
        self.series = MaskedLineEdit("00 00", self)
        self.series.setObjectName("series")
        self.doc_number = MaskedLineEdit("000000", self)
        self.doc_number.setObjectName("docNumber")
        for path, edit, stretch in ((f"{REP}.document.series", self.series, 1),
                                    (f"{REP}.document.number", self.doc_number, 2)):
            self.boxes[path] = FieldBox(edit, self)
            row.addWidget(self.boxes[path], stretch)
        self.boxes[f"{REP}.document"] = self.boxes[f"{REP}.document.series"]
        form.addRow(t("Паспорт: серия, номер*"), passport)
        self.poa_number = self.add_field(form, f"{POA}.number", t("Доверенность №*"), QLineEdit(self))
        today = QDate.currentDate()
        self.poa_date = self.add_field(form, f"{POA}.date", t("Дата доверенности*"), date_edit(today, self))
        self.poa_issued_by = self.add_field(form, f"{POA}.issued_by", t("Кем выдана*"), QLineEdit(self))
        self.poa_issued_by.setPlaceholderText(t("например: нотариус Сидорова Н. Н."))
        self.poa_until = self.add_field(form, f"{POA}.valid_until", t("Действует до*"),
                                        date_edit(today.addYears(1), self))
        self.boxes[POA] = self.boxes[f"{POA}.number"]
        self.boxes[REP] = self.boxes[f"{REP}.full_name"]
        self.rep_box.setEnabled(False)
        self.to_representative.toggled.connect(self._on_mode)

        buttons = self.button_row(t("&Выдать"), self.representative)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t("Кому выдаётся результат:"), self))
        layout.addWidget(self.to_applicant)
        layout.addWidget(self.to_representative)
        layout.addWidget(self.rep_box)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(520, self.sizeHint().height())

    def _on_mode(self, representative: bool) -> None:
        self.rep_box.setEnabled(representative)
        if representative:
            self.full_name.setFocus()

    def representative(self) -> dict[str, Any] | None:
        if not self.to_representative.isChecked():
            return None
        return {
            "full_name": self.full_name.text().strip(),
            "document": {"kind": "passport", "series": self.series.value(), "number": self.doc_number.value()},
            "power_of_attorney": {"number": self.poa_number.text().strip(), "date": iso(self.poa_date),
                                  "issued_by": self.poa_issued_by.text().strip(), "valid_until": iso(self.poa_until)},
        }
