"""The application window's tabs: «Сведения», «Документы», «Запросы», «Ответы», «История», and the alert
above them that states agencies' refusals, errors and late answers with their reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from clerk_app.domain.enums import OPEN_STATUSES, ReqStatus
from clerk_app.domain.labels import REQ_STATUS_RU, event_label, outcome_label, subject_label
from clerk_app.services.answers import AnswerView
from clerk_app.services.application_views import RequestView
from clerk_app.services.catalogue import ServiceSpec
from ui.application.loading import LoadedApplication
from ui.forms.applicant_checks import form_phone, ru_date
from ui.widgets.answer_tree import fill_answers, value_text

ALERT_STYLE = "background: #fdecea; color: #8a1010; border: 1px solid #e0a0a0; padding: 6px; font-weight: bold;"
ALERT_FOREGROUND, ALERT_BACKGROUND = QColor("#8a1010"), QColor("#fdecea")


def make_table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def needs_alert(r: RequestView) -> bool:
    return r.status in (ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.NEEDS_ATTENTION) or r.overdue


class ApplicationTabs(QTabWidget):
    """The tabs; `show_loaded` fills them from one read of the application."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.info_scroll = QScrollArea(self)  # a long application never makes the window taller than the screen
        self.info_scroll.setWidgetResizable(True)
        self.info_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.info = QWidget(self.info_scroll)
        self.info_form = QFormLayout(self.info)
        self.info_scroll.setWidget(self.info)
        self.documents = make_table([t("Документ"), t("Подлинник/копия"), t("Листов")], self)
        self.requests = make_table([t("Запрос"), t("Статус"), t("Ответ получен"), t("Срок ответа"), t("Направлен"),
                                    t("Ведомство"), t("Причина / ошибка")], self)
        self.answers = QTreeWidget(self)
        self.answers.setHeaderLabels([t("Сведения"), t("Значение")])
        self.answers.setColumnWidth(0, 320)
        self.history = make_table([t("Время"), t("Событие"), t("Оператор"), t("Передано в реестр")], self)
        self.addTab(self.info_scroll, t("Сведения"))
        self.addTab(self.documents, t("Документы"))
        self.addTab(self.requests, t("Запросы"))
        self.addTab(self.answers, t("Ответы"))
        self.addTab(self.history, t("История"))

    def show_loaded(self, data: LoadedApplication, status: str, extra_rows: list[tuple[str, str]]) -> None:
        st, svc = data.state, data.service
        self._fill_info(data, status, extra_rows)
        fill_table(self.documents, [[d.title, self.tr("подлинник") if d.original else self.tr("копия"),
                                     str(d.sheets)] for d in st.documents])
        self._fill_requests(data.requests, svc)
        fill_answers(self.answers, data.answers)
        if not data.answers:
            QTreeWidgetItem(self.answers, [self.tr("Ответов пока нет")])
        fill_table(self.history, [[value_text(e.occurred_at), event_label(e.type), data.name(e.operator),
                                   self.tr("да") if e.synced else self.tr("ожидает отправки")]
                                  for e in data.events])

    def _info_rows(self, data: LoadedApplication, status: str) -> list[tuple[str, str]]:
        st, svc, name, today = data.state, data.service, data.name, data.today
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
        rows += [(subject_label(key), value) for key, value in st.subject]
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
        return rows

    def _fill_info(self, data: LoadedApplication, status: str, extra_rows: list[tuple[str, str]]) -> None:
        while self.info_form.rowCount():
            self.info_form.removeRow(0)
        for label, value in self._info_rows(data, status) + extra_rows:
            field = QLabel(value, self.info)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_form.addRow(label, field)

    def _fill_requests(self, reqs: tuple[RequestView, ...], svc: ServiceSpec | None) -> None:
        kinds = {k.code: k for k in svc.request_kinds} if svc else {}
        rows = []
        for r in reqs:
            k = kinds.get(r.kind)
            status = REQ_STATUS_RU[r.status]
            if r.overdue:
                status += self.tr(" (просрочен)")
            rows.append([k.name if k else r.kind, status, value_text(r.answered_at),
                         ru_date(r.due_date), value_text(r.sent_at), k.agency_name if k else "", r.last_error or ""])
        fill_table(self.requests, rows)
        for row, r in enumerate(reqs):
            if needs_alert(r):
                for col in range(self.requests.columnCount()):
                    item = self.requests.item(row, col)
                    if item is not None:
                        item.setForeground(ALERT_FOREGROUND)
                        item.setBackground(ALERT_BACKGROUND)

    def alert_lines(self, reqs: tuple[RequestView, ...], answers: list[AnswerView],
                    svc: ServiceSpec | None) -> list[str]:
        """Agencies' refusals and errors and late answers, with their reasons."""
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
        return lines

