"""Charts of the supervisor's report (reportlab graphics); every Drawing embeds DejaVu Sans."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from clerk_app.documents.fonts import FONT, FONT_BOLD

PALETTE = (colors.HexColor("#2E6DB4"), colors.HexColor("#E08A1E"), colors.HexColor("#3A9E4F"),
           colors.HexColor("#C0392B"), colors.HexColor("#7D5BA6"))
FONT_SIZE = 7


def _drawing(width: float, height: float, title: str) -> Drawing:
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=FONT_SIZE)
    d.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=8.5))
    return d


def short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend(x: float, y: float, names: Sequence[str]) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = FONT, FONT_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1  # one row
    legend.deltax = 4
    legend.dxTextSpace = 3
    legend.dx = legend.dy = 6
    legend.variColumn = 1
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
    return legend


def nice_step(top: float) -> int:
    """A whole step giving at most about six ticks: 1, 2, 5, 10, 20, 50, ..."""
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 6:
                break
    return step


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]],
              width: float, height: float) -> Drawing:
    """Horizontal bars per category, one bar per series, with a legend under the title."""
    d = _drawing(width, height, title)
    if not categories:
        d.add(String(0, height / 2, "Нет данных за период", fontName=FONT, fontSize=FONT_SIZE))
        return d
    chart = HorizontalBarChart()
    chart.x, chart.y = 110, 12
    chart.width, chart.height = width - 120, height - 40
    chart.data = [list(values) for _, values in series]
    chart.categoryAxis.categoryNames = [short(c) for c in categories]
    chart.categoryAxis.reverseDirection = True
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = FONT, FONT_SIZE
    top = max((max(values) for _, values in series if values), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = nice_step(top)
    chart.valueAxis.valueMax = max(chart.valueAxis.valueStep, top)
    chart.valueAxis.labelTextFormat = "%d"
    chart.barSpacing, chart.groupSpacing = 1, 4
    for i in range(len(series)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    d.add(_legend(0, height - 16, [name for name, _ in series]))
    return d


def pie_chart(title: str, slices: Sequence[tuple[str, int]], width: float, height: float) -> Drawing:
    d = _drawing(width, height, title)
    shown = [(name, value) for name, value in slices if value]
    if not shown:
        d.add(String(0, height / 2, "Нет просроченных заявлений", fontName=FONT, fontSize=FONT_SIZE))
        return d
    pie = Pie()
    size = min(width * 0.45, height - 30)
    pie.x, pie.y, pie.width, pie.height = 5, 8, size, size
    pie.data = [value for _, value in shown]
    pie.labels = [str(value) for _, value in shown]
    pie.slices.fontName, pie.slices.fontSize = FONT, FONT_SIZE
    pie.slices.strokeColor = colors.white
    for i in range(len(shown)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    d.add(_legend(size + 20, size, [name for name, _ in shown]))
    d.contents[-1].columnMaximum = 6
    return d
