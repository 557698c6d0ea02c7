"""Preview of a PDF (receipt, decision) with printing and saving."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.errors import DomainError
from clerk_app.services.files import save_private
from ui.geometry import keep_geometry
from ui.russian_qt import ask_save_path
from ui.widgets.messages import show_message

try:
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # Qt built without the PDF module: the document can still be saved
    QPdfDocument = None  # type: ignore[assignment,misc]
try:
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:
    QPdfView = None  # type: ignore[assignment,misc]

PRINT_DPI = 300

# (printer, parent) -> True to print; tests inject one that opens nothing.
PrintDialogFn = Callable[[QPrinter, QWidget], bool]
# (parent, caption, suggested path) -> chosen path or "" when cancelled.
SaveDialogFn = Callable[[QWidget, str, str], str]


def document_file_name(kind: str, number: str) -> str:
    """«Расписка 34-001-07-2026-000001.pdf»: a Russian name the clerk recognises in the folder."""
    safe = "".join(c if c.isalnum() or c in "-_ №" else "-" for c in number)
    return f"{kind} {safe}.pdf"


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes; «Печать» (Ctrl+P) prints the rendered pages, «Сохранить» (Ctrl+S) writes the file."""

    delivered = Signal(str)  # "print" or "save": the document left the program (count it now)

    def __init__(self, pdf: bytes, title: str = "", parent: QWidget | None = None, *,
                 file_name: str = "Документ.pdf", printer_name: str | None = None, copies: int = 1,
                 print_dialog: PrintDialogFn | None = None, save_dialog: SaveDialogFn | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Просмотр документа"))
        self.pdf = bytes(pdf)
        self.file_name = file_name
        self.printer_name = printer_name
        self.copies = max(1, int(copies))
        self.print_dialog = print_dialog or ask_printer
        self.save_dialog = save_dialog or ask_save_path
        self.saved_path: Path | None = None

        self._data = QByteArray(self.pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self) if QPdfDocument is not None else None
        if self.document is not None:
            self.document.load(self._buffer)

        layout = QVBoxLayout(self)
        layout.addWidget(self._make_view(), 1)
        buttons = QHBoxLayout()
        self.info_label = QLabel(self._info_text(), self)
        buttons.addWidget(self.info_label, 1)
        self.print_button = QPushButton(self.tr("&Печать"), self)
        self.print_button.setToolTip(self.tr("Напечатать (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("&Сохранить"), self)
        self.save_button.setToolTip(self.tr("Сохранить в файл PDF (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("&Закрыть"), self)
        self.close_button.setToolTip(self.tr("Закрыть (Esc)"))
        for b in (self.print_button, self.save_button, self.close_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.print_button.setEnabled(self.page_count() > 0)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_document)
        self.print_button.setFocus()
        self.printed_pages = 0
        self.geometry_keeper = keep_geometry(self, "preview", (820, 900))

    # --- view --------------------------------------------------------------

    def _make_view(self) -> QWidget:
        self.view: QWidget
        if self.document is None:
            label = QLabel(self.tr("Просмотр недоступен: в этой установке Qt нет модуля PDF. "
                                   "Документ можно сохранить в файл."), self)
            label.setWordWrap(True)
            self.view = label
            return label
        if QPdfView is not None:
            view = QPdfView(self)
            view.setDocument(self.document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view = view
            return view
        # QtPdf without its widgets: show rendered page images.
        area = QScrollArea(self)
        pages = QWidget(area)
        col = QVBoxLayout(pages)
        for i in range(self.page_count()):
            label = QLabel(pages)
            label.setPixmap(QPixmap.fromImage(self.render_page(i, 96)))
            col.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        area.setWidget(pages)
        area.setWidgetResizable(True)
        self.view = area
        return area

    def _info_text(self) -> str:
        n = self.page_count()
        return self.tr("Страниц: {0}").format(n) if n else self.tr("Документ не удалось открыть")

    def page_count(self) -> int:
        if self.document is None or self.document.status() != QPdfDocument.Status.Ready:
            return 0
        return self.document.pageCount()

    def render_page(self, index: int, dpi: int) -> QImage:
        assert self.document is not None
        size = self.document.pagePointSize(index)
        pixels = QSize(max(1, round(size.width() * dpi / 72)), max(1, round(size.height() * dpi / 72)))
        return self.document.render(index, pixels)

    # --- printing ------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        printer.setCopyCount(self.copies)
        printer.setFullPage(True)
        printer.setDocName(self.file_name)
        return printer

    def print_document(self) -> bool:
        """Ask for the printer (the dialog is injectable) and print every page."""
        if self.page_count() == 0:
            return False
        printer = self.make_printer()
        if not self.print_dialog(printer, self):
            self.info_label.setText(self.tr("Печать отменена"))
            return False
        pages = self.print_to(printer)
        if pages:
            self.printed_pages += pages
            self.delivered.emit("print")
            where = printer.printerName() or printer.outputFileName()
            self.info_label.setText(self.tr("Отправлено на печать: страниц {0}, экземпляров {1}{2}").format(
                pages, printer.copyCount(), f" ({where})" if where else ""))
        return pages > 0

    def print_to(self, printer: QPrinter) -> int:
        """Paint the pages onto `printer`; returns the number of pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            show_message(self, self.tr("Печать"), self.tr("Не удалось начать печать на выбранном принтере"))
            return 0
        printed = 0
        try:
            for i in range(self.page_count()):
                if i:
                    printer.newPage()
                image = self.render_page(i, PRINT_DPI)
                area = painter.viewport()
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(area.x() + (area.width() - scaled.width()) // 2,
                               area.y() + (area.height() - scaled.height()) // 2,
                               scaled.width(), scaled.height())
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed

    # --- saving ------------------------------------------------------------

    def save_document(self) -> Path | None:
        chosen = self.save_dialog(self, self.tr("Сохранить документ"), self.file_name)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_private(path, self.pdf)
        except DomainError as exc:
            show_message(self, self.tr("Сохранение"), exc.message)
            return None
        self.saved_path = path
        self.delivered.emit("save")
        self.info_label.setText(self.tr("Сохранено: {0}").format(str(path)))
        return path
