"""The application window's agency-leg actions: «Передать в ведомство» (electronic, or in the paper register
that is printed), «Внести результат», «Выдать результат», «Вернуть в ведомство» (the return register).
Every irreversible act is confirmed first; refusals are shown in Russian beside the field they name."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clerk_app.domain.enums import HandoverWay
from clerk_app.domain.errors import DomainError
from clerk_app.services import registers
from ui.agency import jobs
from ui.agency.issue_dialog import IssueDialog
from ui.agency.result_dialog import ResultDialog, choose_scan
from ui.application.action_bar import handover_needs_override
from ui.application.loading import agency_document_job
from ui.forms.applicant_checks import ru_date
from ui.forms.reason_dialog import ReasonDialog
from ui.pdf_preview import document_file_name
from ui.widgets.messages import error_text

if TYPE_CHECKING:
    from ui.application_view import ApplicationView

SCAN_FIELD = re.compile(r"documents\[(?P<code>[^\]]+)\]\.scans")
FileChooser = Callable[[QWidget], str | None]


def _numbers(numbers: tuple[str, ...], limit: int = 6) -> str:
    shown = ", ".join(numbers[:limit])
    return shown + (f" и ещё {len(numbers) - limit}" if len(numbers) > limit else "")


class AgencyLeg(QObject):
    """Runs the acts for `view` (through its `_run`, so the GUI thread never waits for the database)."""

    def __init__(self, view: ApplicationView, choose_file: FileChooser | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.choose_file = choose_file or choose_scan
        self.result_dialog: ResultDialog | None = None
        self.issue_dialog: IssueDialog | None = None
        self.override_dialog: ReasonDialog | None = None

    @property
    def _agency_name(self) -> str:
        data = self.view.data
        if data is None:
            return ""
        return data.service.agency_name if data.service else data.state.agency

    def _confirm(self, text: str) -> bool:
        return self.view.confirm(self.view, text)

    # --- handing over ------------------------------------------------------------

    def handover(self) -> None:
        v = self.view
        if v.data is None:
            return
        if handover_needs_override(v.data, v.actor):
            dialog = ReasonDialog(self.tr("Передача дела при незавершённых запросах"),
                                  self.tr("Запросы по делу не завершены или не направлены. Основание, по которому "
                                          "руководитель разрешает передать дело (попадёт в журнал и в реестр):"),
                                  self.tr("Разрешить и передать"), v)
            dialog.submitted.connect(self._handover)
            self.override_dialog = dialog
            dialog.open()
            return
        self._handover(None)

    def _handover(self, override: str | None) -> None:
        v = self.view
        assert v.data is not None
        st, agency = v.data.state, self._agency_name
        if st.handover_way == HandoverWay.ELECTRONIC:
            if not self._confirm(self.tr("Передать дело № {0} в «{1}» в электронном виде?\n\nДело с документами и "
                                         "ответами на запросы уйдёт в ведомство при ближайшей синхронизации. "
                                         "Отменить передачу нельзя.").format(v.number, agency)):
                return
            v._run(self.tr("Передача дела в ведомство"), partial(jobs.hand_over, v.ctx, v.actor, v.number, override),
                   lambda _: v.status_label.setText(self.tr("Дело передано в «{0}»; оно уйдёт в ведомство при "
                                                            "ближайшей синхронизации").format(agency)),
                   self._handover_failed)
            return
        v._run(self.tr("Проверка готовности дела к передаче"),
               partial(jobs.plan_register, v.ctx, v.actor, v.number, st.agency, override),
               self._confirm_register, self._handover_failed)

    def _confirm_register(self, plan: jobs.RegisterPlan) -> None:
        v = self.view
        if not self._confirm(self.tr("Дело № {0} передаётся в «{1}» на бумаге, по реестру передачи.\n\n"
                                     "В реестр войдут все готовые к передаче дела этого ведомства: {2} ({3}).\n"
                                     "Печать реестра и есть передача: отменить её нельзя. Напечатать реестр?")
                             .format(v.number, self._agency_name, len(plan.numbers), _numbers(plan.numbers))):
            v.status_label.setText(self.tr("Дело готово к передаче; реестр не напечатан"))
            return
        v._run(self.tr("Печать реестра передачи"), partial(jobs.print_handover_register, v.ctx, v.actor, plan.agency),
               partial(self._show_register, self.tr("Реестр передачи")))

    def _show_register(self, kind: str, printed: registers.RegisterPrinted) -> None:
        v = self.view
        v._show_pdf(self.tr("{0} № {1}").format(kind, printed.register_number),
                    document_file_name(kind, printed.register_number), printed.pdf)
        v.status_label.setText(self.tr("{0} № {1} напечатан: дел в нём {2}").format(
            kind, printed.register_number, len(printed.numbers)))

    def _handover_failed(self, exc: BaseException) -> None:
        """A missing scan is offered to be attached at once; other refusals are shown as they are."""
        v = self.view
        message = error_text(exc)
        v._show_error(message)
        match = SCAN_FIELD.fullmatch(exc.field or "") if isinstance(exc, DomainError) else None
        if match is None:
            return
        if not self._confirm(self.tr("{0}\n\nПриложить скан сейчас?").format(message)):
            return
        path = self.choose_file(v)
        if path:
            v._run(self.tr("Добавление скана"), partial(jobs.add_scan, v.ctx, v.actor, v.number, match["code"], path),
                   lambda _: v.status_label.setText(self.tr("Скан приложен — теперь дело можно передать")))

    # --- the agency's result -------------------------------------------------------

    def record_result(self) -> ResultDialog | None:
        v = self.view
        if v.data is None:
            return None
        grounds = v.data.service.refusal_grounds if v.data.service else ()
        dialog = ResultDialog(v.number, self._agency_name, grounds, v, choose_file=self.choose_file)
        dialog.submitted.connect(self._result_submitted)
        self.result_dialog = dialog
        dialog.open()
        return dialog

    def _result_submitted(self, values: dict[str, Any]) -> None:
        v, dialog = self.view, self.result_dialog
        assert dialog is not None
        outcome = self.tr("услуга предоставлена") if values["approve"] else self.tr("отказ")
        if not self._confirm(self.tr("Внести результат ведомства по заявлению № {0}: {1}, документ № {2} от {3}?\n\n"
                                     "Исправить внесённый результат нельзя.").format(
                v.number, outcome, values["document_number"] or "—", ru_date(values["document_date"]))):
            return
        v._run(self.tr("Внесение результата ведомства"), partial(jobs.record_result, v.ctx, v.actor, v.number, values),
               lambda _: dialog.accept(), partial(self._dialog_failed, dialog))

    def _dialog_failed(self, dialog: ResultDialog | IssueDialog, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, DomainError) else None
        dialog.show_error(field, error_text(exc))

    # --- issuing -----------------------------------------------------------------

    def issue(self) -> IssueDialog | None:
        v = self.view
        if v.data is None:
            return None
        dialog = IssueDialog(v.number, v.data.state.applicant.full_name, v)
        dialog.submitted.connect(self._issue_submitted)
        self.issue_dialog = dialog
        dialog.open()
        return dialog

    def _issue_submitted(self, representative: dict[str, Any] | None) -> None:
        v, dialog = self.view, self.issue_dialog
        assert dialog is not None and v.data is not None
        if representative is None:
            whom = self.tr("заявителю {0}").format(v.data.state.applicant.full_name)
        else:
            poa = representative["power_of_attorney"]
            whom = self.tr("представителю {0} по доверенности № {1} (действует до {2})").format(
                representative["full_name"] or "—", poa["number"] or "—", ru_date(poa["valid_until"]))
        if not self._confirm(self.tr("Выдать результат по заявлению № {0} {1}?\n\nОтменить выдачу нельзя.").format(
                v.number, whom)):
            return
        v._run(self.tr("Выдача результата"), partial(jobs.issue, v.ctx, v.actor, v.number, representative),
               lambda _: dialog.accept(), partial(self._dialog_failed, dialog))

    # --- returning an unclaimed result -------------------------------------------------

    def return_to_agency(self) -> None:
        v = self.view
        if v.data is None:
            return
        v._run(self.tr("Подбор невостребованных результатов"),
               partial(jobs.plan_return, v.ctx, v.actor, v.data.state.agency), self._confirm_return)

    def _confirm_return(self, plan: jobs.ReturnPlan) -> None:
        v = self.view
        if v.number not in plan.numbers:
            v._show_error(self.tr("Срок хранения результата ещё не истёк: возвращать его в ведомство рано"))
            return
        until = ru_date(v.data.state.storage_until) if v.data else ""
        if not self._confirm(self.tr("Результат по заявлению № {0} не востребован (срок хранения истёк {1}).\n\n"
                                     "В реестр возврата в «{2}» войдут все невостребованные результаты этого "
                                     "ведомства: {3} ({4}).\nПечать реестра и есть возврат: отменить его нельзя. "
                                     "Напечатать реестр возврата?").format(
                v.number, until, self._agency_name, len(plan.numbers), _numbers(plan.numbers))):
            return
        v._run(self.tr("Печать реестра возврата"),
               partial(jobs.print_return_register, v.ctx, v.actor, plan.agency, plan.as_of),
               partial(self._show_register, self.tr("Реестр возврата")))

    # --- the agency's documents -----------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        """One viewer per document (keyed apart from the answers' attachments)."""
        v, key = self.view, -document_id
        if not v.viewers.begin(key):
            return
        v._op(partial(agency_document_job, v.ctx, v.actor, document_id)) \
            .success(partial(v._attachment_ready, key)).failure(partial(v._attachment_failed, key)).run_in(v.tasks)

