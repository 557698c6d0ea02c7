"""The shared PDF builder: page template, embedded fonts, metadata, page numbers."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from clerk_app.documents.fonts import FONT, register_fonts
from clerk_app.documents.styles import MARGIN, MUTED

CREATOR = "clerk-app"
PageDecorator = Callable[[Canvas, BaseDocTemplate], None]


class NumberedCanvas(Canvas):
    """Holds the pages back until the end to print «Страница N из M» on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawCentredString(width / 2, 8 * mm, f"Страница {self._pageNumber} из {total}")
        self.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    author: str,
    subject: str = "",
    pagesize: tuple[float, float] = A4,
    on_page: PageDecorator | None = None,
    on_page_end: PageDecorator | None = None,
    numbered: bool = False,
    bottom_margin: float = MARGIN,
) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes.

    Every text, including that of the canvas default state and of drawings,
    uses the embedded TTF (``initialFontName``), so no base-14 font is referenced.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=bottom_margin,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        producer=CREATOR,
        lang="ru-RU",
        initialFontName=FONT,
        initialFontSize=10,
        initialLeading=12,
        displayDocTitle=1,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )
    kwargs = {"onPage": on_page} if on_page else {}
    if on_page_end:
        kwargs["onPageEnd"] = on_page_end
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize, **kwargs)])
    doc.build(list(story), canvasmaker=NumberedCanvas if numbered else Canvas)
    return buffer.getvalue()


def content_width(pagesize: tuple[float, float] = A4) -> float:
    return pagesize[0] - 2 * MARGIN
