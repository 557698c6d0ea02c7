"""The report's charts (QtCharts, which PySide6-Addons already brings for the PDF preview)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from clerk_app.services.reports.query import Report

COLORS = ("#2E6DB4", "#E08A1E", "#3A9E4F", "#C0392B")
TOP = 8
OVERDUE_CAUSES = (("overdue_agency", "у ведомства"), ("overdue_requests", "ждут ответа"),
                  ("overdue_centre", "за МФЦ"))


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _ChartView(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.title = title
        self.setChart(self._empty())

    def _empty(self) -> QChart:
        chart = QChart()
        chart.setTitle(self.title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart


class GroupsChart(_ChartView):
    """Accepted and issued for the largest groups, as horizontal bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Принято и выдано"), parent)

    def show_report(self, report: Report) -> None:
        chart = self._empty()
        rows = sorted(report.rows, key=lambda r: -r.values["accepted"])[:TOP][::-1]
        series = QHorizontalBarSeries()
        for i, (key, label) in enumerate((("accepted", self.tr("Принято")), ("issued", self.tr("Выдано")))):
            bars = QBarSet(label)
            bars.setColor(QColor(COLORS[i]))
            bars.append([float(r.values[key]) for r in rows])
            series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([_short(r.name) for r in rows])
        small = names.labelsFont()
        small.setPointSizeF(max(6.0, small.pointSizeF() - 1))
        names.setLabelsFont(small)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        values.setMax(max([1.0] + [float(r.values["accepted"]) for r in rows]))
        values.applyNiceNumbers()
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        self.setChart(chart)
        self.categories = [r.name for r in rows]


class OverdueChart(_ChartView):
    """Open cases past their term, by cause."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Просроченные открытые дела по причинам"), parent)
        self.slices: dict[str, int] = {}

    def show_report(self, report: Report) -> None:
        chart = self._empty()
        series = QPieSeries()
        self.slices = {}
        for i, (key, label) in enumerate(OVERDUE_CAUSES):
            n = int(report.total[key])
            self.slices[key] = n
            if n:
                s = series.append(f"{self.tr(label)}: {n}", n)
                s.setColor(QColor(COLORS[i + 1]))
        if not series.count():
            chart.setTitle(self.title + self.tr(" — нет"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.addSeries(series)
        self.setChart(chart)
