"""QR and Code128 drawings of an application number (ASCII payload)."""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.fonts import FONT


@lru_cache(maxsize=32)
def qr_runs(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR symbol (level M) of `value`: its module count and the dark runs (row, first column, length)."""
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    runs = []
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in groupby(bool(m) for m in row):
            n = sum(1 for _ in group)
            if dark:
                runs.append((r, c, n))
            c += n
    return qr.getModuleCount(), tuple(runs)


class QrFlowable(Flowable):
    """The QR of an application number drawn straight on the canvas: one filled path of its dark runs
    (the same modules as reportlab's QrCodeWidget, without a graphics shape per run)."""

    def __init__(self, value: str, size: float, border: int = 2) -> None:
        super().__init__()
        self.value, self.width, self.height, self.border = value, size, size, border

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count, runs = qr_runs(self.value)
        box = self.width / (count + 2 * self.border)
        path = self.canv.beginPath()
        for r, c, n in runs:
            path.rect((c + self.border) * box, self.height - (r + self.border + 1) * box, n * box, box)
        self.canv.saveState()
        self.canv.setFillColor(black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


def qr_drawing(value: str, size: float = 28 * mm) -> QrFlowable:
    return QrFlowable(value, size)


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
