"""The clerk's main window: the work page (queues, search, the application list), the status bar, sync,
and the operator. Its parts live in `ui.main`: the menus, the screens it opens, the screen lock."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from clerk_app.services import catalogue, queries
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.changes import Changes
from clerk_app.services.context import AppContext
from clerk_app.services.roles import ROLE_RU, Actor, Perm
from clerk_app.services.settings import WorkstationSettings
from ui.geometry import keep_geometry
from ui.login_dialog import LoginDialog
from ui.main.menus import MainMenus
from ui.main.queue_list import QUEUE_TITLES
from ui.main.screen_lock import ScreenLock
from ui.main.screens import Screens
from ui.main.work_page import WorkPage
from ui.operations import Operation
from ui.reports.today_label import TodayLabel
from ui.status_bar import StatusBar
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

if TYPE_CHECKING:
    from clerk_app.sync.worker_process import SyncSummary

__all__ = ["QUEUE_TITLES", "MainWindow"]
TRAINING_STYLE = "background: #ffd400; color: #000; font-weight: bold; padding: 6px;"


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
        self.setObjectName("mainWindow")
        self.geometry_keeper = keep_geometry(self, "main", (1280, 800))

        self._build_pages()
        self.screens = Screens(self)
        self.lock = ScreenLock(self)
        self.idle_lock = self.lock.idle_lock
        self.menus = MainMenus(self)
        m = self.menus
        self.new_action, self.find_action, self.print_action = m.new_action, m.find_action, m.print_action
        self.sync_action, self.attention_action, self.lock_action = m.sync_action, m.attention_action, m.lock_action
        self.settings_action, self.operators_action = m.settings_action, m.operators_action
        self.audit_action, self.reports_action = m.audit_action, m.reports_action
        self.admin_menu, self.reports_menu = m.admin_menu, m.reports_menu
        self.status = StatusBar(self)
        self.status.attention_requested.connect(self.open_attention)
        self.setStatusBar(self.status)
        self.today_label = TodayLabel(ctx, tasks, self.status)
        self.status.add_optional(self.today_label)

        self.sync = SyncController(ctx, tasks, self)
        self.sync.started.connect(lambda: self.status.set_busy(True))
        self.sync.finished.connect(self._on_sync_done)
        self.sync.failed.connect(self._on_sync_failed)

        tasks.changed.connect(self._on_changes)
        self._apply_actor()
        self.load_settings()
        self.refresh_counts()
        self.load_services()

    def _build_pages(self) -> None:
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

        self.work_page = work = WorkPage(self.ctx, self.tasks, self.pages)
        work.open_requested.connect(lambda number: self.open_application(number))
        self.table_model, self.table, self.queue_list = work.table_model, work.table, work.queue_list
        self.queue_items = work.queue_list.queue_items
        f = work.filters
        self.search_edit, self.status_combo, self.service_combo = f.search_edit, f.status_combo, f.service_combo
        self.period_check, self.date_from, self.date_to = f.period_check, f.date_from, f.date_to
        self.list_label, self.empty_hint, self.list_stack = work.list_label, work.empty_hint, work.list_stack
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

    # --- the operator ----------------------------------------------------

    def _apply_actor(self) -> None:
        a = self.actor
        self.menus.apply_actor(a)
        self.status.attention_button.setEnabled(a.can(Perm.RESOLVE_OUTBOX))
        self.work_page.can_view = a.can(Perm.VIEW)
        if a.can(Perm.VIEW):
            self.pages.setCurrentWidget(self.work_page)
            self.apply_filter()
        else:
            self.no_view_page.setText(self.tr("Роль «{0}» не допускает просмотр заявлений.\n"
                                              "Используйте меню «Администрирование».").format(ROLE_RU[a.role]))
            self.pages.setCurrentWidget(self.no_view_page)
        self._update_title()

    def set_actor(self, actor: Actor) -> None:
        if actor != self.actor:
            self.screens.close_all()
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

    # --- settings, catalogue, counts -------------------------------------

    def show_error(self, exc: BaseException) -> None:
        self.status.showMessage(error_text(exc), 10000)

    def load_settings(self) -> None:
        Operation(self, None, self.ctx.settings).success(self.apply_settings).failure(self.show_error) \
            .run_in(self.tasks)

    def apply_settings(self, settings: WorkstationSettings) -> None:
        first = self.settings is None
        self.settings = settings
        self.idle_lock.set_minutes(settings.idle_lock_minutes)
        if self.auto_sync:
            self.sync.start(settings.sync_interval_seconds)
            if first:
                QTimer.singleShot(500, self.sync_now)
        self._update_title()

    def settings_saved(self, settings: WorkstationSettings) -> None:
        self.settings = None  # no extra sync pass after a change of settings
        self.apply_settings(settings)
        self.sync.set_interval(settings.sync_interval_seconds)
        self.sync.settings_changed()

    def load_services(self) -> None:
        ctx = self.ctx
        Operation(self, None, lambda: catalogue.list_services(ctx)).success(self._on_services) \
            .failure(self.show_error).run_in(self.tasks)

    def _on_services(self, services: list[ServiceSpec]) -> None:
        if not services and self.screens.first_run is None:
            QTimer.singleShot(0, self.show_first_run)  # a fresh workstation: say what to do first
        self.work_page.set_services(services)

    def reload_services(self) -> None:
        self.load_services()
        self.refresh()

    def refresh_counts(self) -> None:
        ctx = self.ctx
        self.today_label.refresh()
        # seconds at a million applications: never in front of the list's page reads
        Operation(self, None, lambda: queries.queue_counts(ctx)).success(self._on_counts) \
            .failure(self.show_error).long().run_in(self.tasks)

    def _on_counts(self, counts: queries.QueueCounts) -> None:
        self.queue_counts = counts
        self.queue_list.set_counts(counts)
        self.status.set_outbox(counts.outbox_pending, counts.outbox_attention, counts.outbox_pending_requests)

    def refresh(self) -> None:
        """Re-read counts and the list after an action or a sync."""
        self.refresh_counts()
        self.work_page.refresh()

    # --- the list ----------------------------------------------------------

    def current_filter(self) -> queries.ListFilter:
        return self.work_page.current_filter()

    def apply_filter(self) -> None:
        self.work_page.apply_filter()

    def reset_filters(self) -> None:
        self.work_page.reset_filters()

    def focus_search(self) -> None:
        self.work_page.filters.focus_search()

    def open_current(self) -> None:
        self.work_page.open_current()

    def print_current(self) -> None:
        """Ctrl+P in the list: the receipt of the selected application, in a preview with «Печать»."""
        self.screens.print_receipt(self.work_page.current_number())

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

    # --- other screens (ui.main.screens) -------------------------------------

    @property
    def _children(self) -> list[QWidget]:
        return self.screens.open_windows

    @property
    def last_preview(self) -> QDialog | None:
        return self.screens.last_preview

    def close_children(self) -> None:
        self.screens.close_all()

    def open_application(self, number: str) -> QDialog | None:
        return self.screens.open_application(number)

    def open_new_application(self) -> QDialog | None:
        return self.screens.open_new_application()

    def open_attention(self) -> QDialog | None:
        return self.screens.open_attention()

    def open_registers(self) -> QDialog | None:
        return self.screens.open_registers()

    def open_settings(self) -> QDialog | None:
        return self.screens.open_settings()

    def open_operators(self) -> QDialog | None:
        return self.screens.open_operators()

    def open_audit(self) -> QDialog | None:
        return self.screens.open_audit()

    def show_first_run(self) -> QDialog:
        return self.screens.show_first_run()

    def open_reports(self) -> QDialog | None:
        return self.screens.open_reports()

    def show_about(self) -> None:
        self.screens.show_about()

    # --- locking and switching user (ui.main.screen_lock) ----------------------

    @property
    def locked(self) -> bool:
        return self.lock.locked

    @property
    def lock_dialog(self) -> LoginDialog | None:
        return self.lock.dialog

    @lock_dialog.setter
    def lock_dialog(self, dialog: LoginDialog | None) -> None:
        self.lock.dialog = dialog

    def lock_screen(self, idle: bool = False) -> LoginDialog | None:
        return self.lock.lock(idle)

    def switch_user(self) -> LoginDialog:
        return self.lock.switch_user()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.sync.stop()
        self.idle_lock.uninstall()
        self.screens.close_all()
        super().closeEvent(event)
