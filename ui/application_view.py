"""One application: its data, documents, requests, answers and history, and the actions allowed now.

Its parts: what is read for it (`ui.application.loading`), its tabs (`ui.application.tabs`) and its
action buttons (`ui.application.action_bar`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.enums import TERMINAL, AppAction, DecidedBy
from clerk_app.domain.labels import APP_STATUS_RU
from clerk_app.services import applications, requests
from clerk_app.services.changes import Changes
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.application.action_bar import BUTTON_TIPS, build_buttons, needs_override, remaining_kinds, shown_actions
from ui.application.loading import (
    LoadedApplication,
    attachment_job,
    decision_job,
    load_application,
    receipt_job,
)
from ui.application.tabs import ALERT_STYLE, ApplicationTabs
from ui.agency.agency_leg import AgencyLeg
from ui.agency.agency_tab import AgencyTab
from ui.agency.issue_dialog import IssueDialog
from ui.attachments import AttachmentViewers
from ui.forms.decision_dialog import DecisionDialog
from ui.forms.reason_dialog import ReasonDialog
from ui.geometry import keep_geometry
from ui.operations import Operation, alive
from ui.delivery import count_deliveries
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.tasks import TaskRunner
from ui.widgets.answer_tree import ATTACHMENT_ROLE
from ui.widgets.field_box import ERROR_STYLE
from ui.widgets.messages import error_text

__all__ = ["BUTTON_TIPS", "ApplicationView", "LoadedApplication", "ask_confirm", "load_application"]
T = TypeVar("T")


def ask_confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, parent.windowTitle(), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ApplicationView(QDialog):
    """`changed(number)` after every action that changed the application."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, number: str,
                 parent: QWidget | None = None, *, confirm: Callable[[QWidget, str], bool] | None = None,
                 choose_file: Callable[[QWidget], str | None] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks, self.number = ctx, actor, tasks, number
        self.confirm = confirm or ask_confirm
        self.data: LoadedApplication | None = None
        self.busy = False
        self.preview: PdfPreviewDialog | None = None
        self.decision_dialog: DecisionDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.decide_override: str | None = None  # a supervisor's reason to decide while requests are open
        self.reloads = 0
        self.viewers = AttachmentViewers(self, lambda: self.data.printer or None if self.data else None)
        self.agency = AgencyLeg(self, choose_file)
        self.setWindowTitle(self.tr("Заявление № {0}").format(number))
        self._build()
        tasks.changed.connect(self._on_changes)
        self.reload()

    # --- layout --------------------------------------------------------------

    def _build(self) -> None:
        t = self.tr
        self.header = QLabel(t("Загрузка…"), self)
        self.header.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.header.setWordWrap(True)
        self.tabs = ApplicationTabs(self)
        self.info, self.info_form, self.documents = self.tabs.info, self.tabs.info_form, self.tabs.documents
        self.requests, self.answers, self.history = self.tabs.requests, self.tabs.answers, self.tabs.history
        self.agency_tab = AgencyTab(self.tabs)
        self.agency_tab.open_document.connect(self.agency.open_document)
        self.tabs.insertTab(4, self.agency_tab, t("Ведомство"))
        self.answers.itemActivated.connect(self._answer_item_activated)
        self.answers.itemDoubleClicked.connect(self._answer_item_activated)

        self.alert_label = QLabel(self)
        self.alert_label.setObjectName("alert")
        self.alert_label.setWordWrap(True)
        self.alert_label.setStyleSheet(ALERT_STYLE)
        self.alert_label.hide()
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.status_label = QLabel(self)

        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = build_buttons(self, bar, {
            "send_requests": self.send_requests, "decide": self.start_decision, "print_decision": self.print_decision,
            "issue": self.issue, "withdraw": self.ask_withdraw, "refuse_intake": self.ask_refuse_intake,
            "print_receipt": self.print_receipt, "handover": self.agency.handover,
            "record_result": self.agency.record_result, "return_to_agency": self.agency.return_to_agency})
        bar.addStretch(1)
        self.refresh_button = QPushButton(t("О&бновить"), self)
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.setToolTip(t("Обновить (F5)"))
        self.refresh_button.clicked.connect(self.reload)
        self.close_button = QPushButton(t("&Закрыть"), self)
        self.close_button.setToolTip(t("Закрыть окно заявления (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.alert_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addLayout(bar)
        self.reload_shortcut = QShortcut(QKeySequence("F5"), self, self.reload)
        self.reload_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.print_shortcut = QShortcut(QKeySequence("Ctrl+P"), self, self._print_shortcut)
        self.geometry_keeper = keep_geometry(self, "application", (1000, 660))

    # --- loading ---------------------------------------------------------------

    def _op(self, fn: Callable[[], T]) -> Operation[T]:
        return Operation(self, self.ctx, fn)

    def reload(self) -> None:
        self.status_label.setText(self.tr("Загрузка…"))
        self.reloads += 1
        self._op(partial(load_application, self.ctx, self.actor, self.number)) \
            .success(self._loaded).failure(self._load_failed).run_in(self.tasks)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """Anything that changed this application (here, in the sync process, at another workstation)."""
        if changes.touches(self.data.state.id if self.data else None):
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self.header.setText(self.tr("Заявление № {0} не открыто").format(self.number))
        self._show_error(error_text(exc))

    def _loaded(self, data: LoadedApplication) -> None:
        self.data = data
        self.status_label.setText("")
        st, svc = data.state, data.service
        status = APP_STATUS_RU[st.status]
        self.header.setText(self.tr("Заявление № {0} — {1}\n{2}").format(
            self.number, status, svc.name if svc else st.service))
        self.tabs.show_loaded(data, status, [])
        self.agency_tab.show_loaded(data)
        leg = st.decided_by == DecidedBy.AGENCY or bool(data.agency_documents) or st.result is not None
        self.tabs.setTabVisible(self.tabs.indexOf(self.agency_tab), leg)
        lines = self.tabs.alert_lines(data.requests, data.answers, svc)
        if st.returned_comment and st.status not in TERMINAL:
            lines.insert(0, self.tr("Ведомство вернуло дело без рассмотрения: {0}").format(st.returned_comment))
        self.alert_label.setText("\n".join(lines))
        self.alert_label.setVisible(bool(lines))
        self.status_label.setText(self.tr("Обновлено в {0}").format(datetime.now().strftime("%H:%M:%S")))
        self._update_actions()

    # --- actions ---------------------------------------------------------------

    def remaining_kinds(self) -> list[str]:
        """Request kinds of the service not yet asked (or whose request failed or was cancelled)."""
        return remaining_kinds(self.data)

    def _update_actions(self) -> None:
        if self.data is None:
            return
        show = shown_actions(self.data, self.actor)
        for key, button in self.buttons.items():
            button.setVisible(show[key])
            button.setEnabled(not self.busy)
        self.refresh_button.setEnabled(not self.busy)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _run(self, what: str, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_failed: Callable[[BaseException], None] | None = None) -> None:
        """Run one action off the GUI thread; on success the view reloads and `changed` is emitted; a refusal
        goes to `on_failed` (a dialog's field), else under the tabs."""
        if self.busy:
            return
        self.busy = True
        self._show_error("")
        self.status_label.setText(what + "…")
        self._update_actions()
        self._op(fn).success(partial(self._action_done, on_done)).failure(partial(self._action_failed, on_failed)) \
            .run_in(self.tasks)

    def _action_done(self, on_done: Callable[[Any], None] | None, result: Any) -> None:
        """The change notice that follows reloads the view."""
        self.busy = False
        self.status_label.setText(self.tr("Готово"))
        if on_done is not None:
            on_done(result)
        self.changed.emit(self.number)

    def _action_failed(self, on_failed: Callable[[BaseException], None] | None, exc: BaseException) -> None:
        self.busy = False
        self.status_label.setText("")
        if on_failed is not None:
            on_failed(exc)
        else:
            self._show_error(error_text(exc))
        self.reload()

    def send_requests(self) -> None:
        kinds = self.remaining_kinds()
        if not kinds:
            return
        self._run(self.tr("Формирование запросов"),
                  partial(requests.create_requests, self.ctx, self.actor, self.number, kinds),
                  lambda queued: self.status_label.setText(
                      self.tr("Запросов поставлено в очередь: {0}").format(len(queued))))

    def start_decision(self) -> None:
        """«Решение…»; while requests hold the decision up, a supervisor first gives the reason to go ahead."""
        self.decide_override = None
        if self.data is not None and needs_override(self.data, self.actor, AppAction.DECIDE):
            self._ask_reason(self.tr("Решение при незавершённых запросах"),
                             self.tr("Запросы по заявлению не завершены. Основание, по которому руководитель "
                                     "разрешает принять решение (попадёт в журнал и в решение):"),
                             self.tr("Разрешить"), self._decide_with_override)
            return
        self.open_decision()

    def _decide_with_override(self, reason: str) -> None:
        self.decide_override = reason
        self.open_decision()

    def open_decision(self) -> DecisionDialog:
        dialog = DecisionDialog(self.number, self)
        dialog.preview_requested.connect(self.preview_draft_decision)
        dialog.submitted.connect(self.decide)
        self.decision_dialog = dialog
        dialog.open()
        return dialog

    def preview_draft_decision(self, approve: bool, reason: str, ground: str) -> None:
        """The draft opens over the decision dialog, as its child, so that it is never blocked by it."""
        self._op(partial(decision_job, self.ctx, self.actor, self.number, True, approve, reason, ground)) \
            .success(partial(self._show_pdf, self.tr("Проект решения (черновик)"),
                             document_file_name(self.tr("Проект решения"), self.number), owner=self.decision_dialog)) \
            .failure(self._draft_failed).run_in(self.tasks)

    def _draft_failed(self, exc: BaseException) -> None:
        if alive(self.decision_dialog) and self.decision_dialog is not None and self.decision_dialog.isVisible():
            self.decision_dialog.show_error(error_text(exc))
        else:
            self._show_error(error_text(exc))

    def decide(self, approve: bool, reason: str, ground: str) -> None:
        self._run(self.tr("Сохранение решения"),
                  partial(applications.decide, self.ctx, self.actor, self.number, approve, reason or None,
                          ground or None, self.decide_override))

    def print_decision(self) -> None:
        self._print(self.tr("Решение по заявлению № {0}").format(self.number),
                    document_file_name(self.tr("Решение"), self.number),
                    partial(decision_job, self.ctx, self.actor, self.number), "decision")

    def print_receipt(self) -> None:
        self._print(self.tr("Расписка № {0}").format(self.number), document_file_name(self.tr("Расписка"), self.number),
                    partial(receipt_job, self.ctx, self.actor, self.number), "receipt")

    def _print_shortcut(self) -> None:
        if self.buttons["print_decision"].isVisible():
            self.print_decision()
        elif self.buttons["print_receipt"].isVisible():
            self.print_receipt()

    def _print(self, title: str, file_name: str, job: Callable[[], bytes], document: str) -> None:
        self.status_label.setText(self.tr("Подготовка документа…"))
        self._op(job).success(partial(self._show_pdf, title, file_name, counted=document)) \
            .failure(self._print_failed).run_in(self.tasks)

    def _print_failed(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self._show_error(error_text(exc))

    def _show_pdf(self, title: str, file_name: str, pdf: bytes, owner: QWidget | None = None,
                  counted: str | None = None) -> None:
        """`counted`: the document ("receipt", "decision") whose prints and saves from the preview count."""
        self.status_label.setText("")
        printer = self.data.printer if self.data else ""
        parent = owner if owner is not None and shiboken6.isValid(owner) and owner.isVisible() else self
        self.preview = PdfPreviewDialog(pdf, title, parent, file_name=file_name, printer_name=printer or None)
        if counted is not None:
            count_deliveries(self.preview, self.ctx, self.actor, self.tasks, self.number, counted)
        if parent is not self:  # over a modal dialog: modal to it, so that it takes the keyboard and mouse
            self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.show()

    def issue(self) -> IssueDialog | None:
        """To the applicant or a representative (ui.agency.issue_dialog), confirmed before it is recorded."""
        return self.agency.issue()

    def _ask_reason(self, title: str, prompt: str, ok: str, action: Callable[[str], None]) -> ReasonDialog:
        dialog = ReasonDialog(title, prompt, ok, self)
        dialog.submitted.connect(action)
        self.reason_dialog = dialog
        dialog.open()
        return dialog

    def ask_withdraw(self) -> ReasonDialog:
        return self._ask_reason(self.tr("Отзыв заявления"), self.tr("Причина отзыва (со слов заявителя):"),
                                self.tr("Отозвать"), self.withdraw)

    def withdraw(self, reason: str) -> None:
        self._run(self.tr("Отзыв заявления"),
                  partial(applications.withdraw, self.ctx, self.actor, self.number, reason))

    def ask_refuse_intake(self) -> ReasonDialog:
        return self._ask_reason(self.tr("Отказ в приёме документов"), self.tr("Основание отказа в приёме:"),
                                self.tr("Отказать"), self.refuse_intake)

    def refuse_intake(self, reason: str) -> None:
        self._run(self.tr("Отказ в приёме"),
                  partial(applications.refuse_intake, self.ctx, self.actor, self.number, reason))

    # --- attachments -------------------------------------------------------------

    def _answer_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        att = item.data(0, ATTACHMENT_ROLE)
        if att is not None:
            self.open_attachment(att.id)

    def open_attachment(self, attachment_id: int) -> None:
        """One viewer per attachment: a second double-click (or Enter) raises the open one."""
        if not self.viewers.begin(attachment_id):
            return
        self._op(partial(attachment_job, self.ctx, self.actor, attachment_id)) \
            .success(partial(self._attachment_ready, attachment_id)) \
            .failure(partial(self._attachment_failed, attachment_id)).run_in(self.tasks)

    def _attachment_ready(self, attachment_id: int, result: tuple[str, str, bytes]) -> None:
        name, media_type, content = result
        widget = self.viewers.show(attachment_id, name, media_type, content)
        if isinstance(widget, PdfPreviewDialog):
            self.preview = widget

    def _attachment_failed(self, attachment_id: int, exc: BaseException) -> None:
        self.viewers.failed(attachment_id)
        self._print_failed(exc)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.viewers.close_all()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.viewers.close_all()
        super().done(result)
