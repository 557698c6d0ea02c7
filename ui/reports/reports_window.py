"""«Отчёты»: the supervisor's report for a period and grouping, charts, drill-down, CSV/PDF export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services.context import AppContext
from clerk_app.services.reports import service
from clerk_app.services.reports.figures import TITLES
from clerk_app.services.reports.formats import TOTAL_RU
from clerk_app.services.reports.query import GROUP_RU, GroupBy, Period, Report
from clerk_app.services.roles import Actor
from ui.reports.charts import GroupsChart, OverdueChart
from ui.reports.drill_dialog import DrillDownDialog
from ui.reports.report_model import FIGURE_ROLE, KEY_ROLE, ReportTableModel
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

FILTERS = {"csv": "Таблица CSV (*.csv)", "pdf": "Документ PDF (*.pdf)"}


class ReportsWindow(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner,
                 open_number: Callable[[str], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self._open_number = open_number
        self.report: Report | None = None
        self.drill: DrillDownDialog | None = None
        self.setObjectName("reportsWindow")
        self.setWindowTitle(self.tr("Отчёты"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1300, 720)
        today = ctx.now().date()
        self.from_edit = self._date_edit(QDate(today.year, today.month, 1), "reportFrom")
        self.to_edit = self._date_edit(QDate(today.year, today.month, today.day), "reportTo")
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("reportGroup")
        for g in GroupBy:
            self.group_combo.addItem(self.tr(GROUP_RU[g]), g.value)
        self.run_button = QPushButton(self.tr("Сформировать"), self)
        self.run_button.setObjectName("reportRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.csv_button = QPushButton(self.tr("Экспорт в CSV…"), self)
        self.pdf_button = QPushButton(self.tr("Экспорт в PDF…"), self)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Период с"), self), self.from_edit, QLabel(self.tr("по"), self), self.to_edit,
                  QLabel(self.tr("Группировка:"), self), self.group_combo, self.run_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)

        self.model = ReportTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self.drill_down)  # a double click or Enter
        self.groups_chart = GroupsChart(self)
        self.overdue_chart = OverdueChart(self)
        charts = QWidget(self)
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.groups_chart, 3)
        row.addWidget(self.overdue_chart, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("reportStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        self._set_busy(False)
        self.run()

    def _date_edit(self, value: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    def period(self) -> Period:
        f, t = self.from_edit.date(), self.to_edit.date()
        return Period(date(f.year(), f.month(), f.day()), date(t.year(), t.month(), t.day()))

    def group_by(self) -> GroupBy:
        return GroupBy(self.group_combo.currentData())

    def set_period(self, start: date, end: date, by: GroupBy | str = GroupBy.SERVICE) -> None:
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.to_edit.setDate(QDate(end.year, end.month, end.day))
        self.group_combo.setCurrentIndex(self.group_combo.findData(GroupBy(by).value))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for w in (self.run_button, self.csv_button, self.pdf_button):
            w.setEnabled(not busy and (w is self.run_button or self.report is not None))
        if text:
            self.status_label.setText(text)

    # --- the report ------------------------------------------------------------

    def run(self) -> None:
        ctx, actor, period, by = self._ctx, self._actor, self.period(), self.group_by()
        self._set_busy(True, self.tr("Отчёт формируется…"))
        Operation(self, ctx, lambda: service.build_report(ctx, actor, period, by)) \
            .success(self._show) \
            .failure(self._failed).run_in(self._tasks)

    def _show(self, report: Report) -> None:
        self.report = report
        self.model.set_report(report)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 280))
        self.groups_chart.show_report(report)
        self.overdue_chart.show_report(report)
        p = report.period
        self._set_busy(False, self.tr("Период {0} – {1}: принято {2}, выдано {3}, просрочено {4}. "
                                      "Двойной щелчок по числу — список заявлений").format(
            p.start.strftime("%d.%m.%Y"), p.end.strftime("%d.%m.%Y"), report.total["accepted"],
            report.total["issued"], report.total["overdue_open"]))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, error_text(exc))

    # --- drill-down --------------------------------------------------------------

    def drill_down(self, index: QModelIndex) -> None:
        figure = index.data(FIGURE_ROLE)
        if self.report is None or figure is None:
            return
        key = index.data(KEY_ROLE)
        name = self.model.index(index.row(), 0).data() or TOTAL_RU
        ctx, actor, report = self._ctx, self._actor, self.report
        title = f"{TITLES[figure]} — {name}"
        self._set_busy(True, self.tr("Загрузка списка…"))
        Operation(self, ctx, lambda: service.drill_down(ctx, actor, report.period, report.by, key, figure)) \
            .success(lambda rows: self._show_drill(title, rows)) \
            .failure(self._failed).run_in(self._tasks)

    def _show_drill(self, title: str, rows: list) -> None:
        self._set_busy(False, self.tr("Заявлений в ячейке: {0}").format(len(rows)))
        self.drill = DrillDownDialog(title, rows, self._open_number, self)
        self.drill.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.drill.finished.connect(self._drill_closed)
        self.drill.show()

    def _drill_closed(self) -> None:
        self.drill = None

    # --- export -------------------------------------------------------------------

    def export(self, fmt: str, path: str | None = None) -> None:
        if self.report is None:
            return
        if path is None:
            p = self.report.period
            suggested = str(Path.home() / f"отчёт_{p.start:%Y%m%d}_{p.end:%Y%m%d}.{fmt}")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Сохранить отчёт"), suggested, self.tr(FILTERS[fmt]))
            if not path:
                return
        ctx, actor, report, target = self._ctx, self._actor, self.report, Path(path)
        self._set_busy(True, self.tr("Сохранение…"))
        Operation(self, ctx, lambda: service.export_to_file(ctx, actor, report, fmt, target)) \
            .success(lambda p: self._set_busy(False, self.tr("Отчёт сохранён: {0}").format(p))) \
            .failure(self._failed).run_in(self._tasks)
