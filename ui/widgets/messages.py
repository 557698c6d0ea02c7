"""Non-blocking message boxes and the Russian text of an error raised by a service call."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.domain.errors import DomainError
from clerk_app.services.faults import storage_fault_text

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """A refusal's own Russian message; anything else is a fault worth logging."""
    if isinstance(exc, DomainError):
        return exc.message
    fault = storage_fault_text(exc)
    if fault is not None:  # the same line the command line prints
        log.warning("storage fault: %s", exc)
        return fault
    log.error("unexpected error: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
    if isinstance(exc, ImportError):
        return QCoreApplication.translate("messages", "Функция ещё не установлена в этой версии программы: {0}").format(
            exc.name or exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("messages", "Ошибка ввода-вывода: {0}").format(exc.strerror or exc)
    return QCoreApplication.translate("messages", "Внутренняя ошибка программы: {0}").format(exc)


def show_message(parent: QWidget | None, title: str, text: str,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """Open a window-modal message without blocking the caller (no nested event loop)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("messageBox")
    box.open()
    return box
