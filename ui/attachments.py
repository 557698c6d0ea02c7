"""Agencies' attachments: PDF, PNG and JPEG in the program's own viewers (one per attachment), anything
else only offered for saving under a cleaned name. Nothing is written to a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from clerk_app.domain.attachments import plan, safe_filename
from clerk_app.domain.errors import DomainError
from clerk_app.services.answers import AttachmentRef
from clerk_app.services.files import save_private
from ui.geometry import keep_geometry
from ui.pdf_preview import PdfPreviewDialog
from ui.russian_qt import ask_save_path
from ui.widgets.messages import show_message

MEDIA_RU = {"application/pdf": "документ PDF", "image/png": "изображение PNG", "image/jpeg": "изображение JPEG",
            "application/xml": "данные XML", "text/xml": "данные XML", "application/json": "данные JSON",
            "text/plain": "текст", "application/zip": "архив ZIP"}

SaveFn = Callable[[QWidget, str, str, str], str]


def media_text(media_type: str) -> str:
    """«документ PDF» for application/pdf; an unknown type is «файл»."""
    return MEDIA_RU.get((media_type or "").split(";")[0].strip().lower(), "файл")


class ImageViewer(QDialog):
    """A PNG or JPEG at its size (scrolls when larger than the window), with «Сохранить» and «Закрыть»."""

    def __init__(self, image: QImage, title: str, content: bytes, file_name: str, parent: QWidget | None = None,
                 save_dialog: SaveFn | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.content, self.file_name = content, file_name
        self.save_dialog = save_dialog or ask_save_path
        area = QScrollArea(self)
        picture = QLabel(area)
        picture.setPixmap(QPixmap.fromImage(image))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area.setWidget(picture)
        area.setWidgetResizable(True)
        self.info_label = QLabel(self.tr("{0} × {1} точек").format(image.width(), image.height()), self)
        self.save_button = QPushButton(self.tr("&Сохранить"), self)
        self.close_button = QPushButton(self.tr("&Закрыть"), self)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.geometry_keeper = keep_geometry(self, "imageViewer", (900, 700))

    def save(self) -> Path | None:
        return save_bytes(self, self.content, self.file_name, self.save_dialog, self.info_label)


def save_bytes(parent: QWidget, content: bytes, file_name: str, save_dialog: SaveFn,
               info: QLabel | None = None, caption: str = "") -> Path | None:
    suffix = Path(file_name).suffix
    chosen = save_dialog(parent, caption or parent.tr("Сохранить вложение"), file_name,
                         f"{parent.tr('Файлы')} (*{suffix})" if suffix else parent.tr("Все файлы (*)"))
    if not chosen:
        return None
    path = Path(chosen)
    try:
        save_private(path, content)
    except DomainError as exc:
        show_message(parent, parent.tr("Сохранение"), exc.message)
        return None
    if info is not None:
        info.setText(parent.tr("Сохранено: {0}").format(str(path)))
    return path


class AttachmentViewers(QObject):
    """One viewer per attachment for `owner`; a second request raises the open viewer instead."""

    def __init__(self, owner: QWidget, printer: Callable[[], str | None] = lambda: None,
                 save_dialog: SaveFn | None = None) -> None:
        super().__init__(owner)
        self.owner = owner
        self.printer = printer
        self.save_dialog = save_dialog or ask_save_path
        self.viewers: dict[int, QWidget] = {}
        self.pending: set[int] = set()
        self.saved: list[Path] = []

    def viewer(self, attachment_id: int) -> QWidget | None:
        w = self.viewers.get(attachment_id)
        if w is not None and shiboken6.isValid(w) and w.isVisible():
            return w
        self.viewers.pop(attachment_id, None)
        return None

    def begin(self, attachment_id: int) -> bool:
        """True when the attachment must be read; False when its viewer is open (raised) or on its way."""
        open_one = self.viewer(attachment_id)
        if open_one is not None:
            open_one.raise_()
            open_one.activateWindow()
            return False
        if attachment_id in self.pending:
            return False
        self.pending.add(attachment_id)
        return True

    def failed(self, attachment_id: int) -> None:
        self.pending.discard(attachment_id)

    def show(self, attachment_id: int, name: str, media_type: str, content: bytes) -> QWidget | None:
        """Open the viewer for a PDF, PNG or JPEG; offer anything else for saving. The viewer, or None."""
        self.pending.discard(attachment_id)
        decided = plan(name, media_type, content)  # the content decides (clerk_app.domain.attachments)
        safe = decided.file_name
        widget: QDialog | None = None
        if decided.action == "view" and decided.media_type == "application/pdf":
            widget = PdfPreviewDialog(content, safe, self.owner, file_name=safe, printer_name=self.printer(),
                                      save_dialog=lambda parent, caption, name: self.save_dialog(
                                          parent, caption, name, "PDF (*.pdf)"))
        elif decided.action == "view":
            image = QImage.fromData(content)
            if not image.isNull():
                widget = ImageViewer(image, safe, content, safe, self.owner, self.save_dialog)
        if widget is None:
            self._offer_save(safe, decided.note or media_text(media_type), content)
            return None
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewers[attachment_id] = widget
        widget.show()
        return widget

    def _offer_save(self, safe: str, note: str, content: bytes) -> None:
        path = save_bytes(self.owner, content, safe, self.save_dialog, caption=note)
        if path is not None:
            self.saved.append(path)

    def close_all(self) -> None:
        for w in list(self.viewers.values()):
            if shiboken6.isValid(w):
                w.close()
        self.viewers.clear()
        self.pending.clear()


def attachment_row_text(att: AttachmentRef) -> str:
    size_kb = max(1, round(att.size / 1024))
    return f"{media_text(att.media_type)}, {size_kb} КБ — открыть"
