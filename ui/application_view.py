"""One application: its data, documents, requests, answers and history, and the actions allowed now."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import OPEN_STATUSES, REQ_RETRYABLE, AppAction, ReqStatus
from clerk_app.domain.labels import APP_STATUS_RU, REQ_STATUS_RU, event_label, outcome_label, subject_label
from clerk_app.domain.states import allowed_actions
from clerk_app.services import applications, catalogue, operators, queries, requests
from clerk_app.services.answers import AnswerView
from clerk_app.services.application_views import EventView, RequestView
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.changes import Changes
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from ui.forms.applicant_checks import form_phone, ru_date
from ui.forms.decision_dialog import DecisionDialog
from ui.forms.reason_dialog import ReasonDialog
from ui.geometry import keep_geometry
from ui.attachments import AttachmentViewers
from ui.operations import Operation, alive
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.tasks import TaskRunner
from ui.widgets.answer_tree import ATTACHMENT_ROLE, fill_answers, value_text
from ui.widgets.field_box import ERROR_STYLE

ALERT_STYLE = "background: #fdecea; color: #8a1010; border: 1px solid #e0a0a0; padding: 6px; font-weight: bold;"
from ui.widgets.messages import error_text, show_message

BUTTON_TIPS = {
    "send_requests": "Направить межведомственные запросы (Alt+Н)", "decide": "Принять решение (Alt+Р)",
    "print_decision": "Напечатать решение (Alt+Е, Ctrl+P)", "issue": "Выдать результат заявителю (Alt+В)",
    "withdraw": "Отозвать заявление по просьбе заявителя (Alt+О)",
    "refuse_intake": "Отказать в приёме документов (Alt+П)", "print_receipt": "Напечатать расписку (Alt+И, Ctrl+P)",
}
T = TypeVar("T")


@dataclass(frozen=True)
class LoadedApplication:
    """Everything the view shows, read in one go on a worker."""

    state: ApplicationState
    requests: tuple[RequestView, ...]
    events: tuple[EventView, ...]
    answers: list[AnswerView]
    service: ServiceSpec | None
    printer: str
    today: date
    names: dict[str, str] = field(default_factory=dict)  # operators' logins -> full names

    def name(self, login: str | None) -> str:
        return self.names.get(login or "", login or "")


def load_application(ctx: AppContext, actor: Actor, number: str) -> LoadedApplication:
    """Runs on a worker: everything the view shows, read in one go."""
    from clerk_app.services import answers

    view = queries.application_view(ctx, actor, number)
    try:
        service = catalogue.get_service(ctx, view.state.service)
    except Exception:  # a service since removed from the catalogue: show its code
        service = None
    st = view.state
    logins = {e.operator or "" for e in view.events or ()}
    logins |= {x.operator for x in (st.decision, st.issued) if x}
    logins |= {n.operator for n in st.notes}
    return LoadedApplication(view.state, view.requests, view.events or (), answers.answers_for(ctx, actor, number),
                             service, ctx.settings().printer or "", ctx.now().date(),
                             operators.display_names(ctx, logins))


def receipt_job(ctx: AppContext, actor: Actor, number: str) -> bytes:
    from clerk_app.services import printing

    return printing.receipt_pdf(ctx, actor, number)


def decision_job(ctx: AppContext, actor: Actor, number: str, draft: bool = False, approve: bool | None = None,
                 reason: str = "", legal_ground: str = "") -> bytes:
    from clerk_app.services import printing

    if draft:
        return printing.decision_pdf(ctx, actor, number, draft=True, approve=approve, reason=reason,
                                     legal_ground=legal_ground)
    return printing.decision_pdf(ctx, actor, number)


def attachment_job(ctx: AppContext, actor: Actor, attachment_id: int) -> tuple[str, str, bytes]:
    from clerk_app.services import answers

    return answers.attachment_content(ctx, actor, attachment_id)


def ask_confirm(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, parent.windowTitle(), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


class ApplicationView(QDialog):
    """`changed(number)` after every action that changed the application."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, number: str,
                 parent: QWidget | None = None, *, confirm: Callable[[QWidget, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks, self.number = ctx, actor, tasks, number
        self.confirm = confirm or ask_confirm
        self.data: LoadedApplication | None = None
        self.busy = False
        self.preview: PdfPreviewDialog | None = None
        self.decision_dialog: DecisionDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.reloads = 0
        self.viewers = AttachmentViewers(self, lambda: self.data.printer or None if self.data else None)
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
        self.tabs = QTabWidget(self)
        self.info = QWidget(self)
        self.info_form = QFormLayout(self.info)
        self.documents = _table([t("Документ"), t("Подлинник/копия"), t("Листов")], self)
        self.requests = _table([t("Запрос"), t("Статус"), t("Ответ получен"), t("Срок ответа"), t("Направлен"),
                                t("Ведомство"), t("Причина / ошибка")], self)
        self.answers = QTreeWidget(self)
        self.answers.setHeaderLabels([t("Сведения"), t("Значение")])
        self.answers.setColumnWidth(0, 320)
        self.answers.itemActivated.connect(self._answer_item_activated)
        self.answers.itemDoubleClicked.connect(self._answer_item_activated)
        self.history = _table([t("Время"), t("Событие"), t("Оператор"), t("Передано в реестр")], self)
        self.tabs.addTab(self.info, t("Сведения"))
        self.tabs.addTab(self.documents, t("Документы"))
        self.tabs.addTab(self.requests, t("Запросы"))
        self.tabs.addTab(self.answers, t("Ответы"))
        self.tabs.addTab(self.history, t("История"))

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

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("send_requests", t("&Направить запросы"), self.send_requests),
            ("decide", t("&Решение…"), self.open_decision),
            ("print_decision", t("Печать р&ешения"), self.print_decision),
            ("issue", t("&Выдать результат"), self.issue),
            ("withdraw", t("&Отозвать…"), self.ask_withdraw),
            ("refuse_intake", t("Отказать в &приёме…"), self.ask_refuse_intake),
            ("print_receipt", t("Печать расп&иски"), self.print_receipt),
        ):
            b = QPushButton(text, self)
            b.setToolTip(BUTTON_TIPS[key])
            b.setObjectName(key)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            b.hide()
            self.buttons[key] = b
            bar.addWidget(b)
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
        self._fill_info(st, svc, status, data.today)
        _fill(self.documents, [[d.title, self.tr("подлинник") if d.original else self.tr("копия"), str(d.sheets)]
                               for d in st.documents])
        self._fill_requests(data.requests, svc, data.today)
        fill_answers(self.answers, data.answers)
        if not data.answers:
            QTreeWidgetItem(self.answers, [self.tr("Ответов пока нет")])
        _fill(self.history, [[value_text(e.occurred_at), event_label(e.type), data.name(e.operator),
                              self.tr("да") if e.synced else self.tr("ожидает отправки")]
                             for e in data.events])
        self._show_alert(data.requests, data.answers, svc)
        self.status_label.setText(self.tr("Обновлено в {0}").format(datetime.now().strftime("%H:%M:%S")))
        self._update_actions()

    def _fill_info(self, st: ApplicationState, svc: ServiceSpec | None, status: str, today: date) -> None:
        while self.info_form.rowCount():
            self.info_form.removeRow(0)
        name = self.data.name if self.data else (lambda login: login or "")
        a, p = st.applicant, st.applicant.passport
        due = ru_date(st.due_date)
        if st.due_date_provisional:
            due += self.tr(" (предварительно: производственный календарь на этот год неизвестен)")
        if st.status in OPEN_STATUSES and st.due_date < today.isoformat():
            due += self.tr(" — срок истёк")
        rows = [
            (self.tr("Заявитель"), a.full_name),
            (self.tr("Дата рождения"), ru_date(a.birth_date)),
            (self.tr("СНИЛС"), a.snils or "—"),
            (self.tr("ИНН"), a.inn or "—"),
            (self.tr("Паспорт"), (f"{p.series} № {p.number}, выдан {ru_date(p.issued_on)} {p.issued_by or ''}"
                                  + (f", код {p.division_code}" if p.division_code else "")) if p else "—"),
            (self.tr("Телефон"), form_phone(a.phone) or "—"),
            (self.tr("Адрес"), a.address or "—"),
            (self.tr("Услуга"), svc.name if svc else st.service),
            (self.tr("Ведомство"), svc.agency_name if svc else "—"),
            (self.tr("Зарегистрировано"), value_text(st.registered_at)),
            (self.tr("Срок предоставления"), due),
            (self.tr("Статус"), status),
        ]
        for key, value in st.subject:
            rows.append((subject_label(key), value))
        d = st.decision
        if d:
            text = f"{outcome_label(d.outcome)}, {value_text(d.decided_at)}, {name(d.operator)}"
            if d.reason:
                text += "\n" + self.tr("Причина: {0}").format(d.reason)
            if d.legal_ground:
                text += "\n" + self.tr("Основание: {0}").format(d.legal_ground)
            rows.append((self.tr("Решение"), text))
        if st.issued:
            rows.append((self.tr("Результат выдан"), f"{value_text(st.issued.issued_at)}, {name(st.issued.operator)}"))
        if st.closed_reason:
            rows.append((self.tr("Причина"), st.closed_reason))
        for note in st.notes:
            rows.append((self.tr("Примечание"), f"{value_text(note.at)}, {name(note.operator)}: {note.text}"))
        for label, value in rows:
            field = QLabel(value, self.info)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_form.addRow(label, field)

    def _show_alert(self, reqs: tuple[RequestView, ...], answers: list[AnswerView], svc: ServiceSpec | None) -> None:
        """Agencies' refusals and errors and late answers, stated above the tabs with their reasons."""
        kinds = {k.code: k.name for k in svc.request_kinds} if svc else {}
        reasons = {a.message_id: a.refusal_reason for a in answers if a.refusal_reason}
        lines = []
        for r in reqs:
            name = kinds.get(r.kind, r.kind)
            if r.status in (ReqStatus.REJECTED, ReqStatus.ERROR):
                why = reasons.get(r.message_id) or r.last_error or self.tr("причина не указана")
                lines.append(self.tr("{0} — {1}: {2}").format(REQ_STATUS_RU[r.status], name, why))
            elif r.overdue:
                lines.append(self.tr("Просрочен ответ на запрос «{0}» (срок {1})").format(name, ru_date(r.due_date)))
            elif r.status == ReqStatus.NEEDS_ATTENTION:
                lines.append(self.tr("Запрос «{0}» не принят шлюзом: {1}").format(name, r.last_error or ""))
        self.alert_label.setText("\n".join(lines))
        self.alert_label.setVisible(bool(lines))

    def _fill_requests(self, reqs: tuple[RequestView, ...], svc: ServiceSpec | None, today: date) -> None:
        kinds = {k.code: k for k in svc.request_kinds} if svc else {}
        rows = []
        for r in reqs:
            k = kinds.get(r.kind)
            status = REQ_STATUS_RU[r.status]
            if r.overdue:
                status += self.tr(" (просрочен)")
            rows.append([k.name if k else r.kind, status, value_text(r.answered_at),
                         ru_date(r.due_date), value_text(r.sent_at), k.agency_name if k else "", r.last_error or ""])
        _fill(self.requests, rows)
        for row, r in enumerate(reqs):
            if r.status in (ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.NEEDS_ATTENTION) or r.overdue:
                for col in range(self.requests.columnCount()):
                    item = self.requests.item(row, col)
                    if item is not None:
                        item.setForeground(QColor("#8a1010"))
                        item.setBackground(QColor("#fdecea"))

    # --- actions ---------------------------------------------------------------

    def remaining_kinds(self) -> list[str]:
        """Request kinds of the service not yet asked (or whose request failed or was cancelled)."""
        if not self.data or not self.data.service:
            return []
        asked = {r.kind for r in self.data.requests if r.status not in REQ_RETRYABLE}
        return [k.code for k in self.data.service.request_kinds if k.code not in asked]

    def _update_actions(self) -> None:
        if self.data is None:
            return
        st = self.data.state
        acts = allowed_actions(st.status, st.open_requests)
        can = self.actor.can
        show = {
            "send_requests": AppAction.SEND_REQUESTS in acts and can(Perm.REQUEST) and bool(self.remaining_kinds()),
            "decide": AppAction.DECIDE in acts and can(Perm.DECIDE),
            "print_decision": st.decision is not None and can(Perm.PRINT),
            "issue": AppAction.ISSUE in acts and can(Perm.ISSUE),
            "withdraw": AppAction.WITHDRAW in acts and can(Perm.WITHDRAW),
            "refuse_intake": AppAction.REFUSE_INTAKE in acts and can(Perm.REGISTER),
            "print_receipt": can(Perm.PRINT),
        }
        for key, button in self.buttons.items():
            button.setVisible(show[key])
            button.setEnabled(not self.busy)
        self.refresh_button.setEnabled(not self.busy)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _run(self, what: str, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        """Run one action off the GUI thread; on success the view reloads and `changed` is emitted."""
        if self.busy:
            return
        self.busy = True
        self._show_error("")
        self.status_label.setText(what + "…")
        self._update_actions()
        self._op(fn).success(partial(self._action_done, on_done)).failure(self._action_failed).run_in(self.tasks)

    def _action_done(self, on_done: Callable[[Any], None] | None, result: Any) -> None:
        """The change notice that follows reloads the view."""
        self.busy = False
        self.status_label.setText(self.tr("Готово"))
        if on_done is not None:
            on_done(result)
        self.changed.emit(self.number)

    def _action_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status_label.setText("")
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
                          ground or None))

    def print_decision(self) -> None:
        self._print(self.tr("Решение по заявлению № {0}").format(self.number),
                    document_file_name(self.tr("Решение"), self.number),
                    partial(decision_job, self.ctx, self.actor, self.number))

    def print_receipt(self) -> None:
        self._print(self.tr("Расписка № {0}").format(self.number), document_file_name(self.tr("Расписка"), self.number),
                    partial(receipt_job, self.ctx, self.actor, self.number))

    def _print_shortcut(self) -> None:
        if self.buttons["print_decision"].isVisible():
            self.print_decision()
        elif self.buttons["print_receipt"].isVisible():
            self.print_receipt()

    def _print(self, title: str, file_name: str, job: Callable[[], bytes]) -> None:
        self.status_label.setText(self.tr("Подготовка документа…"))
        self._op(job).success(partial(self._show_pdf, title, file_name)).failure(self._print_failed) \
            .run_in(self.tasks)

    def _print_failed(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self._show_error(error_text(exc))

    def _show_pdf(self, title: str, file_name: str, pdf: bytes, owner: QWidget | None = None) -> None:
        self.status_label.setText("")
        printer = self.data.printer if self.data else ""
        parent = owner if owner is not None and shiboken6.isValid(owner) and owner.isVisible() else self
        self.preview = PdfPreviewDialog(pdf, title, parent, file_name=file_name, printer_name=printer or None)
        if parent is not self:  # over a modal dialog: modal to it, so that it takes the keyboard and mouse
            self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.show()

    def issue(self) -> None:
        if not self.confirm(self, self.tr("Выдать результат по заявлению № {0}?").format(self.number)):
            return
        self._run(self.tr("Выдача результата"), partial(applications.issue, self.ctx, self.actor, self.number))

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
