"""The clerk's figure of the day in the status bar: accepted today, issued today, overdue."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.services.context import AppContext
from clerk_app.services.reports import service
from ui.operations import Operation
from ui.tasks import TaskRunner

OVERDUE_STYLE = "color: #b00020; font-weight: bold;"


class TodayLabel(QLabel):
    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayFigures")
        self._ctx, self._tasks = ctx, tasks
        self.figures: service.TodayFigures | None = None
        self.setToolTip(self.tr("Работа рабочего места за сегодня"))

    def refresh(self) -> None:
        ctx = self._ctx
        Operation(self, ctx, lambda: service.today_figures(ctx)) \
            .success(self.show_figures) \
            .failure(lambda exc: self.setText("")).long().run_in(self._tasks)  # counts: never before pages

    def show_figures(self, figures: service.TodayFigures) -> None:
        self.figures = figures
        overdue = self.tr("просрочено {0}").format(figures.overdue)
        if figures.overdue:
            overdue = f'<span style="{OVERDUE_STYLE}">{overdue}</span>'
        self.setText(self.tr("Сегодня: принято {0}, выдано {1}, {2}").format(
            figures.accepted, figures.issued, overdue))
