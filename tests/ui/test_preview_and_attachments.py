"""Issue 12, points 1 and 6 (and issue 15 item 5, window side): the draft preview is usable over the decision
dialog; one viewer per attachment; only PDF, PNG and JPEG open; nothing left in the temporary folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.services import applications, printing
from tests.factories import CLERK, SUPERVISOR, sample_application
from ui.application_view import ApplicationView
from ui.attachments import AttachmentViewers, ImageViewer
from ui.pdf_preview import PdfPreviewDialog
from ui.tasks import TaskRunner


def _window_ancestors(widget: QWidget) -> list[QWidget]:
    """The windows above `widget`'s window, nearest first (Qt's transient-parent chain)."""
    out, w = [], widget.window().parentWidget()
    while w is not None:
        out.append(w.window())
        w = w.window().parentWidget()
    return out


def blocked_by_modal(widget: QWidget) -> bool:
    """Qt's rule for input to a window while modal windows are shown (QGuiApplicationPrivate::isWindowBlocked)."""
    target = widget.window()
    for modal in QApplication.topLevelWidgets():
        if not modal.isVisible() or modal.windowModality() == Qt.WindowModality.NonModal or modal is target:
            continue
        if modal in _window_ancestors(target):
            continue  # a window above its own modal dialog's children is not blocked
        if modal.windowModality() == Qt.WindowModality.ApplicationModal:
            return True
        if {target, *_window_ancestors(target)} & set(_window_ancestors(modal)):
            return True
    return False


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.wait()


def test_draft_preview_from_decision_dialog_is_not_frozen(qtbot, ctx, runner):
    reg = applications.register(ctx, CLERK, sample_application())
    view = ApplicationView(ctx, SUPERVISOR, runner, reg.number)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10000)
    dialog = view.open_decision()
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None and view.preview.isVisible(), timeout=15000)
    preview = view.preview
    assert preview.parentWidget() is dialog  # above the decision dialog, not under its modality
    assert not blocked_by_modal(preview)
    assert blocked_by_modal(view)  # the application window stays blocked, as it should
    assert preview.print_button.isEnabled() and preview.page_count() >= 1
    printed = []
    preview.print_dialog = lambda printer, parent: printed.append(parent) or False
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert printed == [preview] and preview.info_label.text() == "Печать отменена"
    qtbot.mouseClick(preview.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=5000)
    assert dialog.isVisible() and not blocked_by_modal(dialog)


def _png() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_one_viewer_per_attachment_and_others_only_saved(qtbot, ctx, tmp_path):
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    saved_as = []

    def save_dialog(parent, caption, name, filters):
        saved_as.append((caption, name))
        return str(tmp_path / name)

    temp_before = set(Path(tempfile.gettempdir()).glob("clerk-attachment-*"))
    viewers = AttachmentViewers(owner, save_dialog=save_dialog)
    assert viewers.begin(1)
    assert not viewers.begin(1)  # the double-click's second signal while the first is being read
    pdf = printing.receipt_pdf(ctx, CLERK, applications.register(ctx, CLERK, sample_application()).number)
    first = viewers.show(1, "egrn.pdf", "application/pdf", pdf)
    assert isinstance(first, PdfPreviewDialog) and first.isVisible()
    assert not viewers.begin(1)  # open: raised, not opened again
    assert viewers.begin(2)
    image = viewers.show(2, "scan.png", "image/png", _png())
    assert isinstance(image, ImageViewer)
    assert viewers.begin(3)
    assert viewers.show(3, "report.pdf.exe", "application/pdf", b"MZ\x90\x00") is None  # not a PDF inside
    assert saved_as and saved_as[0][1] == "report_pdf.exe.bin" and "не открывается" in saved_as[0][0]
    assert (tmp_path / "report_pdf.exe.bin").read_bytes() == b"MZ\x90\x00"
    assert viewers.begin(4)
    assert viewers.show(4, "C:evil.lnk", "image/png", b"[InternetShortcut]") is None
    assert saved_as[1][1] == "evil.lnk.bin"
    viewers.close_all()
    qtbot.waitUntil(lambda: not viewers.viewers, timeout=2000)
    assert set(Path(tempfile.gettempdir()).glob("clerk-attachment-*")) == temp_before
