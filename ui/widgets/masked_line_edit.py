"""A line edit with an input mask that tells an untouched field from a typed one."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget


class MaskedLineEdit(QLineEdit):
    """`value()` is "" while nothing was typed (the mask's literals alone are not a value)."""

    def __init__(self, mask: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if mask:
            self.setInputMask(mask)
        self._empty_text = self.text()

    def value(self) -> str:
        text = self.text()
        if text == self._empty_text or not text.strip():
            return ""
        return text.strip()

    def set_value(self, text: str | None) -> None:
        self.setText(text or "")
