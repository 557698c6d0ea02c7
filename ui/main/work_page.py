"""The main window's work page: the queues, the search and filter bar, and the lazy application list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.services import queries
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from ui.main.filter_bar import FilterBar
from ui.main.queue_list import QueueList
from ui.models.application_table import (
    COL_APPLICANT,
    COL_DUE,
    COL_NUMBER,
    COL_REGISTERED,
    COL_REQUESTS,
    COL_SERVICE,
    COL_STATUS,
    NUMBER_ROLE,
    ApplicationTableModel,
)
from ui.tasks import TaskRunner

COLUMN_WIDTHS = ((COL_NUMBER, 170), (COL_APPLICANT, 235), (COL_SERVICE, 300), (COL_STATUS, 160),
                 (COL_REGISTERED, 140), (COL_DUE, 95), (COL_REQUESTS, 75))


def _list_table(model: ApplicationTableModel, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName("applications")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col, width in COLUMN_WIDTHS:
        header.resizeSection(col, width)
    header.setSectionResizeMode(COL_SERVICE, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(60)
    table.setTabKeyNavigation(False)
    return table


class WorkPage(QWidget):
    """`open_requested(number)` when the clerk activates a row (Enter or double-click).

    `can_view` is set by the window from the operator's role: without it the list is never read."""

    open_requested = Signal(str)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.can_view = False
        self.table_model = ApplicationTableModel(ctx, tasks, self)
        self.table_model.count_changed.connect(self._on_list_count)
        self.table_model.load_failed.connect(self._on_load_failed)

        self.queue_list = QueueList(self)
        self.queue_list.currentItemChanged.connect(lambda *_: self.apply_filter())
        self.queue_list.installEventFilter(self)
        self.filters = FilterBar(self)
        self.filters.changed.connect(self.apply_filter)
        self.filters.search_edited.connect(self._on_search_edited)
        self.filters.search_entered.connect(self._search_now)
        self.filters.cleared.connect(self.apply_filter)
        self.filters.reset_button.clicked.connect(self.reset_filters)

        self.table = _list_table(self.table_model, self)
        self.table.activated.connect(self._open_index)
        self.list_label = QLabel(self.tr("Загрузка…"), self)
        self.list_label.setObjectName("listCount")
        self.empty_hint = QLabel(self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("font-size: 12pt; color: #444; padding: 24px;")
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_hint)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.filters)
        rl.addWidget(self.list_stack, 1)
        rl.addWidget(self.list_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.queue_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1040])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on the queue list goes to its applications."""
        if (watched is self.queue_list and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):  # type: ignore[attr-defined]
            self.apply_filter()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.table_model.rowCount():
                self.table.selectRow(max(0, self.table.currentIndex().row()))
            return True
        return super().eventFilter(watched, event)

    # --- the selection -------------------------------------------------------

    def current_filter(self) -> queries.ListFilter:
        return queries.ListFilter(**self.filters.values(), queue=self.queue_list.current_queue() or None)

    def apply_filter(self) -> None:
        self.filters.search_timer.stop()
        if not self.can_view:
            return
        f = self.current_filter()
        if f != self.table_model.list_filter or self.table_model.rowCount() == 0:
            self.list_label.setText(self.tr("Поиск…"))
            self.table_model.set_filter(f)

    def refresh(self) -> None:
        if self.can_view:
            self.table_model.refresh()

    def _on_search_edited(self, text: str) -> None:
        if text.strip() and self.queue_list.currentRow() != 0:
            self.queue_list.show_all()  # a search looks through every application

    def _search_now(self) -> None:
        self.apply_filter()
        if self.table_model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def reset_filters(self) -> None:
        self.filters.reset()
        self.queue_list.show_all()
        self.apply_filter()

    def set_services(self, services: list[ServiceSpec]) -> None:
        self.table_model.set_service_names({s.code: s.name for s in services})
        self.filters.set_services(services)

    # --- what the list shows -------------------------------------------------

    def _on_list_count(self, rows: int) -> None:
        self.list_label.setText(self.table_model.count_text(rows))
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.empty_hint.setText(self._empty_text())
            self.list_stack.setCurrentWidget(self.empty_hint)
        if rows and self.table.currentIndex().row() < 0 and not self.filters.search_edit.hasFocus():
            self.table.setCurrentIndex(self.table_model.index(0, 0))

    def _empty_text(self) -> str:
        if self.current_filter() != queries.ListFilter():
            found = self.table_model.count_text(0)
            head = self.tr("Ничего не найдено.") if found.startswith(self.tr("Найдено")) else found
            return head + self.tr("\n\nEsc в поле поиска или кнопка «Сбросить» покажут все заявления.")
        text = self.tr("Заявлений пока нет.\n\nF2 — зарегистрировать новое заявление.")
        if self.filters.service_combo.count() <= 1:
            text += self.tr("\nКаталог услуг пуст: откройте «Справка → Начало работы», чтобы загрузить его.")
        return text

    def _on_load_failed(self, message: str) -> None:
        self.list_label.setText(message)

    def current_number(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(NUMBER_ROLE) if index.isValid() else None

    def open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        number = index.data(NUMBER_ROLE) if index.isValid() else None
        if number:
            self.open_requested.emit(number)
