"""Shared paragraph and table styles of all printed documents."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from clerk_app.documents.fonts import FONT, FONT_BOLD

MARGIN = 15 * mm
HEADER_BG = colors.HexColor("#E6E6E6")
MUTED = colors.HexColor("#555555")

_base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=11.5, textColor=colors.black)

BODY = ParagraphStyle("body", parent=_base, spaceAfter=2)
BODY_BOLD = ParagraphStyle("body_bold", parent=BODY, fontName=FONT_BOLD)
TITLE = ParagraphStyle(
    "title", parent=_base, fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceBefore=4
)
SUBTITLE = ParagraphStyle("subtitle", parent=_base, fontSize=10, leading=13, alignment=TA_CENTER, spaceAfter=4)
SECTION = ParagraphStyle(
    "section", parent=_base, fontName=FONT_BOLD, fontSize=10, leading=12.5, spaceBefore=5, spaceAfter=2
)
SMALL = ParagraphStyle("small", parent=_base, fontSize=7.5, leading=9.5)
SMALL_CENTER = ParagraphStyle("small_center", parent=SMALL, alignment=TA_CENTER)
SMALL_RIGHT = ParagraphStyle("small_right", parent=SMALL, alignment=TA_RIGHT)
CAPTION = ParagraphStyle("caption", parent=SMALL, fontSize=6.5, leading=8, textColor=MUTED, alignment=TA_CENTER)
CELL = ParagraphStyle("cell", parent=_base, fontSize=8.5, leading=10.5, alignment=TA_LEFT)
CELL_CENTER = ParagraphStyle("cell_center", parent=CELL, alignment=TA_CENTER)
CELL_HEAD = ParagraphStyle("cell_head", parent=CELL, fontName=FONT_BOLD, alignment=TA_CENTER)
CENTRE_NAME = ParagraphStyle("centre_name", parent=_base, fontName=FONT_BOLD, fontSize=10.5, leading=13)


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain (untrusted) text."""
    return Paragraph(escape(text), style)


def markup(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of trusted reportlab markup (values must be escaped by the caller)."""
    return Paragraph(text, style)


def esc(text: str) -> str:
    return escape(text)


def grid_style(header_rows: int = 1, font_size: float = 8.5) -> list[tuple]:
    """Commands of a bordered data table whose first rows are a header."""
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), font_size + 2),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return cmds


def plain_style() -> list[tuple]:
    """Commands of a borderless layout table."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
