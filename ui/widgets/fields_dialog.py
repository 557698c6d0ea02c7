"""A dialog of fields that emits `submitted(values)` and stays open until the window accepts it or shows a
refusal beside the field its path names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.widgets.field_box import ERROR_STYLE, FieldBox


class FieldsDialog(QDialog):
    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, FieldBox] = {}
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def add_field(self, form: QFormLayout, path: str, label: str, editor: Any) -> Any:
        """`editor` in a FieldBox (its refusals shown under it) on a row of `form`; returns the editor."""
        editor.setObjectName(path)
        self.boxes[path] = FieldBox(editor, self)
        form.addRow(label, self.boxes[path])
        return editor

    def button_row(self, ok_text: str, values: Callable[[], Any]) -> QHBoxLayout:
        """The default button (emits `submitted(values())`) and «Отмена», right-aligned."""
        self.ok_button = QPushButton(ok_text, self)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(lambda: self._submit(values))
        self.cancel_button = QPushButton(self.tr("О&тмена"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ok_button)
        row.addWidget(self.cancel_button)
        return row

    def _submit(self, values: Callable[[], Any]) -> None:
        self.show_error(None, "")
        self.submitted.emit(values())

    def show_error(self, field: str | None, message: str) -> None:
        """A refusal beside the field its path names (or under the form); None clears every message."""
        for each in self.boxes.values():
            each.set_error(None)
        box = self.boxes.get(field or "")
        if box is not None and message:
            box.set_error(message)
            box.editor.setFocus()
            self.error_label.hide()
        else:
            self.error_label.setText(message)
            self.error_label.setVisible(bool(message))
