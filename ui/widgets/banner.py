"""A non-blocking banner with a message and one action button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class ActionBanner(QFrame):
    """Shown inside a form; `accepted` when the clerk presses the action button."""

    accepted = Signal()

    def __init__(self, action_text: str, dismiss_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBanner")
        self.setStyleSheet("#actionBanner { background: #fff4ce; border: 1px solid #d8b800; border-radius: 3px; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
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

    def offer(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def _on_action(self) -> None:
        self.hide()
        self.accepted.emit()
