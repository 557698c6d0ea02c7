"""The PDF preview: pages shown, printing through an injected printer dialog, saving to a file."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from reportlab.pdfgen import canvas

from ui.pdf_preview import PdfPreviewDialog


def two_page_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for n in (1, 2):
        c.drawString(100, 700, f"page {n}")
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture
def pdf_printer(tmp_path):
    """A print dialog stand-in that sends the job to a PDF file instead of a device."""
    target = tmp_path / "printed.pdf"
    calls = []

    def choose(printer: QPrinter, parent) -> bool:
        calls.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    return choose, target, calls


def test_shows_pages(qtbot):
    dlg = PdfPreviewDialog(two_page_pdf(), "Расписка")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.page_count() == 2
    assert "2" in dlg.info_label.text()
    assert dlg.print_button.isEnabled()
    image = dlg.render_page(0, 72)
    assert image.width() > 500 and not image.isNull()


def test_print_button_prints_every_page(qtbot, pdf_printer):
    choose, target, calls = pdf_printer
    dlg = PdfPreviewDialog(two_page_pdf(), "Расписка", print_dialog=choose, copies=2)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.print_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 1 and calls[0].copyCount() == 2
    assert len(PdfReader(str(target)).pages) == 2


def test_ctrl_p_prints(qtbot, pdf_printer):
    choose, target, calls = pdf_printer
    dlg = PdfPreviewDialog(two_page_pdf(), print_dialog=choose)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert calls and target.exists()


def test_cancelled_print_dialog_prints_nothing(qtbot, tmp_path):
    dlg = PdfPreviewDialog(two_page_pdf(), print_dialog=lambda printer, parent: False)
    qtbot.addWidget(dlg)
    assert dlg.print_document() is False


def test_save_writes_the_bytes_with_pdf_suffix(qtbot, tmp_path):
    data = two_page_pdf()
    asked = []

    def choose(parent, caption, suggested):
        asked.append(suggested)
        return str(tmp_path / "расписка")

    dlg = PdfPreviewDialog(data, save_dialog=choose, file_name="receipt-1.pdf")
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["receipt-1.pdf"]
    assert (tmp_path / "расписка.pdf").read_bytes() == data
    assert dlg.saved_path == tmp_path / "расписка.pdf"
    if os.name == "posix":  # the document holds personal data: readable by its owner only
        assert (tmp_path / "расписка.pdf").stat().st_mode & 0o777 == 0o600


def test_failed_save_says_why_in_russian_and_leaves_nothing(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.pdf_preview.show_message", lambda parent, title, text, *a, **k: shown.append(text))
    target = tmp_path / "busy.pdf"
    target.mkdir()  # a folder where the file should go: the write fails
    dlg = PdfPreviewDialog(two_page_pdf(), save_dialog=lambda *a: str(target))
    qtbot.addWidget(dlg)
    assert dlg.save_document() is None
    assert len(shown) == 1 and "Не удалось записать файл" in shown[0] and str(target) in shown[0]
    assert [p.name for p in tmp_path.iterdir()] == ["busy.pdf"] and list(target.iterdir()) == []


def test_cancelled_save_writes_nothing(qtbot, tmp_path):
    dlg = PdfPreviewDialog(two_page_pdf(), save_dialog=lambda *a: "")
    qtbot.addWidget(dlg)
    assert dlg.save_document() is None
    assert list(tmp_path.iterdir()) == []


def test_broken_bytes_disable_printing(qtbot):
    dlg = PdfPreviewDialog(b"not a pdf")
    qtbot.addWidget(dlg)
    assert dlg.page_count() == 0
    assert not dlg.print_button.isEnabled()
