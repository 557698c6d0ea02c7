"""The clerk's new-application form: typed from the keyboard, checked as typed, registered off the GUI thread.

Its parts: the typed fields (`form_fields`), the service field (`service_picker`), the known-applicant
lookup (`applicant_lookup`) and what is registered (`registration`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain import subject_fields
from clerk_app.domain.application import ApplicantState
from clerk_app.domain.errors import DomainError
from clerk_app.services import applications
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.forms import applicant_checks as chk
from ui.forms.applicant_lookup import ApplicantLookup
from ui.forms.documents_table import DocumentsTable
from ui.forms.form_fields import MASKS, FormFields
from ui.forms.registration import application_data, ask_discard, receipt_job
from ui.forms.service_picker import ServicePicker
from ui.geometry import keep_geometry
from ui.operations import Operation, alive
from ui.delivery import count_deliveries
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.tasks import TaskRunner
from ui.widgets.banner import ActionBanner
from ui.widgets.field_box import ERROR_STYLE, FieldBox
from ui.widgets.messages import error_text, show_message

__all__ = ["MASKS", "NewApplicationDialog", "ask_discard", "receipt_job"]
FIX_FIELDS = "Исправьте поля, отмеченные красным"


class NewApplicationDialog(QDialog):
    """Registers one application; `registered(number)` when stored, then the receipt preview opens."""

    registered = Signal(str)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None, *,
                 confirm_discard: Callable[[QWidget], bool] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks = ctx, actor, tasks
        self.confirm_discard = confirm_discard or ask_discard
        self.setWindowTitle(self.tr("Новое заявление"))
        self.service: ServiceSpec | None = None
        self.extra: dict[str, str] = {}
        self.own_needed: dict[str, str] = {}
        self.number: str | None = None
        self.preview: PdfPreviewDialog | None = None
        self.dirty = False
        self.saving = False
        self._build()
        self.picker.load()

    # --- building ------------------------------------------------------------

    def _build(self) -> None:
        t = self.tr
        self.banner = ActionBanner(t("Подставить"), t("Скрыть"), self)
        self.form_fields = ff = FormFields(self, self._mark_dirty, self._field_finished)
        self.fields = ff.fields
        groups = ff.build_applicant()
        e = ff.editors
        self.last_name, self.first_name, self.middle_name = e[chk.LAST], e[chk.FIRST], e[chk.MIDDLE]
        self.birth_date, self.snils, self.inn = e[chk.BIRTH], e[chk.SNILS], e[chk.INN]
        self.series, self.number_edit, self.issued_by = e[chk.SERIES], e[chk.NUMBER], e[chk.ISSUED_BY]
        self.issued_on, self.division = e[chk.ISSUED_ON], e[chk.DIVISION]
        self.phone, self.address = e[chk.PHONE], e[chk.ADDRESS]
        self.lookup = ApplicantLookup(self)
        left = QVBoxLayout()
        for w in groups:
            left.addWidget(w)
        left.addStretch(1)

        self.picker = ServicePicker(self.ctx, self.tasks, self)
        self.picker.picked.connect(self.choose_service)
        self.service_edit, self.completer = self.picker.edit, self.picker.completer
        self.service_info = self.picker.info
        self.service_edit.textEdited.connect(self._mark_dirty)
        self.fields["service"] = self.picker.box
        service_box = QGroupBox(t("Услуга и документы"), self)
        sl = QVBoxLayout(service_box)
        self.documents = DocumentsTable(self)
        self.documents.setMinimumHeight(170)
        self.documents_error = QLabel(self)
        self.documents_error.setStyleSheet(ERROR_STYLE)
        self.documents_error.setWordWrap(True)
        self.documents_error.hide()
        service_label = QLabel(t("&Услуга*"), self)
        service_label.setBuddy(self.service_edit)
        sl.addWidget(service_label)
        sl.addWidget(self.picker.box)
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

        right = QVBoxLayout()
        right.addWidget(service_box, 1)
        right.addWidget(ff.subject_box)
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

    @property
    def services(self) -> list[ServiceSpec]:
        return self.picker.services

    @property
    def labels(self) -> dict[str, tuple[QLabel, str]]:
        return self.form_fields.labels

    @property
    def subject_fields(self) -> dict[str, FieldBox]:
        return self.form_fields.subject_fields

    @property
    def found_applicant(self) -> ApplicantState | None:
        return self.lookup.found

    def _update_tab_order(self) -> None:
        order = {p: i for i, p in enumerate(chk.APPLICANT_PATHS)}
        editors = self.form_fields.editors
        chain: list[QWidget] = [editors[p] for p in sorted(editors, key=lambda p: order[p])]
        chain += [self.service_edit, *self.documents.focus_chain()]
        chain += [box.editor for box in self.subject_fields.values()]
        chain += [self.save_button, self.cancel_button]
        for w in chain:
            w.installEventFilter(self)
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- keyboard --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter moves to the next field (but picks from the open service list)."""
        if (not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress
                or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                or event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            return super().eventFilter(watched, event)
        if isinstance(watched, QLineEdit | QComboBox | QSpinBox) and not isinstance(watched, QAbstractButton):
            if watched is self.service_edit and self.picker.popup_visible():
                return False
            self.focusNextChild()
            return True
        if isinstance(watched, QCheckBox):
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def browse_services(self) -> None:
        """Down in the service field: the whole catalogue (or what matches the text typed) to pick from."""
        self.picker.browse()

    def _mark_dirty(self, *_: object) -> None:
        self.dirty = True

    def reject(self) -> None:
        """Esc or «Отмена»: ask before throwing typed data away."""
        if self.saving:
            return
        if self.dirty and not self.confirm_discard(self):
            return
        super().reject()

    # --- the service -------------------------------------------------------------

    def find_service(self, text: str) -> ServiceSpec | None:
        return self.picker.find(text)

    def choose_service(self, svc: ServiceSpec) -> None:
        self.service = svc
        self.picker.show_chosen(svc)
        self.documents.set_documents(svc.documents)
        self.documents_error.hide()
        own, extra = chk.needed_by_kinds(svc.request_kinds)
        self.own_needed, self.extra = dict(own), dict(extra)
        self.form_fields.rebuild_subject(extra)
        self._update_tab_order()
        self.mark_required()

    def current_needed(self) -> dict[str, str]:
        """Field path -> the request kind that needs it, for the chosen service and the documents ticked."""
        needed = dict(self.own_needed)
        docs = {d.code for d in self.service.documents} if self.service else set()
        for name, kind in subject_fields.needed_fields(self.extra, docs, self.documents.taken_codes()).items():
            needed[f"subject.{name}"] = kind
        return needed

    def mark_required(self) -> None:
        """Asterisks on the fields required now: always, by the chosen service's requests, or by a document."""
        self.form_fields.mark_required(self.current_needed())

    # --- live validation -------------------------------------------------------

    def values(self) -> dict[str, str]:
        return self.form_fields.values()

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
        return self.form_fields.any_error() or self.documents_error.isVisibleTo(self)

    def _field_finished(self, path: str) -> None:
        if not alive(self) or not self.isVisible():
            return  # focus leaves the last field while the closed form is being destroyed
        if self.check(path) is None:
            if path == chk.SNILS:
                self.lookup.by_snils()
            elif path in (chk.SERIES, chk.NUMBER):
                self.lookup.by_passport()
        if path == chk.BIRTH and self.values().get(chk.ISSUED_ON):
            self.check(chk.ISSUED_ON)

    def apply_found_applicant(self) -> None:
        self.lookup.apply_found()

    # --- saving ----------------------------------------------------------------

    def collect(self) -> tuple[dict, QWidget | None]:
        """The application-file dict, and the first widget whose value is wrong (None when all are right)."""
        first_bad: QWidget | None = None
        for path in (*chk.APPLICANT_PATHS, *self.subject_fields):  # subject fields not needed now pass
            box = self.box_for(path)
            if self.check(path, final=True) and first_bad is None and box is not None:
                first_bad = box.editor
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
        data = application_data(self.values(), self.service.code if self.service else "", self.documents.taken(),
                                self.current_needed(), checked=first_bad is None)
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
        box = self.box_for(field)
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

    def _receipt_ready(self, result: tuple[bytes, str, int]) -> None:
        pdf, printer, copies = result
        assert self.number is not None
        self.preview = PdfPreviewDialog(pdf, self.tr("Расписка № {0}").format(self.number), self.parentWidget(),
                                        file_name=document_file_name(self.tr("Расписка"), self.number),
                                        printer_name=printer or None, copies=copies)
        count_deliveries(self.preview, self.ctx, self.actor, self.tasks, self.number, "receipt")
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.show()
        QTimer.singleShot(0, self.accept)

    def _receipt_failed(self, exc: BaseException) -> None:
        show_message(self.parentWidget(), self.tr("Расписка"),
                     self.tr("Заявление № {0} зарегистрировано, но расписку подготовить не удалось: {1}\n"
                             "Напечатайте её из карточки заявления.").format(self.number, error_text(exc)))
        self.accept()
