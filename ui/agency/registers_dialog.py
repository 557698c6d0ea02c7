"""«Реестры передачи и возврата»: an agency's numbered handover register (the cases ready to go on paper) or
return register (results unclaimed past their storage term), the cases it takes listed first; printing it
is the act, so it is confirmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.application import ApplicationState
from clerk_app.services import catalogue, handover, issuing, registers
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.agency import jobs
from ui.operations import Operation
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.tasks import TaskRunner
from ui.widgets.field_box import ERROR_STYLE
from ui.widgets.messages import error_text

Confirm = Callable[[QWidget, str], bool]


def _row(st: ApplicationState, services: dict[str, str]) -> str:
    return f"{st.number} — {st.applicant.full_name} — {services.get(st.service, st.service)}"


def handover_list(ctx: AppContext, actor: Actor, agency: str,
                  services: dict[str, str]) -> tuple[tuple[str, ...], date | None]:
    """The cases the agency's next handover register takes, as rows of the list."""
    return tuple(_row(st, services) for st in handover.register_candidates(ctx, actor, agency)), None


def return_list(ctx: AppContext, actor: Actor, agency: str,
                services: dict[str, str]) -> tuple[tuple[str, ...], date | None]:
    """The agency's results unclaimed past their storage term today, as rows of the list."""
    as_of = ctx.now().date()
    return tuple(_row(v.state, services) for v in issuing.unclaimed(ctx, actor, as_of)
                 if v.state.agency == agency), as_of


class RegistersDialog(QDialog):
    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None, *,
                 confirm: Confirm | None = None) -> None:
        super().__init__(parent)
        from ui.application_view import ask_confirm

        self.ctx, self.actor, self.tasks = ctx, actor, tasks
        self.confirm = confirm or ask_confirm
        self.numbers: tuple[str, ...] = ()
        self.as_of: date | None = None
        self.preview: PdfPreviewDialog | None = None
        t = self.tr
        self.setWindowTitle(t("Реестры передачи и возврата"))
        self.handover_radio = QRadioButton(t("Реестр &передачи дел в ведомство (услуги с передачей на бумаге)"), self)
        self.return_radio = QRadioButton(t("Реестр &возврата невостребованных результатов"), self)
        self.handover_radio.setChecked(True)
        self.agency_combo = QComboBox(self)
        self.agency_combo.setMinimumContentsLength(30)
        self.cases = QListWidget(self)
        self.count_label = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.print_button = QPushButton(t("&Напечатать реестр…"), self)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_register)
        self.close_button = QPushButton(t("&Закрыть"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(t("&Ведомство"), self.agency_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.handover_radio)
        layout.addWidget(self.return_radio)
        layout.addLayout(form)
        layout.addWidget(QLabel(t("Дела, которые войдут в реестр:"), self))
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(640, 420)
        self.services: list[ServiceSpec] = []
        self.handover_radio.toggled.connect(lambda *_: self._fill_agencies())
        self.agency_combo.currentIndexChanged.connect(lambda *_: self.refresh())
        Operation(self, None, partial(catalogue.list_services, ctx)).success(self._services) \
            .failure(self._failed).run_in(tasks)

    @property
    def returning(self) -> bool:
        return self.return_radio.isChecked()

    def _services(self, services: list[ServiceSpec]) -> None:
        self.services = list(services)
        self._fill_agencies()

    def _fill_agencies(self) -> None:
        """Agencies that take cases on paper (handover), or any the catalogue names (return)."""
        agencies = {s.agency_code: s.agency_name for s in self.services
                    if self.returning or (s.agency_decides and s.handover == "register")}
        self.agency_combo.blockSignals(True)
        self.agency_combo.clear()
        for code, name in sorted(agencies.items(), key=lambda a: a[1]):
            self.agency_combo.addItem(name, code)
        self.agency_combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        agency = self.agency_combo.currentData()
        self.cases.clear()
        self.print_button.setEnabled(False)
        self.error_label.setText("")
        if not agency:
            self.count_label.setText(self.tr("Нет ведомств для такого реестра"))
            return
        self.count_label.setText(self.tr("Подбор дел…"))
        job = return_list if self.returning else handover_list
        names = {svc.code: svc.name for svc in self.services}
        Operation(self, self.ctx, partial(job, self.ctx, self.actor, agency, names)) \
            .success(partial(self._listed, agency, self.returning)).failure(self._failed).run_in(self.tasks)

    def _listed(self, agency: str, returning: bool, result: tuple[tuple[str, ...], date | None]) -> None:
        if agency != self.agency_combo.currentData() or returning != self.returning:
            return  # the clerk chose another meanwhile
        self.numbers, self.as_of = result
        self.cases.addItems(list(self.numbers))
        self.count_label.setText(self.tr("Дел: {0}").format(len(self.numbers)) if self.numbers
                                 else self.tr("Нет дел для этого реестра"))
        self.print_button.setEnabled(bool(self.numbers))

    def _failed(self, exc: BaseException) -> None:
        self.count_label.setText("")
        self.error_label.setText(error_text(exc))

    def print_register(self) -> None:
        agency, name = self.agency_combo.currentData(), self.agency_combo.currentText()
        kind = self.tr("Реестр возврата") if self.returning else self.tr("Реестр передачи")
        act = self.tr("возврат результатов") if self.returning else self.tr("передача дел")
        if not agency or not self.confirm(self, self.tr(
                "{0} в «{1}»: дел {2}.\n\nПечать реестра и есть {3}: отменить её нельзя. Напечатать?").format(
                kind, name, len(self.numbers), act)):
            return
        self.print_button.setEnabled(False)
        if self.returning:
            job = partial(jobs.print_return_register, self.ctx, self.actor, agency, self.as_of or self.ctx.now().date())
        else:
            job = partial(jobs.print_handover_register, self.ctx, self.actor, agency)
        Operation(self, self.ctx, job).success(partial(self._printed, kind)).failure(self._failed).run_in(self.tasks)

    def _printed(self, kind: str, printed: registers.RegisterPrinted) -> None:
        self.preview = PdfPreviewDialog(printed.pdf, self.tr("{0} № {1}").format(kind, printed.register_number), self,
                                        file_name=document_file_name(kind, printed.register_number))
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview = self.preview
        preview.destroyed.connect(lambda *_: self._forget_preview(preview))
        preview.show()
        self.refresh()

    def _forget_preview(self, preview: PdfPreviewDialog) -> None:
        if self.preview is preview:  # closed and deleted: keep no reference to a dead window
            self.preview = None
