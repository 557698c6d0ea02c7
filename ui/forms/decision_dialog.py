"""The decision on an application: approve or refuse with a reason and legal ground, with a draft preview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.field_box import ERROR_STYLE


class DecisionDialog(QDialog):
    """`preview_requested` asks the owner for a ЧЕРНОВИК PDF; `submitted(approve, reason, ground)` to save."""

    preview_requested = Signal(bool, str, str)
    submitted = Signal(bool, str, str)

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Решение по заявлению № {0}").format(number))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.approve = QRadioButton(self.tr("Предоставить услугу"), self)
        self.refuse = QRadioButton(self.tr("Отказать в предоставлении услуги"), self)
        self.approve.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.refuse)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Обязательна при отказе"))
        self.ground = QLineEdit(self)
        self.ground.setPlaceholderText(self.tr("Например: п. 2.9 административного регламента"))
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.preview_button = QPushButton(self.tr("Предпросмотр"), self)
        self.ok_button = QPushButton(self.tr("Принять решение"), self)
        self.cancel_button = QPushButton(self.tr("Отмена"), self)
        self.preview_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.tr("Причина отказа"), self.reason)
        form.addRow(self.tr("Правовое основание"), self.ground)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.approve)
        layout.addWidget(self.refuse)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refuse.toggled.connect(self._outcome_changed)
        self.preview_button.clicked.connect(self._preview)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self._outcome_changed(False)
        self.resize(560, 320)

    def _outcome_changed(self, refused: bool) -> None:
        self.reason.setEnabled(refused)
        self.ground.setEnabled(refused)
        self.error.hide()

    def values(self) -> tuple[bool, str, str]:
        approve = self.approve.isChecked()
        if approve:
            return True, "", ""
        return False, " ".join(self.reason.toPlainText().split()), " ".join(self.ground.text().split())

    def _checked(self) -> tuple[bool, str, str] | None:
        approve, reason, ground = self.values()
        if not approve and not reason:
            self.error.setText(self.tr("Причина отказа: не заполнена"))
            self.error.show()
            self.reason.setFocus()
            return None
        self.error.hide()
        return approve, reason, ground

    def _preview(self) -> None:
        values = self._checked()
        if values is not None:
            self.preview_requested.emit(*values)

    def _submit(self) -> None:
        values = self._checked()
        if values is not None:
            self.accept()
            self.submitted.emit(*values)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
