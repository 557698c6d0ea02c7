"""Pieces shared by the multi-page registers."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Table, TableStyle

from clerk_app.documents.fonts import FONT
from clerk_app.documents.pdfdoc import PageDecorator, build_pdf, content_width
from clerk_app.documents.styles import CELL, CELL_HEAD, MUTED, grid_style, para

PAGESIZE = landscape(A4)
WIDTH = content_width(PAGESIZE)
FONT_SIZE = 7.5
REG_CELL = ParagraphStyle("reg_cell", parent=CELL, fontSize=FONT_SIZE, leading=9)
REG_HEAD = ParagraphStyle("reg_head", parent=CELL_HEAD, fontSize=FONT_SIZE + 0.5, leading=9.5)


CELL_PADDING = 3  # left and right, as in styles.grid_style


def reg_cell(text: str, col_width: float, style: ParagraphStyle = REG_CELL) -> str | Flowable:
    """A register cell: plain text when it fits on one line (the table draws it in the grid's font and
    size, far cheaper than a paragraph), else a wrapping paragraph."""
    if "\n" not in text and _width(text, style.fontName, style.fontSize) <= col_width - 2 * CELL_PADDING:
        return text
    return para(text, style)


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def build_register_pdf(story: list[Flowable], title: str, centre_name: str) -> bytes:
    """A landscape register: the title in the PDF metadata and the top margin, numbered pages."""
    return build_pdf(story, title=title, author=centre_name, subject=title, pagesize=PAGESIZE,
                     on_page=running_header(f"{centre_name}. {title}"), numbered=True)


def running_header(text: str) -> PageDecorator:
    """A small line in the top margin of every page after the first."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            return
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(doc.leftMargin, height - 10 * mm, _fit(text, width - doc.leftMargin - doc.rightMargin))
        canvas.restoreState()

    return draw


def _fit(text: str, width: float, size: float = 7.5) -> str:
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def register_table(
    headers: Sequence[str], rows: list[list], col_widths: Sequence[float], extra_style: Sequence[tuple] = ()
) -> Table:
    """A bordered table whose header row repeats on every page."""
    data = [[para(h, REG_HEAD) for h in headers], *rows]
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(font_size=FONT_SIZE) + list(extra_style)))
    return table
