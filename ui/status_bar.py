"""The main window's status bar: connection, items waiting, items needing attention, last sync."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

ONLINE_STYLE = "color: #1b7a1b; font-weight: bold;"
OFFLINE_STYLE = "color: #b00020; font-weight: bold;"
UNKNOWN_STYLE = "color: #666666;"
ATTENTION_STYLE = "QPushButton { color: #b00020; font-weight: bold; border: none; padding: 0 6px; }"
QUIET_STYLE = "QPushButton { border: none; padding: 0 6px; }"


class StatusBar(QStatusBar):
    """Shows the state of the outbox and of the last sync pass; `attention_requested` on a click."""

    attention_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.online_label = QLabel(self.tr("● Связь со шлюзом не проверялась"), self)
        self.online_label.setStyleSheet(UNKNOWN_STYLE)
        self.pending_label = QLabel(self)
        self.attention_button = QPushButton(self)
        self.attention_button.setFlat(True)
        self.attention_button.setToolTip(self.tr("Открыть список сообщений, которые шлюз не принял"))
        self.attention_button.clicked.connect(self.attention_requested)
        self.last_sync_label = QLabel(self.tr("Синхронизация ещё не выполнялась"), self)
        self.last_sync_label.setMinimumWidth(1)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(self.tr("Идёт синхронизация"))
        self.busy.hide()
        # permanent widgets stay visible while a message is shown on the left
        for w in (self.busy, self.online_label, self.pending_label, self.attention_button, self.last_sync_label):
            self.addPermanentWidget(w)
        self.pending = 0
        self.attention = 0
        self.online: bool | None = None
        self.last_sync: datetime | None = None
        self.optional: list[QWidget] = [self.last_sync_label]  # hidden first when the window is narrow
        self.set_outbox(0, 0)

    def add_optional(self, widget: QWidget, index: int = 0) -> None:
        """A permanent widget that gives way (is hidden) when the bar is too narrow for everything."""
        self.insertPermanentWidget(index, widget)
        self.optional.insert(0, widget)
        widget.setMinimumWidth(1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_widgets()

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a label's text changed its size
            self.fit_widgets()
        return done

    def fit_widgets(self) -> None:
        """Show the optional widgets, in order, only while every shown widget fits at its full size."""
        spacing = 12
        core = (self.busy, self.online_label, self.pending_label, self.attention_button)
        room = self.width() - sum(w.sizeHint().width() + spacing for w in core if not w.isHidden()) - 24
        for widget in reversed(self.optional):
            need = widget.sizeHint().width() + spacing
            show = need <= room
            if show:
                room -= need
            if widget.isHidden() == show:
                widget.setVisible(show)

    def set_outbox(self, pending: int, attention: int, requests: int | None = None) -> None:
        """`requests`: of the `pending` items, the interagency requests (the rest are journal records)."""
        self.pending, self.attention = pending, attention
        shown = pending if requests is None else requests
        self.pending_label.setText(self.tr("Запросов к отправке: {0}").format(shown))
        self.pending_label.setToolTip(self.tr("Всего записей в очереди на отправку: {0} (запросы ведомствам и "
                                              "записи журнала заявлений)").format(pending))
        self.set_attention(attention)

    def set_attention(self, attention: int) -> None:
        """Messages the gateway refused (not the «Требуют внимания» queue of applications)."""
        self.attention = attention
        self.attention_button.setText(self.tr("Не принято шлюзом: {0}").format(attention))
        self.attention_button.setStyleSheet(ATTENTION_STYLE if attention else QUIET_STYLE)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def show_summary(self, summary: Any, at: datetime) -> None:
        """Show a SyncSummary (sent, failed, answers, ..., pending, needs_attention, online, error)."""
        self.set_busy(False)
        self.online = bool(summary.online)
        if summary.online:
            self.online_label.setText(self.tr("● На связи со шлюзом"))
            self.online_label.setStyleSheet(ONLINE_STYLE)
            self.online_label.setToolTip("")
        else:
            self.online_label.setText(self.tr("● Нет связи со шлюзом"))
            self.online_label.setStyleSheet(OFFLINE_STYLE)
            self.online_label.setToolTip(summary.error or "")
        self.set_attention(summary.needs_attention)
        self.pending = summary.pending  # the label follows with the next count of requests
        if not summary.online:  # nothing was exchanged: say so instead of a time of success
            self.last_sync_label.setText(self.tr("Нет связи: попытка в {0}").format(at.strftime("%H:%M")))
            self.showMessage(self.tr("Шлюз недоступен ({0}). Всё сохранено и уйдёт при появлении связи.").format(
                summary.error or self.tr("нет ответа")), 15000)
            return
        self.last_sync = at
        self.last_sync_label.setText(self.tr("Синхронизация: {0}").format(at.strftime("%d.%m.%Y %H:%M")))
        parts = []
        if summary.sent:
            parts.append(self.tr("отправлено {0}").format(summary.sent))
        if summary.answers:
            parts.append(self.tr("ответов {0}").format(summary.answers))
        if summary.case_statuses:
            parts.append(self.tr("статусов дел {0}").format(summary.case_statuses))
        if summary.events_in:
            parts.append(self.tr("событий с других мест {0}").format(summary.events_in))
        if summary.failed:
            parts.append(self.tr("не отправлено {0}").format(summary.failed))
        text = ", ".join(parts)
        # the message is short-lived and may be cut by the labels beside it: the online label keeps it whole
        self.online_label.setToolTip(self.tr("Последний обмен со шлюзом в {0}: {1}").format(
            at.strftime("%H:%M"), text or self.tr("ничего нового")))
        if parts:
            self.showMessage(text[:1].upper() + text[1:], 15000)

    def show_failure(self, message: str, at: datetime) -> None:
        """The sync pass itself failed (not a network outage, which the summary reports)."""
        self.set_busy(False)
        self.online = False
        self.online_label.setText(self.tr("● Синхронизация не выполнена"))
        self.online_label.setStyleSheet(OFFLINE_STYLE)
        self.online_label.setToolTip(message)
        self.last_sync_label.setText(self.tr("Ошибка синхронизации: {0}").format(at.strftime("%H:%M:%S")))
        self.showMessage(message, 15000)
