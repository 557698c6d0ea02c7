"""The screens the main window opens (application, form, attention, administration, reports, first run,
the receipt preview), tracked so that they close with the window or when the operator changes."""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from clerk_app.services.roles import Perm
from ui.operations import Operation
from ui.delivery import count_deliveries
from ui.pdf_preview import PdfPreviewDialog, document_file_name
from ui.widgets.messages import show_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Screens(QObject):
    """Opens the window's other screens; `open_windows` are those open now."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.open_windows: list[QWidget] = []
        self.first_run: QDialog | None = None
        self.last_preview: QDialog | None = None

    def track(self, widget: QWidget) -> QWidget:
        self.open_windows.append(widget)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        widget.destroyed.connect(lambda *_, w=widget: self.open_windows.remove(w) if w in self.open_windows else None)
        return widget

    def close_all(self) -> None:
        for w in list(self.open_windows):
            w.close()
        self.open_windows.clear()

    def _load(self, module: str, name: str) -> Any:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            show_message(self.window, self.tr("Функция недоступна"),
                         self.tr("Этот экран не установлен в данной версии программы ({0}).").format(exc))
            return None

    def _show(self, dialog: QDialog) -> QDialog:
        self.track(dialog)
        dialog.show()
        return dialog

    # --- applications ------------------------------------------------------------

    def print_receipt(self, number: str | None) -> None:
        """The receipt of an application, in a preview with «Печать»."""
        w = self.window
        if not number or not w.actor.can(Perm.PRINT):
            w.status.showMessage(self.tr("Выберите заявление в списке, чтобы напечатать его расписку"), 5000)
            return
        from ui.forms.registration import receipt_job

        w.status.showMessage(self.tr("Подготовка расписки {0}…").format(number), 5000)
        Operation(w, w.ctx, partial(receipt_job, w.ctx, w.actor, number)) \
            .success(partial(self._show_receipt, number)).failure(w.show_error).run_in(w.tasks)

    def _show_receipt(self, number: str, result: tuple[bytes, str, int]) -> None:
        w = self.window
        pdf, printer, copies = result
        preview = PdfPreviewDialog(pdf, self.tr("Расписка № {0}").format(number), self.window,
                                   file_name=document_file_name(self.tr("Расписка"), number),
                                   printer_name=printer or None, copies=copies)
        count_deliveries(preview, w.ctx, w.actor, w.tasks, number, "receipt")
        self._show(preview)
        self.last_preview = preview

    def open_application(self, number: str) -> QDialog | None:
        w = self.window
        cls = self._load("ui.application_view", "ApplicationView")
        if cls is None:
            return None
        return self._show(cls(w.ctx, w.actor, w.tasks, number, parent=w))

    def open_new_application(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.REGISTER):
            return None
        cls = self._load("ui.forms.new_application", "NewApplicationDialog")
        if cls is None:
            return None
        dialog = cls(w.ctx, w.actor, w.tasks, parent=w)
        dialog.registered.connect(
            lambda number: w.status.showMessage(self.tr("Зарегистрировано заявление {0}").format(number), 10000))
        return self._show(dialog)

    # --- other screens -----------------------------------------------------------

    def open_attention(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.RESOLVE_OUTBOX):
            return None
        from ui.attention_dialog import AttentionDialog

        return self._show(AttentionDialog(w.ctx, w.actor, w.tasks, parent=w))

    def open_registers(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.PRINT):
            return None
        from ui.agency.registers_dialog import RegistersDialog

        return self._show(RegistersDialog(w.ctx, w.actor, w.tasks, parent=w))

    def open_settings(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.MANAGE_SETTINGS):
            return None
        from ui.admin.settings_dialog import SettingsDialog

        dialog = SettingsDialog(w.ctx, w.actor, w.tasks, parent=w)
        dialog.saved.connect(w.settings_saved)
        return self._show(dialog)

    def open_operators(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.MANAGE_OPERATORS):
            return None
        from ui.admin.operators_dialog import OperatorsDialog

        return self._show(OperatorsDialog(w.ctx, w.actor, w.tasks, parent=w))

    def open_audit(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.READ_AUDIT):
            return None
        from ui.admin.audit_dialog import AuditDialog

        return self._show(AuditDialog(w.ctx, w.actor, w.tasks, parent=w))

    def show_first_run(self) -> QDialog:
        from ui.first_run import FirstRunDialog

        if self.first_run is not None and shiboken6.isValid(self.first_run):
            self.first_run.raise_()
            self.first_run.activateWindow()
            return self.first_run
        w = self.window
        dialog = FirstRunDialog(w.ctx, w.actor, w.tasks, parent=w)
        dialog.catalogue_changed.connect(w.reload_services)
        dialog.new_application.connect(w.open_new_application)
        self.first_run = dialog
        self._show(dialog)
        return dialog

    def open_reports(self) -> QDialog | None:
        w = self.window
        if not w.actor.can(Perm.REPORTS):
            return None
        from ui.reports.reports_window import ReportsWindow

        opener = w.open_application if w.actor.can(Perm.VIEW) else None
        return self._show(ReportsWindow(w.ctx, w.actor, w.tasks, opener, parent=w))

    def show_about(self) -> None:
        show_message(self.window, self.tr("О программе"),
                     self.tr("Рабочее место оператора МФЦ.\nПриём заявлений, межведомственные запросы, "
                             "решения и выдача результатов; работа без связи со шлюзом."),
                     QMessageBox.Icon.Information)
