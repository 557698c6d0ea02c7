"""Keyboard in both layouts: Alt+<Latin key> reaches the Cyrillic mnemonic on the same key (ЙЦУКЕН/QWERTY)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenuBar, QWidget

# Cyrillic letter -> the Latin key at the same place on a Russian/US keyboard.
_RU = "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"
_EN = "QWERTYUIOP[]ASDFGHJKL;'ZXCVBNM,.`"
LATIN_OF = dict(zip(_RU, _EN, strict=True))
CYRILLIC_OF = {en: ru for ru, en in LATIN_OF.items()}
_QT_KEYS = {
    "[": Qt.Key.Key_BracketLeft, "]": Qt.Key.Key_BracketRight, ";": Qt.Key.Key_Semicolon,
    "'": Qt.Key.Key_Apostrophe, ",": Qt.Key.Key_Comma, ".": Qt.Key.Key_Period, "`": Qt.Key.Key_QuoteLeft,
}


def mnemonic(text: str) -> str:
    """The upper-case letter after a single & in `text`, or ""."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].upper()
            i += 1
        i += 1
    return ""


def latin_key(letter: str) -> int | None:
    """The Qt key code of the Latin key under a Cyrillic letter."""
    en = LATIN_OF.get(letter.upper())
    if en is None:
        return None
    return int(_QT_KEYS.get(en, getattr(Qt.Key, f"Key_{en}", 0))) or None


def _cyrillic_for_key(key: int) -> str:
    for letter in LATIN_OF:
        if latin_key(letter) == key:
            return letter
    return ""


def _visible_buttons(window: QWidget) -> list[QAbstractButton]:
    return [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled() and b.window() is window]


def trigger_mnemonic(window: QWidget, letter: str) -> bool:
    """Do what Alt+<letter> would in the Russian layout: press the button, open the menu, focus the buddy."""
    for b in _visible_buttons(window):
        if mnemonic(b.text()) == letter:
            b.setFocus(Qt.FocusReason.ShortcutFocusReason)
            b.animateClick()
            return True
    for bar in window.findChildren(QMenuBar):
        for action in bar.actions():
            if action.isVisible() and action.isEnabled() and mnemonic(action.text()) == letter:
                bar.setActiveAction(action)
                return True
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.isVisible() and buddy.isEnabled() and mnemonic(label.text()) == letter:
            buddy.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
    return False


class LatinMnemonics(QObject):
    """Installed on the application: an Alt+<Latin> key press nobody handled goes to the Cyrillic mnemonic."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        mods = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.AltModifier:
            return False
        letter = _cyrillic_for_key(key_event.key())
        if not letter:
            return False
        window = QApplication.activeWindow() or watched.window()
        if window is None or (watched.window() is not window and not window.isAncestorOf(watched)):
            return False
        return trigger_mnemonic(window, letter)


def install_latin_mnemonics(app: QApplication) -> LatinMnemonics:
    existing = app.findChild(LatinMnemonics)
    if existing is not None:
        return existing
    twin = LatinMnemonics(app)
    app.installEventFilter(twin)
    return twin
