"""Registration of the bundled Cyrillic TTF fonts (idempotent)."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clerk_app.resources_path import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()


def register_fonts() -> None:
    """Register the regular and bold faces and their family once."""
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # No italic face is bundled: italic maps to the upright one.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
        addMapping(FONT, 0, 0, FONT)


register_fonts()
