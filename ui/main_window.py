"""The clerk's main window: work queues, search with filters, the lazy application list, status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.labels import APP_STATUS_RU
from clerk_app.services import catalogue, queries
from clerk_app.services.changes import Changes
from clerk_app.services.context import AppContext
from clerk_app.services.roles import ROLE_RU, Actor, Perm
from clerk_app.services.settings import WorkstationSettings
from ui.geometry import keep_geometry
from ui.idle_lock import IdleLock
from ui.login_dialog import LoginDialog
from ui.pdf_preview import PdfPreviewDialog, document_file_name
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
from ui.operations import Operation
from ui.reports.today_label import TodayLabel
from ui.status_bar import StatusBar
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text, show_message

if TYPE_CHECKING:
    from clerk_app.sync.worker_process import SyncSummary

ALL = ""
QUEUE_TITLES = (
    ("today", "Сегодня"), ("awaiting", "Ждут ответов"), ("ready", "Готовы к решению"),
    ("to_issue", "К выдаче"), ("overdue", "Просрочено"), ("attention", "Требуют внимания"),
)
TRAINING_STYLE = "background: #ffd400; color: #000; font-weight: bold; padding: 6px;"
SEARCH_DELAY_MS = 300


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class MainWindow(QMainWindow):
    """Everything is read through `tasks`; `actor` may change (switch user, unlock by another operator)."""

    actor_changed = Signal(object)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, *, training: bool = False,
                 auto_sync: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks = ctx, actor, tasks
        self.training = training
        self.auto_sync = auto_sync
        self.settings: WorkstationSettings | None = None
        self.queue_counts: queries.QueueCounts | None = None
        self.locked = False
        self.lock_dialog: LoginDialog | None = None
        self._hidden_for_lock: list[QWidget] = []
        self._children: list[QWidget] = []  # open application windows and dialogs
        self.first_run: QDialog | None = None
        self.last_preview: QDialog | None = None
        self.setObjectName("mainWindow")
        self.geometry_keeper = keep_geometry(self, "main", (1280, 800))

        self.table_model = ApplicationTableModel(ctx, tasks, self)
        self.table_model.count_changed.connect(self._on_list_count)
        self.table_model.load_failed.connect(self._on_load_failed)
        self._build_widgets()
        self._build_actions()
        self.status = StatusBar(self)
        self.status.attention_requested.connect(self.open_attention)
        self.setStatusBar(self.status)
        self.today_label = TodayLabel(ctx, tasks, self.status)
        self.status.add_optional(self.today_label)

        self.sync = SyncController(ctx, tasks, self)
        self.sync.started.connect(lambda: self.status.set_busy(True))
        self.sync.finished.connect(self._on_sync_done)
        self.sync.failed.connect(self._on_sync_failed)
        self.idle_lock = IdleLock(0, self)
        self.idle_lock.idle.connect(lambda: self.lock_screen(idle=True))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)

        tasks.changed.connect(self._on_changes)
        self._apply_actor()
        self.load_settings()
        self.refresh_counts()
        self.load_services()

    # --- building ----------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        self.training_banner = QLabel(self.tr("Учебный режим — данные учебные, запросы уходят в песочницу шлюза"),
                                      central)
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet(TRAINING_STYLE)
        self.training_banner.setVisible(self.training)
        outer.addWidget(self.training_banner)

        self.pages = QStackedWidget(central)
        outer.addWidget(self.pages, 1)

        work = QWidget(self.pages)
        self.queue_list = QListWidget(work)
        self.queue_list.setObjectName("queues")
        self.queue_list.setMaximumWidth(260)
        self.queue_list.setMinimumWidth(170)
        self.queue_list.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        all_item = QListWidgetItem(self.tr("Все заявления"))
        all_item.setData(Qt.ItemDataRole.UserRole, ALL)
        self.queue_list.addItem(all_item)
        self.queue_items: dict[str, QListWidgetItem] = {}
        for key, title in QUEUE_TITLES:
            item = QListWidgetItem(self.tr(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.queue_list.addItem(item)
            self.queue_items[key] = item
        self.queue_list.setCurrentRow(0)
        self.queue_list.currentItemChanged.connect(lambda *_: self.apply_filter())

        self.search_edit = QLineEdit(work)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Номер, ФИО, СНИЛС или серия и номер паспорта (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textEdited.connect(self._on_search_edited)
        self.search_edit.returnPressed.connect(self._search_now)
        self.status_combo = QComboBox(work)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("Любой статус"), ALL)
        for status, name in APP_STATUS_RU.items():
            self.status_combo.addItem(name, status.value)
        self.service_combo = QComboBox(work)
        self.service_combo.setObjectName("serviceFilter")
        self.service_combo.addItem(self.tr("Любая услуга"), ALL)
        self.service_combo.setMaximumWidth(320)
        self.period_check = QCheckBox(self.tr("Период:"), work)
        today = QDate.currentDate()
        self.date_from = self._date_edit(today.addMonths(-1), work)
        self.date_to = self._date_edit(today, work)
        self.reset_button = QPushButton(self.tr("Сб&росить"), work)
        self.reset_button.setToolTip(self.tr("Сбросить поиск и фильтры (Esc в поле поиска)"))
        self.reset_button.clicked.connect(self.reset_filters)
        for combo in (self.status_combo, self.service_combo):
            combo.currentIndexChanged.connect(lambda *_: self.apply_filter())
        self.period_check.toggled.connect(self._on_period_toggled)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda *_: self.apply_filter() if self.period_check.isChecked() else None)

        for combo in (self.status_combo, self.service_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.reset_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.status_combo, 1)
        filter_row.addWidget(self.service_combo, 2)
        filter_row.addWidget(self.period_check)
        filter_row.addWidget(self.date_from)
        filter_row.addWidget(QLabel("—", work))
        filter_row.addWidget(self.date_to)
        filters = QVBoxLayout()
        filters.setSpacing(4)
        filters.addLayout(search_row)
        filters.addLayout(filter_row)

        self.table = QTableView(work)
        self.table.setObjectName("applications")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_NUMBER, 170), (COL_APPLICANT, 235), (COL_SERVICE, 300), (COL_STATUS, 160),
                           (COL_REGISTERED, 140), (COL_DUE, 95), (COL_REQUESTS, 75)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_SERVICE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.activated.connect(self._open_index)
        self.table.setTabKeyNavigation(False)

        self.list_label = QLabel(self.tr("Загрузка…"), work)
        self.list_label.setObjectName("listCount")
        self.empty_hint = QLabel(work)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("font-size: 12pt; color: #444; padding: 24px;")
        self.list_stack = QStackedWidget(work)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_hint)

        right = QWidget(work)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(filters)
        rl.addWidget(self.list_stack, 1)
        rl.addWidget(self.list_label)
        splitter = QSplitter(work)
        splitter.addWidget(self.queue_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1040])
        wl = QVBoxLayout(work)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(splitter)
        self.work_page = work
        self.pages.addWidget(work)

        self.no_view_page = QLabel(self.pages)
        self.no_view_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_view_page.setWordWrap(True)
        self.pages.addWidget(self.no_view_page)

        self.locked_page = QLabel(self.tr("Экран заблокирован"), self.pages)
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_page.setStyleSheet("font-size: 20pt; color: #555;")
        self.pages.addWidget(self.locked_page)
        self.setCentralWidget(central)
        self.queue_list.installEventFilter(self)
        self.search_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on the queue list goes to its applications; Esc in the search clears it."""
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if watched is self.queue_list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_filter()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.table_model.rowCount():
                    self.table.selectRow(max(0, self.table.currentIndex().row()))
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                self.apply_filter()
                return True
        return super().eventFilter(watched, event)

    def _date_edit(self, value: QDate, parent: QWidget) -> QDateEdit:
        edit = QDateEdit(value, parent)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        apps = bar.addMenu(self.tr("&Заявления"))
        self.new_action = self._action(self.tr("&Новое заявление…"), self.open_new_application, "F2",
                                       "newApplication")
        self.find_action = self._action(self.tr("&Найти"), self.focus_search, "Ctrl+F", "find")
        self.open_action = self._action(self.tr("&Открыть выбранное (Enter)"), self.open_current, None, "open")
        self.print_action = self._action(self.tr("&Печать расписки выбранного"), self.print_current, "Ctrl+P",
                                         "printReceipt")
        self.refresh_action = self._action(self.tr("Обновить &список"), self.refresh, "Ctrl+R", "refresh")
        self.sync_action = self._action(self.tr("С&инхронизировать"), self.sync_now, "F5", "sync")
        self.attention_action = self._action(self.tr("&Требуют внимания…"), self.open_attention, "Ctrl+T",
                                             "attention")
        self.lock_action = self._action(self.tr("&Заблокировать экран"), self.lock_screen, "Ctrl+L", "lock")
        self.switch_action = self._action(self.tr("С&менить пользователя…"), self.switch_user, None, "switchUser")
        self.quit_action = self._action(self.tr("&Выход"), self.close, "Ctrl+Q", "quit")
        for a in (self.new_action, self.find_action, self.open_action, self.print_action, self.refresh_action, None,
                  self.sync_action, self.attention_action, None, self.lock_action, self.switch_action, None,
                  self.quit_action):
            apps.addSeparator() if a is None else apps.addAction(a)
        admin = bar.addMenu(self.tr("&Администрирование"))
        self.settings_action = self._action(self.tr("&Настройки рабочего места…"), self.open_settings, None,
                                            "settings")
        self.operators_action = self._action(self.tr("&Операторы…"), self.open_operators, None, "operators")
        self.audit_action = self._action(self.tr("&Журнал аудита…"), self.open_audit, None, "audit")
        for a in (self.settings_action, self.operators_action, self.audit_action):
            admin.addAction(a)
        self.admin_menu = admin
        self.start_action = self._action(self.tr("&Начало работы: связь и каталог…"), self.show_first_run, None,
                                         "firstRun")
        self.reports_action = self._action(self.tr("&Отчёт руководителя…"), self.open_reports, "Ctrl+Shift+R",
                                           "reports")
        self.reports_menu = bar.addMenu(self.tr("&Отчёты"))
        self.reports_menu.addAction(self.reports_action)
        help_menu = bar.addMenu(self.tr("&Справка"))
        help_menu.addAction(self.start_action)
        help_menu.addAction(self._action(self.tr("&О программе"), self.show_about, None, "about"))

    # --- the operator ----------------------------------------------------

    def _apply_actor(self) -> None:
        a = self.actor
        can_view = a.can(Perm.VIEW)
        self.new_action.setEnabled(a.can(Perm.REGISTER))
        self.find_action.setEnabled(can_view)
        self.open_action.setEnabled(can_view)
        self.attention_action.setEnabled(a.can(Perm.RESOLVE_OUTBOX))
        self.status.attention_button.setEnabled(a.can(Perm.RESOLVE_OUTBOX))
        for action, perm in ((self.settings_action, Perm.MANAGE_SETTINGS),
                             (self.operators_action, Perm.MANAGE_OPERATORS), (self.audit_action, Perm.READ_AUDIT)):
            action.setVisible(a.can(perm))
            action.setEnabled(a.can(perm))
        self.reports_action.setEnabled(a.can(Perm.REPORTS))
        self.reports_menu.menuAction().setVisible(a.can(Perm.REPORTS))
        self.admin_menu.menuAction().setVisible(any(a.can(p) for p in (
            Perm.MANAGE_SETTINGS, Perm.MANAGE_OPERATORS, Perm.READ_AUDIT)))
        if can_view:
            self.pages.setCurrentWidget(self.work_page)
            self.apply_filter()
        else:
            self.no_view_page.setText(self.tr("Роль «{0}» не допускает просмотр заявлений.\n"
                                              "Используйте меню «Администрирование».").format(ROLE_RU[a.role]))
            self.pages.setCurrentWidget(self.no_view_page)
        self._update_title()

    def set_actor(self, actor: Actor) -> None:
        if actor != self.actor:
            self.close_children()
        self.actor = actor
        self._apply_actor()
        self.actor_changed.emit(actor)

    def _update_title(self) -> None:
        centre = self.settings.centre_name if self.settings else ""
        parts = [self.tr("Рабочее место оператора МФЦ")]
        if self.training:
            parts.append(self.tr("УЧЕБНЫЙ РЕЖИМ"))
        if centre:
            parts.append(centre)
        parts.append(f"{self.actor.full_name} ({ROLE_RU[self.actor.role]})")
        self.setWindowTitle(" — ".join(parts))

    # --- settings --------------------------------------------------------

    def _show_error(self, exc: BaseException) -> None:
        self.status.showMessage(error_text(exc), 10000)

    def load_settings(self) -> None:
        Operation(self, None, self.ctx.settings).success(self.apply_settings).failure(self._show_error) \
            .run_in(self.tasks)

    def load_services(self) -> None:
        ctx = self.ctx
        Operation(self, None, lambda: catalogue.list_services(ctx)).success(self._on_services) \
            .failure(self._show_error).run_in(self.tasks)

    def apply_settings(self, settings: WorkstationSettings) -> None:
        first = self.settings is None
        self.settings = settings
        self.idle_lock.set_minutes(settings.idle_lock_minutes)
        if self.auto_sync:
            self.sync.start(settings.sync_interval_seconds)
            if first:
                QTimer.singleShot(500, self.sync_now)
        self._update_title()

    # --- the list --------------------------------------------------------

    def current_filter(self) -> queries.ListFilter:
        item = self.queue_list.currentItem()
        queue = item.data(Qt.ItemDataRole.UserRole) if item else ALL
        period = self.period_check.isChecked()
        return queries.ListFilter(
            status=self.status_combo.currentData() or None,
            service=self.service_combo.currentData() or None,
            registered_from=_day(self.date_from.date()) if period else None,
            registered_to=_day(self.date_to.date()) if period else None,
            text=self.search_edit.text().strip() or None,
            queue=queue or None,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        if not self.actor.can(Perm.VIEW):
            return
        f = self.current_filter()
        if f != self.table_model.list_filter or self.table_model.rowCount() == 0:
            self.list_label.setText(self.tr("Поиск…"))
            self.table_model.set_filter(f)

    def _on_search_edited(self, text: str) -> None:
        if text.strip() and self.queue_list.currentRow() != 0:
            self.queue_list.blockSignals(True)
            self.queue_list.setCurrentRow(0)  # a search looks through every application
            self.queue_list.blockSignals(False)
        self._search_timer.start()

    def _search_now(self) -> None:
        self.apply_filter()
        if self.table_model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _on_period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def reset_filters(self) -> None:
        for w in (self.search_edit, self.status_combo, self.service_combo, self.period_check, self.queue_list):
            w.blockSignals(True)
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.service_combo.setCurrentIndex(0)
        self.period_check.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.queue_list.setCurrentRow(0)
        for w in (self.search_edit, self.status_combo, self.service_combo, self.period_check, self.queue_list):
            w.blockSignals(False)
        self.apply_filter()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_list_count(self, rows: int) -> None:
        self.list_label.setText(self.table_model.count_text(rows))
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.empty_hint.setText(self._empty_text())
            self.list_stack.setCurrentWidget(self.empty_hint)
        if rows and self.table.currentIndex().row() < 0 and not self.search_edit.hasFocus():
            self.table.setCurrentIndex(self.table_model.index(0, 0))

    def _empty_text(self) -> str:
        if self.current_filter() != queries.ListFilter():
            found = self.table_model.count_text(0)
            head = self.tr("Ничего не найдено.") if found.startswith(self.tr("Найдено")) else found
            return head + self.tr("\n\nEsc в поле поиска или кнопка «Сбросить» покажут все заявления.")
        text = self.tr("Заявлений пока нет.\n\nF2 — зарегистрировать новое заявление.")
        if self.service_combo.count() <= 1:
            text += self.tr("\nКаталог услуг пуст: откройте «Справка → Начало работы», чтобы загрузить его.")
        return text

    def _on_load_failed(self, message: str) -> None:
        self.list_label.setText(message)

    def _on_services(self, services: list) -> None:
        if not services and self.first_run is None:
            QTimer.singleShot(0, self.show_first_run)  # a fresh workstation: say what to do first
        names = {s.code: s.name for s in services}
        self.table_model.set_service_names(names)
        current = self.service_combo.currentData()
        self.service_combo.blockSignals(True)
        while self.service_combo.count() > 1:
            self.service_combo.removeItem(1)
        for s in sorted(services, key=lambda s: s.name):
            self.service_combo.addItem(s.name, s.code)
        self.service_combo.setCurrentIndex(max(0, self.service_combo.findData(current)))
        self.service_combo.blockSignals(False)

    def refresh_counts(self) -> None:
        ctx = self.ctx
        self.today_label.refresh()
        Operation(self, None, lambda: queries.queue_counts(ctx)).success(self._on_counts) \
            .failure(self._show_error).run_in(self.tasks)

    def _on_counts(self, counts: queries.QueueCounts) -> None:
        self.queue_counts = counts
        for key, title in QUEUE_TITLES:
            n = counts.queue(key)
            item = self.queue_items[key]
            item.setText(f"{self.tr(title)} ({n})")
            font = item.font()
            font.setBold(bool(n) and key in ("overdue", "attention", "ready"))
            item.setFont(font)
        self.status.set_outbox(counts.outbox_pending, counts.outbox_attention, counts.outbox_pending_requests)

    def refresh(self) -> None:
        """Re-read counts and the list after an action or a sync."""
        self.refresh_counts()
        if self.actor.can(Perm.VIEW):
            self.table_model.refresh()

    # --- sync --------------------------------------------------------------

    def sync_now(self) -> None:
        if not self.sync.sync_now():
            self.status.showMessage(self.tr("Синхронизация уже идёт"), 3000)

    def _on_sync_done(self, summary: SyncSummary) -> None:
        """The list follows the pass's change notice; the counts move with time, too."""
        self.status.show_summary(summary, datetime.now())
        if summary.changes.empty:
            self.refresh_counts()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """One notice for every change, from this window, the sync process or another workstation."""
        if changes.catalogue:
            self.load_services()
        if changes.settings:
            self.load_settings()
        if changes.applications or changes.outbox or changes.catalogue:
            self.refresh()

    def _on_sync_failed(self, message: str) -> None:
        self.status.show_failure(message, datetime.now())
        self.refresh_counts()

    # --- opening other screens ---------------------------------------------

    def _track(self, widget: QWidget) -> QWidget:
        self._children.append(widget)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        widget.destroyed.connect(lambda *_, w=widget: self._children.remove(w) if w in self._children else None)
        return widget

    def close_children(self) -> None:
        for w in list(self._children):
            w.close()
        self._children.clear()

    def _load(self, module: str, name: str) -> Any:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            show_message(self, self.tr("Функция недоступна"),
                         self.tr("Этот экран не установлен в данной версии программы ({0}).").format(exc))
            return None

    def print_current(self) -> None:
        """Ctrl+P in the list: the receipt of the selected application, in a preview with «Печать»."""
        index = self.table.currentIndex()
        number = index.data(NUMBER_ROLE) if index.isValid() else None
        if not number or not self.actor.can(Perm.PRINT):
            self.status.showMessage(self.tr("Выберите заявление в списке, чтобы напечатать его расписку"), 5000)
            return
        from ui.forms.new_application import receipt_job

        self.status.showMessage(self.tr("Подготовка расписки {0}…").format(number), 5000)
        Operation(self, self.ctx, partial(receipt_job, self.ctx, self.actor, number)) \
            .success(partial(self._show_receipt, number)).failure(self._show_error).run_in(self.tasks)

    def _show_receipt(self, number: str, result: tuple[bytes, str, int]) -> None:
        pdf, printer, copies = result
        preview = PdfPreviewDialog(pdf, self.tr("Расписка № {0}").format(number), self,
                                   file_name=document_file_name(self.tr("Расписка"), number),
                                   printer_name=printer or None, copies=copies)
        self._track(preview)
        preview.show()
        self.last_preview = preview

    def open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        number = index.data(NUMBER_ROLE)
        if number:
            self.open_application(number)

    def open_application(self, number: str) -> QDialog | None:
        cls = self._load("ui.application_view", "ApplicationView")
        if cls is None:
            return None
        view = cls(self.ctx, self.actor, self.tasks, number, parent=self)
        self._track(view)
        view.show()
        return view

    def open_new_application(self) -> QDialog | None:
        if not self.actor.can(Perm.REGISTER):
            return None
        cls = self._load("ui.forms.new_application", "NewApplicationDialog")
        if cls is None:
            return None
        dialog = cls(self.ctx, self.actor, self.tasks, parent=self)
        dialog.registered.connect(self._on_registered)
        self._track(dialog)
        dialog.show()
        return dialog

    def _on_registered(self, number: str) -> None:
        self.status.showMessage(self.tr("Зарегистрировано заявление {0}").format(number), 10000)

    def open_attention(self) -> QDialog | None:
        if not self.actor.can(Perm.RESOLVE_OUTBOX):
            return None
        from ui.attention_dialog import AttentionDialog

        dialog = AttentionDialog(self.ctx, self.actor, self.tasks, parent=self)
        self._track(dialog)
        dialog.show()
        return dialog

    def open_settings(self) -> QDialog | None:
        if not self.actor.can(Perm.MANAGE_SETTINGS):
            return None
        from ui.admin.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.actor, self.tasks, parent=self)
        dialog.saved.connect(self._on_settings_saved)
        self._track(dialog)
        dialog.show()
        return dialog

    def _on_settings_saved(self, settings: WorkstationSettings) -> None:
        self.settings = None  # no extra sync pass after a change of settings
        self.apply_settings(settings)
        self.sync.set_interval(settings.sync_interval_seconds)
        self.sync.settings_changed()

    def open_operators(self) -> QDialog | None:
        if not self.actor.can(Perm.MANAGE_OPERATORS):
            return None
        from ui.admin.operators_dialog import OperatorsDialog

        dialog = OperatorsDialog(self.ctx, self.actor, self.tasks, parent=self)
        self._track(dialog)
        dialog.show()
        return dialog

    def open_audit(self) -> QDialog | None:
        if not self.actor.can(Perm.READ_AUDIT):
            return None
        from ui.admin.audit_dialog import AuditDialog

        dialog = AuditDialog(self.ctx, self.actor, self.tasks, parent=self)
        self._track(dialog)
        dialog.show()
        return dialog

    def show_first_run(self) -> QDialog:
        from ui.first_run import FirstRunDialog

        if self.first_run is not None and shiboken6.isValid(self.first_run):
            self.first_run.raise_()
            self.first_run.activateWindow()
            return self.first_run
        dialog = FirstRunDialog(self.ctx, self.actor, self.tasks, parent=self)
        dialog.catalogue_changed.connect(self._reload_services)
        dialog.new_application.connect(self.open_new_application)
        self._track(dialog)
        self.first_run = dialog
        dialog.show()
        return dialog

    def _reload_services(self) -> None:
        self.load_services()
        self.refresh()

    def open_reports(self) -> QDialog | None:
        if not self.actor.can(Perm.REPORTS):
            return None
        from ui.reports.reports_window import ReportsWindow

        opener = self.open_application if self.actor.can(Perm.VIEW) else None
        window = ReportsWindow(self.ctx, self.actor, self.tasks, opener, parent=self)
        self._track(window)
        window.show()
        return window

    def show_about(self) -> None:
        show_message(self, self.tr("О программе"),
                     self.tr("Рабочее место оператора МФЦ.\nПриём заявлений, межведомственные запросы, "
                             "решения и выдача результатов; работа без связи со шлюзом."),
                     QMessageBox.Icon.Information)

    # --- locking and switching user ------------------------------------------

    def lock_screen(self, idle: bool = False) -> LoginDialog | None:
        if self.locked:
            return self.lock_dialog
        self.locked = True
        self.idle_lock.pause()
        self._hidden_for_lock = [w for w in QApplication.topLevelWidgets()
                                 if w is not self and w.isVisible() and not isinstance(w, QMessageBox)]
        for w in self._hidden_for_lock:
            w.hide()
        self.menuBar().setEnabled(False)
        self.pages.setCurrentWidget(self.locked_page)
        self.training_banner.setVisible(self.training)
        dialog = LoginDialog(self.ctx, self.tasks, self, unlock_for=self.actor, idle=idle)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _result, d=dialog: self._on_unlock(d))
        self.lock_dialog = dialog
        dialog.open()
        return dialog

    def _on_unlock(self, dialog: LoginDialog) -> None:
        self.lock_dialog = None
        dialog.deleteLater()
        if dialog.quit_requested or dialog.actor is None:
            self.locked = False
            self.close()
            return
        self.locked = False
        self.menuBar().setEnabled(True)
        same = dialog.actor == self.actor
        if same:
            for w in self._hidden_for_lock:
                w.show()
        self._hidden_for_lock = []
        self.set_actor(dialog.actor)  # also closes the previous operator's windows
        self.idle_lock.resume()

    def switch_user(self) -> LoginDialog:
        dialog = LoginDialog(self.ctx, self.tasks, self, title=self.tr("Смена пользователя"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda d=dialog: self.set_actor(d.actor) if d.actor else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.sync.stop()
        self.idle_lock.uninstall()
        self.close_children()
        super().closeEvent(event)
