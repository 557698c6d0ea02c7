"""A small deterministic PDF for the simulated ЕГРН extract (reportlab, invariant output)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from clerk_app.resources_path import resources_dir

FONT_NAME = "SandboxDejaVuSans"
_SYSTEM_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@lru_cache(maxsize=1)
def _cyrillic_font() -> str | None:
    """Register DejaVu Sans (bundled, else system); None when neither exists."""
    for candidate in (resources_dir() / "fonts" / "DejaVuSans.ttf", _SYSTEM_FONT):
        if candidate.is_file():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(candidate)))
            return FONT_NAME
    return None


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode("ascii")


def render_document(title: str, lines: Sequence[str]) -> bytes:
    """One A4 page with a title and lines of text; the same input gives the same bytes."""
    font = _cyrillic_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, initialFontName=font or "Helvetica")
    pdf.setTitle(title if font else _ascii(title))
    pdf.setAuthor("clerk-app gateway sandbox")
    width, height = A4
    y = height - 72
    pdf.setFont(font or "Helvetica", 13)
    pdf.drawString(56, y, title if font else _ascii(title))
    pdf.setFont(font or "Helvetica", 10)
    for line in lines:
        y -= 18
        pdf.drawString(56, y, line if font else _ascii(line))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
