"""An editor with a red error message under it, for live validation beside a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = ("QLineEdit { border: 1px solid #b00020; padding: 3px 4px; } "
                 "QLineEdit:focus { border: 2px solid #b00020; padding: 2px 3px; }")


class FieldBox(QWidget):
    """Holds one editor and shows the Russian validation message below it (hidden while valid)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE + " font-size: 8pt;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # one line kept free under the field, so that a message never moves the fields below it
        policy = self.error_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.error_label.setSizePolicy(policy)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setToolTip(message or "")
        self.error_label.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setStyleSheet(INVALID_STYLE if message else "")

    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""
