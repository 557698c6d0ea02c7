"""QR and Code128 drawings of an application number (ASCII payload)."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm

from clerk_app.documents.fonts import FONT


def qr_drawing(value: str, size: float = 28 * mm) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M", barBorder=2, barWidth=size, barHeight=size)
    drawing = Drawing(size, size, initialFontName=FONT)
    drawing.add(widget)
    return drawing


def code128_drawing(value: str, bar_width: float = 0.3 * mm, height: float = 11 * mm) -> Drawing:
    widget = BarcodeCode128(
        value=value, barWidth=bar_width, barHeight=height, humanReadable=False,
        fontName=FONT, quiet=True, x=0, y=0,
    )
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(x1 - x0, y1 - y0, initialFontName=FONT)
    widget.x, widget.y = -x0, -y0
    drawing.add(widget)
    return drawing
