"""The application list as a lazy table model: it holds only the pages of rows that were looked at.

The row count comes from `queries.count` and rows from `queries.page`, both read on the
TaskRunner's database lane. A row not read yet shows «…» until its page arrives; only the
page most recently asked for is read next, so fast scrolling never piles up stale reads.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from clerk_app.domain.enums import OPEN_STATUSES
from clerk_app.domain.labels import status_label
from clerk_app.services import queries, search
from clerk_app.services.context import AppContext
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

PAGE_SIZE = 200
MAX_PAGES = 40  # pages kept in memory (8,000 rows)
MAX_WANTED = 6  # pages waiting to be read; older wishes are dropped
LOADING = "…"

COL_NUMBER, COL_APPLICANT, COL_SERVICE, COL_STATUS, COL_REGISTERED, COL_DUE, COL_REQUESTS = range(7)
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 5

OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#8a1010")
# a refused or failed request is shown as an overdue one is: both need the clerk's attention
ATTENTION_BACKGROUND, ATTENTION_FOREGROUND = OVERDUE_BACKGROUND, OVERDUE_FOREGROUND


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationTableModel", text)


def format_date(value: date | datetime | str | None) -> str:
    """dd.mm.yyyy for dates, datetimes and RFC 3339 strings (shown in the workstation's local time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        value = (value.astimezone() if value.tzinfo else value).date()
    return value.strftime("%d.%m.%Y")


class ApplicationTableModel(QAbstractTableModel):
    """Rows of `queries.page` for the current `ListFilter`, newest first."""

    count_changed = Signal(int)
    load_failed = Signal(str)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx, self._tasks = ctx, tasks
        self._filter = queries.ListFilter()
        self._rows = 0
        self._pages: OrderedDict[int, list[queries.ListRow]] = OrderedDict()
        self._stale: dict[int, list[queries.ListRow]] = {}  # shown while a refresh re-reads them
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._in_flight: int | None = None
        self._seen: OrderedDict[int, None] = OrderedDict()  # pages the view asked for, latest last
        self._generation = 0
        self._counting = False
        self._service_names: dict[str, str] = {}
        self._today = ctx.now().date()
        self.headers = [_tr("Номер"), _tr("Заявитель"), _tr("Услуга"), _tr("Статус"),
                        _tr("Зарегистрировано"), _tr("Срок"), _tr("Запросы")]

    # --- what is shown -----------------------------------------------------

    @property
    def list_filter(self) -> queries.ListFilter:
        return self._filter

    @property
    def is_counting(self) -> bool:
        return self._counting

    @property
    def is_reading(self) -> bool:
        """A page read is on its way (its result not delivered yet)."""
        return self._in_flight is not None

    def count_text(self, rows: int) -> str:
        """The line above the list: how many were found and in what order, or what found nothing."""
        f = self._filter
        plan = search.plan(f.text)
        if rows == 0 and plan.kind != "none":
            narrowed = f.status or f.service or f.registered_from or f.registered_to
            return plan.nothing_found() + (_tr(" (с выбранными фильтрами)") if narrowed else "")
        text = _tr("Найдено заявлений: {0}").format(f"{rows:,}".replace(",", " "))
        return f"{text} · {plan.order_note}" if plan.order_note else text

    def set_service_names(self, names: dict[str, str]) -> None:
        if names == self._service_names:
            return  # the same names: no repaint
        self._service_names = dict(names)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_SERVICE), self.index(self._rows - 1, COL_SERVICE))

    def set_filter(self, f: queries.ListFilter) -> None:
        """Show another selection: the count is read first, then the rows in view."""
        self._filter = f
        self._reload(keep_rows=False)

    def refresh(self) -> None:
        """Re-read after a change (new rows, new states); rows already shown stay until re-read."""
        self._reload(keep_rows=True)

    def _reload(self, keep_rows: bool) -> None:
        self._generation += 1
        generation, f, ctx = self._generation, self._filter, self._ctx
        self._counting = True
        self._wanted.clear()
        self._in_flight = None
        if not keep_rows:
            self.beginResetModel()
            self._rows = 0
            self._pages.clear()
            self._stale.clear()
            self.endResetModel()
        Operation(self, ctx, lambda: (queries.count(ctx, f), ctx.now().date())) \
            .success(lambda result: self._on_count(generation, keep_rows, result)) \
            .failure(lambda exc: self._on_failed(generation, exc)).run_in(self._tasks)
        if not keep_rows:
            self._read_page(0)  # right behind the count: the first screen does not wait for anything else

    def _on_count(self, generation: int, keep_rows: bool, result: tuple[int, date]) -> None:
        if generation != self._generation:
            return
        rows, self._today = result
        self._counting = False
        if keep_rows and rows == self._rows:
            # Stale rows stay on screen; the pages in view are read again and repainted once each
            # as they arrive (no repaint of every row now: each costs hundreds of Python calls).
            self._stale = {**self._stale, **self._pages}
            self._pages.clear()
            for page in list(self._seen)[-2:]:
                if page * PAGE_SIZE < rows:
                    self._wanted[page] = None
        else:
            self.beginResetModel()
            self._rows = rows
            if keep_rows:
                self._stale = {**self._stale, **self._pages}
                self._pages.clear()
            self.endResetModel()
        self.count_changed.emit(rows)
        self._next_read()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._in_flight = None
        self.load_failed.emit(error_text(exc))

    # --- Qt model interface --------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def row_at(self, row: int) -> queries.ListRow | None:
        """The row if it has been read, else None (and its page is asked for)."""
        if not 0 <= row < self._rows:
            return None
        page, offset = divmod(row, PAGE_SIZE)
        self._seen[page] = None
        self._seen.move_to_end(page)
        if len(self._seen) > MAX_WANTED:
            self._seen.popitem(last=False)
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
        else:
            self._want(page)
            rows = self._stale.get(page)
        if rows is None or offset >= len(rows):
            return None
        return rows[offset]

    def is_overdue(self, r: queries.ListRow) -> bool:
        return r.status in OPEN_STATUSES and r.due_date < self._today

    def needs_attention(self, r: queries.ListRow) -> bool:
        """Overdue, or a request refused or failed (as in «Требуют внимания»)."""
        return r.attention or self.is_overdue(r)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if r is None:
            return LOADING if role == Qt.ItemDataRole.DisplayRole and col in (COL_NUMBER, COL_APPLICANT) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SERVICE:
                return self._service_names.get(r.service_code, r.service_code)
            if col == COL_DUE and self.is_overdue(r):
                return _tr("Срок рассмотрения истёк")
            if r.attention:
                return _tr("Ведомство отказало или запрос не принят — откройте заявление, причина указана в нём")
            return None
        if role == NUMBER_ROLE:
            return r.number
        if role == ID_ROLE:
            return r.id
        if role == STATUS_ROLE:
            return r.status
        if role == OVERDUE_ROLE:
            return self.is_overdue(r)
        if role == ATTENTION_ROLE:
            return r.attention
        if role == Qt.ItemDataRole.BackgroundRole and self.needs_attention(r):
            return QBrush(ATTENTION_BACKGROUND if r.attention else OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and self.needs_attention(r):
            return QBrush(ATTENTION_FOREGROUND if r.attention else OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_REGISTERED, COL_DUE, COL_REQUESTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: queries.ListRow, col: int) -> str:
        if col == COL_NUMBER:
            return r.number
        if col == COL_APPLICANT:
            return r.applicant_name
        if col == COL_SERVICE:
            return self._service_names.get(r.service_code, r.service_code)
        if col == COL_STATUS:
            try:
                return status_label(r.status)
            except ValueError:
                return r.status
        if col == COL_REGISTERED:
            return format_date(r.registered_at)
        if col == COL_DUE:
            return format_date(r.due_date)
        if col == COL_REQUESTS:
            return str(r.open_requests) if r.open_requests else ""
        return ""

    # --- reading pages -----------------------------------------------------

    def _want(self, page: int) -> None:
        self._wanted[page] = None
        self._wanted.move_to_end(page)
        while len(self._wanted) > MAX_WANTED:
            self._wanted.popitem(last=False)
        self._next_read()

    def _next_read(self) -> None:
        if self._in_flight is not None or self._counting:
            return
        while self._wanted:
            page, _ = self._wanted.popitem(last=True)  # the newest wish first: what the clerk looks at now
            if page not in self._pages:
                break
        else:
            return
        self._read_page(page)

    def _read_page(self, page: int) -> None:
        self._in_flight = page
        generation, f, ctx = self._generation, self._filter, self._ctx
        Operation(self, ctx, lambda: queries.page(ctx, f, page * PAGE_SIZE, PAGE_SIZE)) \
            .success(lambda rows: self._on_page(generation, page, rows)) \
            .failure(lambda exc: self._on_failed(generation, exc)).run_in(self._tasks)

    def _on_page(self, generation: int, page: int, rows: list[queries.ListRow]) -> None:
        if generation != self._generation:
            return
        self._in_flight = None
        self._pages[page] = rows
        self._stale.pop(page, None)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._rows) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
        self._next_read()

    def loaded_pages(self) -> list[int]:
        return sorted(self._pages)
