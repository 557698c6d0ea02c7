"""The application window's «Ведомство» tab: who decides, the handover, what the agency said about the case,
its result and the result's documents (openable), the storage term, who collected the result."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.enums import Collector, DecidedBy, HandoverWay, ResultSource
from ui.application.loading import LoadedApplication
from ui.application.tabs import fill_table, make_table
from ui.forms.applicant_checks import ru_date
from ui.widgets.answer_tree import value_text

DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_STATUS_RU = {"accepted": "Дело принято ведомством", "returned": "Дело возвращено без рассмотрения",
                  "result": "Результат предоставления услуги"}
SOURCE_RU = {ResultSource.GATEWAY: "получен от ведомства через шлюз", ResultSource.PAPER: "внесён с бумажного документа"}


def size_text(size: int) -> str:
    return f"{max(1, round(size / 1024))} КБ" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} МБ"


def agency_rows(data: LoadedApplication) -> list[tuple[str, str]]:
    """The agency leg as (label, text) rows."""
    st, svc, name = data.state, data.service, data.name
    agency = svc.agency_name if svc else st.agency or "—"
    if st.decided_by != DecidedBy.AGENCY:
        rows = [("Решение принимает", "МФЦ (услуга передана центру)")]
    else:
        way = ("в электронном виде через шлюз" if st.handover_way == HandoverWay.ELECTRONIC
               else "на бумаге, по реестру передачи")
        rows = [("Решение принимает", f"ведомство: {agency}"), ("Способ передачи", way)]
    h = st.handover
    if h is not None:
        how = (f"по реестру № {h.register_number}" if h.register_number else "в электронном виде"
               + (f" (дело {h.case_id})" if h.case_id else ""))
        rows.append(("Передано в ведомство", f"{value_text(h.handed_over_at)}, {how}"))
    elif st.decided_by == DecidedBy.AGENCY:
        rows.append(("Передано в ведомство", "ещё не передано"))
    r = st.result
    if r is not None:
        outcome = "услуга предоставлена" if r.approved else "отказ в предоставлении услуги"
        rows.append(("Результат ведомства", f"{outcome}; {SOURCE_RU.get(r.source, r.source)} {value_text(r.received_at)}"))
        if r.document_number or r.document_date:
            rows.append(("Документ", f"№ {r.document_number or 'б/н'} от {ru_date(r.document_date)}"))
        if r.signed_by:
            rows.append(("Подписал", r.signed_by))
        if r.legal_ground:
            ground = (svc.ground_text(r.legal_ground) if svc else None) or r.legal_ground
            rows.append(("Основание отказа", ground))
        if r.reason:
            rows.append(("Причина отказа", r.reason))
    if st.storage_until and st.issued is None:
        late = st.storage_until <= data.today.isoformat()
        rows.append(("Хранится до", ru_date(st.storage_until) + (" — срок хранения истёк" if late else "")))
    i = st.issued
    if i is not None:
        who = "заявителю лично"
        if i.collector == Collector.REPRESENTATIVE and i.representative is not None:
            rep = i.representative
            who = f"представителю {rep.full_name}"
            if rep.power_of_attorney is not None:
                poa = rep.power_of_attorney
                who += f" по доверенности № {poa.number} от {ru_date(poa.date)}"
        rows.append(("Результат выдан", f"{value_text(i.issued_at)}, {who}; выдал(а) {name(i.operator)}"))
    if st.returned_comment:
        rows.append(("Ведомство вернуло дело", st.returned_comment))
    for o in st.overrides:
        rows.append(("Разрешение руководителя", f"{value_text(o.at)}, {name(o.operator)}: {o.reason}"))
    return rows


class AgencyTab(QScrollArea):
    """`open_document(id)` when the clerk opens one of the agency's documents. Scrolls, so that a long result
    never makes the application window taller than a small screen."""

    open_document = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.tr
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        self.summary = QWidget(body)
        self.summary_form = QFormLayout(self.summary)
        self.documents = QListWidget(self)
        self.documents.setObjectName("agencyDocuments")
        self.documents.setMaximumHeight(90)
        self.documents.itemActivated.connect(self._activated)
        self.documents.itemDoubleClicked.connect(self._activated)
        self.open_button = QPushButton(t("Открыть до&кумент ведомства"), self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_current)
        self.history: QTableWidget = make_table([t("Время"), t("Что сообщило ведомство"), t("Комментарий")], self)
        self.history.setMaximumHeight(120)
        docs_row = QHBoxLayout()
        docs_row.addWidget(QLabel(t("Документы ведомства:"), self), 1)
        docs_row.addWidget(self.open_button)
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addLayout(docs_row)
        layout.addWidget(self.documents)
        layout.addWidget(QLabel(t("Сообщения ведомства по делу:"), self))
        self.no_history = QLabel(self)
        self.no_history.setStyleSheet("color: #555;")
        layout.addWidget(self.no_history)
        layout.addWidget(self.history)
        layout.addStretch(1)

    def show_loaded(self, data: LoadedApplication) -> None:
        while self.summary_form.rowCount():
            self.summary_form.removeRow(0)
        for label, text in agency_rows(data):
            value = QLabel(text, self.summary)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary_form.addRow(self.tr(label), value)
        self.documents.clear()
        for d in data.agency_documents:
            item = QListWidgetItem(f"{d.name} · {size_text(d.size)} · {SOURCE_RU.get(d.source, d.source)} "
                                   f"{value_text(d.received_at)}", self.documents)
            item.setData(DOCUMENT_ROLE, d.id)
        if not data.agency_documents:
            QListWidgetItem(self.tr("Документов ведомства пока нет"), self.documents)
        else:
            self.documents.setCurrentRow(0)
        self.open_button.setEnabled(bool(data.agency_documents))
        fill_table(self.history, [[value_text(c.at), CASE_STATUS_RU.get(c.status, c.status), c.comment or ""]
                                  for c in data.case_history])
        self.history.setVisible(bool(data.case_history))
        self.no_history.setVisible(not data.case_history)
        st = data.state
        paper = st.handover is not None and st.handover.register_number is not None
        self.no_history.setText(self.tr("нет: дело передано на бумаге, ведомство отвечает на бумаге") if paper
                                else self.tr("пока нет"))

    def _activated(self, item: QListWidgetItem) -> None:
        doc_id = item.data(DOCUMENT_ROLE)
        if doc_id is not None:
            self.open_document.emit(int(doc_id))

    def _open_current(self) -> None:
        item = self.documents.currentItem()
        if item is not None:
            self._activated(item)
