"""A non-blocking banner with a message and one action button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


OFFER_STYLE = "#actionBanner { background: #fff4ce; border: 1px solid #d8b800; border-radius: 3px; }"
WARNING_STYLE = "#actionBanner { background: #fdecea; border: 2px solid #b00020; border-radius: 3px; }"


class ActionBanner(QFrame):
    """Shown inside a form; `accepted` when the clerk presses the action button."""

    accepted = Signal()

    def __init__(self, action_text: str, dismiss_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBanner")
        self.setStyleSheet(OFFER_STYLE)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.warning = False
        self.default_action_text = action_text
        self.action_button = QPushButton(action_text, self)
        self.dismiss_button = QPushButton(dismiss_text, self)
        for b in (self.action_button, self.dismiss_button):
            b.setAutoDefault(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.dismiss_button)
        self.action_button.clicked.connect(self._on_action)
        self.dismiss_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, text: str, warning: bool = False, action_text: str | None = None) -> None:
        """Show `text`; a warning is red, for a fact the clerk must check before going on."""
        self.setStyleSheet(WARNING_STYLE if warning else OFFER_STYLE)
        self.warning = warning
        if action_text:
            self.action_button.setText(action_text)
        self.label.setText(text)
        self.show()

    def _on_action(self) -> None:
        self.hide()
        self.accepted.emit()
