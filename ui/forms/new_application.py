"""The clerk's new-application form: typed from the keyboard, checked as typed, registered off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QFrame,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain import subject_fields
from clerk_app.domain.application import ApplicantState, PassportState
from clerk_app.domain.errors import DomainError
from clerk_app.domain.labels import subject_label
from clerk_app.services import applicants, applications, catalogue
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.forms import applicant_checks as chk
from ui.forms.documents_table import DocumentsTable
from ui.operations import Operation, alive
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.tasks import TaskRunner
from ui.geometry import keep_geometry
from ui.widgets.banner import ActionBanner
from ui.widgets.field_box import ERROR_STYLE, FieldBox
from ui.widgets.masked_line_edit import MaskedLineEdit
from ui.widgets.messages import error_text, show_message

# Input masks ("0": a digit may stand here; the checks say what is missing).
MASKS = {
    chk.BIRTH: "00.00.0000", chk.ISSUED_ON: "00.00.0000", chk.SNILS: "000-000-000 00",
    chk.SERIES: "00 00", chk.NUMBER: "000000", chk.DIVISION: "000-000", chk.PHONE: "+7 (000) 000-00-00",
    chk.INN: "000000000000",
}


LABEL_WIDTH = 140
ALWAYS_REQUIRED = (chk.LAST, chk.FIRST, chk.BIRTH)
FIX_FIELDS = "Исправьте поля, отмеченные красным"


def receipt_job(ctx: AppContext, actor: Actor, number: str) -> tuple[bytes, str, int]:
    """Runs on a worker: the receipt PDF and the printer settings for its preview."""
    from clerk_app.services import printing

    pdf = printing.receipt_pdf(ctx, actor, number)
    settings = ctx.settings()
    return pdf, settings.printer, settings.receipt_copies


def ask_discard(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent, parent.tr("Новое заявление"),
        parent.tr("Закрыть форму? Введённые данные не сохранены и будут потеряны."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class NewApplicationDialog(QDialog):
    """Registers one application; `registered(number)` when stored, then the receipt preview opens."""

    registered = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None, *,
                 confirm_discard: Callable[[QWidget], bool] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks = ctx, actor, tasks
        self.confirm_discard = confirm_discard or ask_discard
        self.setWindowTitle(self.tr("Новое заявление"))
        self.services: list[ServiceSpec] = []
        self.service: ServiceSpec | None = None
        self.fields: dict[str, FieldBox] = {}
        self.labels: dict[str, tuple[QLabel, str]] = {}
        self.extra: dict[str, str] = {}
        self.subject_fields: dict[str, FieldBox] = {}
        self.own_needed: dict[str, str] = {}
        self.number: str | None = None
        self.preview: PdfPreviewDialog | None = None
        self.found_applicant: ApplicantState | None = None
        self.dirty = False
        self.saving = False
        self._looked_up: set[tuple] = set()
        self._build()
        self._load_services()

    # --- building ------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget, path: str = "") -> QLabel:
        """Labels of one width, so that the applicant's groups line up; «*» marks a field needed now."""
        label = QLabel(text, self)
        label.setMinimumWidth(LABEL_WIDTH)
        label.setBuddy(buddy)
        if path:
            self.labels[path] = (label, text.rstrip("*"))
        return label

    def mark_required(self) -> None:
        """Asterisks on the fields required now: always, by the chosen service's requests, or by a document."""
        needed = self.current_needed()
        for path, (label, text) in self.labels.items():
            required = path in ALWAYS_REQUIRED or path in needed
            label.setText(text + ("*" if required else ""))
            label.setToolTip(self.tr("Нужно для запроса «{0}»").format(needed[path]) if path in needed else "")
            box = self.box_for(path)
            if box is not None and path.startswith("subject."):
                box.editor.setEnabled(required)
                if not required:
                    box.set_error(None)

    def _line(self, path: str, label: str, form: QFormLayout, placeholder: str = "") -> QLineEdit:
        edit = MaskedLineEdit(MASKS.get(path, ""), self)
        edit.setObjectName(path)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        box = FieldBox(edit, self)
        self.fields[path] = box
        form.addRow(self._label(label, edit, path), box)
        edit.textEdited.connect(self._mark_dirty)
        edit.editingFinished.connect(partial(self._field_finished, path))
        return edit

    def _build(self) -> None:
        t = self.tr
        self.banner = ActionBanner(t("Подставить"), t("Скрыть"), self)
        self.banner.accepted.connect(self.apply_found_applicant)

        person = QGroupBox(t("Заявитель"), self)
        pf = QFormLayout(person)
        self.last_name = self._line(chk.LAST, t("Фамилия*"), pf)
        self.first_name = self._line(chk.FIRST, t("Имя*"), pf)
        self.middle_name = self._line(chk.MIDDLE, t("Отчество"), pf)
        self.birth_date = self._line(chk.BIRTH, t("Дата рождения*"), pf)
        self.snils = self._line(chk.SNILS, t("СНИЛС"), pf)
        self.inn = self._line(chk.INN, t("ИНН"), pf)

        passport = QGroupBox(t("Паспорт"), self)
        ppf = QFormLayout(passport)
        series_number = QWidget(self)
        self.series = MaskedLineEdit(MASKS[chk.SERIES], self)
        self.number_edit = MaskedLineEdit(MASKS[chk.NUMBER], self)
        for path, edit in ((chk.SERIES, self.series), (chk.NUMBER, self.number_edit)):
            edit.setObjectName(path)
            self.fields[path] = FieldBox(edit, self)
            edit.textEdited.connect(self._mark_dirty)
            edit.editingFinished.connect(partial(self._field_finished, path))
        row = QHBoxLayout(series_number)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fields[chk.SERIES], 1)
        row.addWidget(QLabel(t("№"), self))
        row.addWidget(self.fields[chk.NUMBER], 2)
        ppf.addRow(self._label(t("Серия и номер"), self.series, chk.SERIES), series_number)
        self.issued_by = self._line(chk.ISSUED_BY, t("Кем выдан"), ppf)
        self.issued_on = self._line(chk.ISSUED_ON, t("Дата выдачи"), ppf)
        self.division = self._line(chk.DIVISION, t("Код подразделения"), ppf)

        contacts = QGroupBox(t("Контакты"), self)
        cf = QFormLayout(contacts)
        self.phone = self._line(chk.PHONE, t("Телефон"), cf)
        self.address = self._line(chk.ADDRESS, t("Адрес"), cf)

        left = QVBoxLayout()
        for w in (person, passport, contacts):
            left.addWidget(w)
        left.addStretch(1)

        service_box = QGroupBox(t("Услуга и документы"), self)
        sl = QVBoxLayout(service_box)
        self.service_edit = QLineEdit(self)
        self.service_edit.setObjectName("service")
        self.service_edit.setPlaceholderText(t("Начните вводить название услуги"))
        self.fields["service"] = FieldBox(self.service_edit, self)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        popup = self.completer.popup()
        if isinstance(popup, QListView):
            popup.setWordWrap(True)  # long service names shown whole
        if popup is not None:
            popup.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.service_edit.setCompleter(self.completer)
        self.completer.activated.connect(self._service_picked)
        self.service_edit.textEdited.connect(self._mark_dirty)
        self.service_edit.editingFinished.connect(self._service_finished)
        self.service_info = QLabel(self)
        self.service_info.setWordWrap(True)
        self.documents = DocumentsTable(self)
        self.documents.setMinimumHeight(170)
        self.documents_error = QLabel(self)
        self.documents_error.setStyleSheet(ERROR_STYLE)
        self.documents_error.setWordWrap(True)
        self.documents_error.hide()
        service_label = QLabel(t("&Услуга*"), self)
        service_label.setBuddy(self.service_edit)
        sl.addWidget(service_label)
        sl.addWidget(self.fields["service"])
        sl.addWidget(self.service_info)
        docs_row = QHBoxLayout()
        docs_row.addWidget(QLabel(t("Документы (* — обязательные)"), self), 1)
        self.accept_all_button = QPushButton(t("Принять &все"), self)
        self.accept_all_button.setToolTip(t("Отметить все документы списка как принятые (Alt+В)"))
        self.accept_all_button.setAutoDefault(False)
        docs_row.addWidget(self.accept_all_button)
        sl.addLayout(docs_row)
        sl.addWidget(self.documents, 1)
        sl.addWidget(self.documents_error)

        self.subject_box = QGroupBox(t("Сведения для межведомственных запросов"), self)
        self.subject_form = QFormLayout(self.subject_box)
        self.subject_box.hide()

        right = QVBoxLayout()
        right.addWidget(service_box, 1)
        right.addWidget(self.subject_box)

        body = QWidget(self)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 4, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)

        self.form_error = QLabel(self)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(t("&Зарегистрировать"), self)
        self.save_button.setToolTip(t("Сохранить заявление и напечатать расписку (Ctrl+S, Ctrl+Enter)"))
        self.cancel_button = QPushButton(t("О&тмена"), self)
        self.cancel_button.setToolTip(t("Закрыть форму (Esc)"))
        self.save_button.setAutoDefault(True)
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.banner, 3)  # in the bottom row: an offer never moves the fields
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)

        for seq in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.save)
        self.documents.changed.connect(self.mark_required)
        self.documents.changed.connect(self._mark_dirty)
        self.accept_all_button.clicked.connect(self.documents.take_all)
        self._update_tab_order()
        self.mark_required()
        self.geometry_keeper = keep_geometry(self, "newApplication", (1180, 760))
        self.last_name.setFocus()

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [box.editor for path, box in self.fields.items()
                                if path in chk.APPLICANT_PATHS]
        order = {p: i for i, p in enumerate(chk.APPLICANT_PATHS)}
        chain.sort(key=lambda w: order[w.objectName()])
        chain += [self.service_edit, *self.documents.focus_chain()]
        chain += [box.editor for box in self.subject_fields.values()]
        chain += [self.save_button, self.cancel_button]
        for w in chain:
            w.installEventFilter(self)
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- keyboard --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        popup = self.completer.popup()
        if (watched is self.service_edit and event.key() == Qt.Key.Key_Down
                and popup is not None and not popup.isVisible()):
            self.browse_services()
            return True
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and not isinstance(watched, QAbstractButton | QCheckBox)
                and isinstance(watched, QLineEdit | QComboBox | QSpinBox)):
            popup = self.completer.popup()
            if watched is self.service_edit and popup is not None and popup.isVisible():
                return False
            self.focusNextChild()
            return True
        if (isinstance(watched, QCheckBox)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def browse_services(self) -> None:
        """Down in the service field: the whole catalogue (or what matches the text typed) to pick from."""
        text = self.service_edit.text()
        prefix = "" if self.service is not None and text == self.service.name else text
        self.completer.setCompletionPrefix(prefix)
        self.completer.complete()

    def _mark_dirty(self, *_: object) -> None:
        self.dirty = True

    def reject(self) -> None:
        """Esc or «Отмена»: ask before throwing typed data away."""
        if self.saving:
            return
        if self.dirty and not self.confirm_discard(self):
            return
        super().reject()

    # --- catalogue -------------------------------------------------------------

    def _load_services(self) -> None:
        self.service_edit.setEnabled(False)
        self.service_info.setText(self.tr("Загрузка каталога услуг…"))
        Operation(self, self.ctx, partial(catalogue.list_services, self.ctx)) \
            .success(self._services_loaded).failure(self._services_failed).run_in(self.tasks)

    def _services_loaded(self, services: list[ServiceSpec]) -> None:
        self.services = list(services)
        self.completer.model().setStringList([s.name for s in self.services])  # type: ignore[attr-defined]
        self.service_edit.setEnabled(True)
        self.service_info.setText("" if self.services else self.tr("Каталог услуг пуст: загрузите каталог"))

    def _services_failed(self, exc: BaseException) -> None:
        self.service_info.setText(self.tr("Каталог услуг не загружен: {0}").format(error_text(exc)))

    def find_service(self, text: str) -> ServiceSpec | None:
        """Exact name, a code, or the only name that contains the text (case-insensitive)."""
        key = " ".join(text.split()).casefold()
        if not key:
            return None
        for s in self.services:
            if s.name.casefold() == key or s.code.casefold() == key:
                return s
        matches = [s for s in self.services if key in s.name.casefold()]
        return matches[0] if len(matches) == 1 else None

    def _service_picked(self, name: str) -> None:
        svc = self.find_service(name)
        if svc is not None:
            self.choose_service(svc)

    def _service_finished(self) -> None:
        if not alive(self) or not self.isVisible():
            return
        text = self.service_edit.text()
        if not text.strip():
            self.fields["service"].set_error(None)
            return
        svc = self.find_service(text)
        if svc is None:
            self.fields["service"].set_error(self.tr("Услуга: выберите услугу из каталога (уточните название)"))
            return
        if svc is not self.service:
            self.choose_service(svc)

    def choose_service(self, svc: ServiceSpec) -> None:
        self.service = svc
        self.service_edit.setText(svc.name)
        self.service_edit.setCursorPosition(0)
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        self.fields["service"].set_error(None)
        term = self.tr("рабочих дней") if svc.due_working else self.tr("календарных дней")
        self.service_info.setText(self.tr("{0}. Срок: {1} {2}").format(svc.agency_name, svc.due_days, term))
        self.service_edit.setToolTip(svc.name)
        QTimer.singleShot(0, lambda: self.service_edit.setCursorPosition(0) if alive(self) else None)
        self.documents.set_documents(svc.documents)
        self.documents_error.hide()
        own, extra = chk.needed_by_kinds(svc.request_kinds)
        self.own_needed, self.extra = dict(own), dict(extra)
        self._rebuild_subject(extra)
        self._update_tab_order()
        self.mark_required()

    def current_needed(self) -> dict[str, str]:
        """Field path -> the request kind that needs it, for the chosen service and the documents ticked."""
        needed = dict(self.own_needed)
        docs = {d.code for d in self.service.documents} if self.service else set()
        for name, kind in subject_fields.needed_fields(self.extra, docs, self.documents.taken_codes()).items():
            needed[f"subject.{name}"] = kind
        return needed

    def _rebuild_subject(self, extra: dict[str, str]) -> None:
        old = {path: box.editor.text() for path, box in self.subject_fields.items()
               if isinstance(box.editor, QLineEdit)}
        while self.subject_form.rowCount():
            self.subject_form.removeRow(0)
        self.subject_fields = {}
        self.labels = {p: v for p, v in self.labels.items() if not p.startswith("subject.")}
        for name, kind in extra.items():
            path = f"subject.{name}"
            edit = MaskedLineEdit("", self)
            edit.setObjectName(path)
            edit.setToolTip(self.tr("Нужно для запроса «{0}»").format(kind))
            edit.setText(old.get(path, ""))
            box = FieldBox(edit, self)
            edit.textEdited.connect(self._mark_dirty)
            edit.editingFinished.connect(partial(self._field_finished, path))
            self.subject_fields[path] = box
            self.subject_form.addRow(self._label(subject_label(name), edit, path), box)
        self.subject_box.setVisible(bool(extra))

    # --- live validation -------------------------------------------------------

    def values(self) -> dict[str, str]:
        out = {path: box.editor.value() for path, box in self.fields.items()  # type: ignore[attr-defined]
               if path in chk.APPLICANT_PATHS}
        out.update({path: box.editor.value() for path, box in self.subject_fields.items()})  # type: ignore[attr-defined]
        return out

    def box_for(self, path: str) -> FieldBox | None:
        return self.fields.get(path) or self.subject_fields.get(path)

    def check(self, path: str, final: bool = False) -> str | None:
        message = chk.check_field(path, self.values(), self.ctx.now().date(), self.current_needed(), final)
        box = self.box_for(path)
        if box is not None:
            box.set_error(message)
        if message is None and self.status_label.text() == FIX_FIELDS and not self._any_field_error():
            self.status_label.setText("")
        return message

    def _any_field_error(self) -> bool:
        boxes = [*self.fields.values(), *self.subject_fields.values()]
        return any(b.error() for b in boxes) or self.documents_error.isVisibleTo(self)

    def _field_finished(self, path: str) -> None:
        if not alive(self) or not self.isVisible():
            return  # focus leaves the last field while the closed form is being destroyed
        if self.check(path) is None:
            if path == chk.SNILS:
                self._lookup_snils()
            elif path in (chk.SERIES, chk.NUMBER):
                self._lookup_passport()
        if path == chk.BIRTH and self.values().get(chk.ISSUED_ON):
            self.check(chk.ISSUED_ON)

    # --- known applicant ---------------------------------------------------------

    def _lookup_snils(self) -> None:
        value = self.snils.value()  # type: ignore[attr-defined]
        if value:
            self._lookup(("snils", value), snils=value)

    def _lookup_passport(self) -> None:
        series, number = self.series.value(), self.number_edit.value()
        if series and number and self.check(chk.SERIES) is None and self.check(chk.NUMBER) is None:
            self._lookup(("passport", series, number), passport_series=series, passport_number=number)

    def _lookup(self, key: tuple, **query: str) -> None:
        if key in self._looked_up:
            return
        self._looked_up.add(key)
        Operation(self, self.ctx, partial(applicants.lookup, self.ctx, self.actor, **query)) \
            .success(partial(self._lookup_done, key[0])).failure(self._lookup_failed).run_in(self.tasks)

    def _lookup_done(self, by: str, found: ApplicantState | None) -> None:
        if found is None or self._matches_form(found):
            return
        self.found_applicant = found
        name, born = found.full_name, chk.ru_date(found.birth_date)
        typed = self.values()
        if typed.get(chk.LAST) or typed.get(chk.BIRTH):  # another person's data is already typed in
            what = self.tr("СНИЛС") if by == "snils" else self.tr("Паспорт")
            box = self.fields[chk.SNILS if by == "snils" else chk.SERIES]
            box.set_error(self.tr("{0} уже указан у другого заявителя: {1}").format(what, name))
            self.banner.offer(self.tr("Внимание: {0} уже указан у заявителя {1}, {2} г. р. Сверьте документ; "
                                      "подставляйте, только если это тот же человек.").format(what, name, born),
                              warning=True, action_text=self.tr("Это он — подставить"))
            return
        self.banner.offer(self.tr("Найден заявитель {0}, {1} г. р. — подставить данные?").format(name, born),
                          action_text=self.banner.default_action_text)

    def _lookup_failed(self, exc: BaseException) -> None:
        self.status_label.setText(self.tr("Поиск заявителя не выполнен: {0}").format(error_text(exc)))

    def _matches_form(self, found: ApplicantState) -> bool:
        v = self.values()
        return (v.get(chk.LAST, "").casefold() == (found.last_name or "").casefold()
                and v.get(chk.FIRST, "").casefold() == (found.first_name or "").casefold()
                and v.get(chk.BIRTH) == chk.ru_date(found.birth_date))

    def apply_found_applicant(self) -> None:
        """Fill the applicant fields from the known applicant the banner offered."""
        a = self.found_applicant
        if not a:
            return
        p = a.passport or PassportState("", "")
        texts = {
            chk.LAST: a.last_name, chk.FIRST: a.first_name, chk.MIDDLE: a.middle_name,
            chk.BIRTH: chk.ru_date(a.birth_date), chk.SNILS: a.snils, chk.INN: a.inn,
            chk.SERIES: p.series, chk.NUMBER: p.number, chk.ISSUED_BY: p.issued_by,
            chk.ISSUED_ON: chk.ru_date(p.issued_on), chk.DIVISION: p.division_code,
            chk.PHONE: chk.form_phone(a.phone), chk.ADDRESS: a.address,
        }
        for path, text in texts.items():
            if text:
                self.fields[path].editor.set_value(text)  # type: ignore[attr-defined]
            self.check(path)
        self.dirty = True
        self.banner.hide()
        self.status_label.setText(self.tr("Данные заявителя подставлены — проверьте их с документами"))
        (self.service_edit if not self.service else self.save_button).setFocus()

    # --- saving ----------------------------------------------------------------

    def collect(self) -> tuple[dict, QWidget | None]:
        """The application-file dict, and the first widget whose value is wrong (None when all are right)."""
        first_bad: QWidget | None = None
        for path in (*chk.APPLICANT_PATHS, *self.subject_fields):  # subject fields not needed now pass
            if self.check(path, final=True) and first_bad is None:
                first_bad = self.box_for(path).editor  # type: ignore[union-attr]
        if self.service is None:
            self.fields["service"].set_error(self.tr("Услуга: выберите услугу из каталога"))
            first_bad = first_bad or self.service_edit
        else:
            missing = self.documents.missing_required()
            if missing is not None:
                self._documents_error(self.tr("Документы: не отмечен обязательный документ «{0}»").format(
                    missing.name))
                first_bad = first_bad or self.documents.widget_for_field("documents")
            else:
                self._documents_error(None)
        v = self.values()
        applicant: dict[str, Any] = {
            "last_name": v[chk.LAST], "first_name": v[chk.FIRST], "middle_name": v[chk.MIDDLE] or None,
            "birth_date": chk.iso_date(v[chk.BIRTH]) if first_bad is None else v[chk.BIRTH],
            "snils": v[chk.SNILS] or None, "inn": v[chk.INN] or None,
            "phone": v[chk.PHONE] or None, "address": v[chk.ADDRESS] or None,
        }
        if any(v[p] for p in chk.PASSPORT_PATHS):
            applicant["passport"] = {
                "series": v[chk.SERIES], "number": v[chk.NUMBER], "issued_by": v[chk.ISSUED_BY],
                "issued_on": chk.iso_date(v[chk.ISSUED_ON]) if first_bad is None else v[chk.ISSUED_ON],
                "division_code": v[chk.DIVISION] or None,
            }
        data: dict[str, Any] = {
            "service": self.service.code if self.service else "",
            "applicant": {k: val for k, val in applicant.items() if val is not None},
            "documents": self.documents.taken(),
        }
        needed = self.current_needed()
        subject = {path.removeprefix("subject."): v[path] for path in self.subject_fields
                   if v.get(path) and path in needed}
        if subject:
            data["subject"] = subject
        return data, first_bad

    def _documents_error(self, message: str | None) -> None:
        self.documents_error.setText(message or "")
        self.documents_error.setVisible(bool(message))

    def save(self) -> None:
        if self.saving or self.number is not None:
            return
        self.form_error.hide()
        data, first_bad = self.collect()
        if first_bad is not None:
            first_bad.setFocus()
            self.status_label.setText(FIX_FIELDS)
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Регистрация…"))
        Operation(self, self.ctx, partial(applications.register, self.ctx, self.actor, data)) \
            .success(self._registered).failure(self._register_failed).run_in(self.tasks)

    def _register_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.status_label.setText(self.tr("Заявление не зарегистрировано"))
        message = error_text(exc)
        field = exc.field if isinstance(exc, DomainError) else None
        widget = self.show_field_error(field, message) if field else None
        if widget is None:
            self.form_error.setText(message)
            self.form_error.show()
        else:
            widget.setFocus()

    def show_field_error(self, field: str, message: str) -> QWidget | None:
        """Put a service refusal beside the widget its field path names; the widget, or None."""
        if field == "applicant.passport":
            field = chk.SERIES
        box = self.box_for(field) or (self.fields["service"] if field == "service" else None)
        if box is not None:
            box.set_error(message)
            return box.editor
        if field.startswith("documents"):
            self._documents_error(message)
            return self.documents.widget_for_field(field)
        return None

    def _registered(self, reg: applications.Registered) -> None:
        self.saving = False
        self.dirty = False
        self.number = reg.number
        self.registered.emit(reg.number)
        due = chk.ru_date(reg.due_date) + (self.tr(" (предварительно)") if reg.due_date_provisional else "")
        self.status_label.setText(self.tr("Зарегистрировано № {0}, срок {1}. Готовится расписка…").format(
            reg.number, due))
        Operation(self, self.ctx, partial(receipt_job, self.ctx, self.actor, reg.number)) \
            .success(self._receipt_ready).failure(self._receipt_failed).run_in(self.tasks)

    def _preview_parent(self) -> QWidget | None:
        return self.parentWidget()

    def _receipt_ready(self, result: tuple[bytes, str, int]) -> None:
        pdf, printer, copies = result
        assert self.number is not None
        self.preview = PdfPreviewDialog(pdf, self.tr("Расписка № {0}").format(self.number), self._preview_parent(),
                                        file_name=document_file_name(self.tr("Расписка"), self.number),
                                        printer_name=printer or None,
                                        copies=copies)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.show()
        QTimer.singleShot(0, self.accept)

    def _receipt_failed(self, exc: BaseException) -> None:
        show_message(self._preview_parent(), self.tr("Расписка"),
                     self.tr("Заявление № {0} зарегистрировано, но расписку подготовить не удалось: {1}\n"
                             "Напечатайте её из карточки заявления.").format(self.number, error_text(exc)))
        self.accept()
