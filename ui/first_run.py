"""«Начало работы»: checks the gateway, loads the service catalogue and says what to do next."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any


from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.services import catalogue
from clerk_app.services.roles import Actor, Perm
from clerk_app.services import readiness
from clerk_app.services.context import AppContext
from ui.geometry import keep_geometry
from ui.russian_qt import file_dialog
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text

OK_STYLE = "color: #1b7a1b; font-weight: bold;"
BAD_STYLE = "color: #b00020; font-weight: bold;"


def ask_catalogue_file(parent: QWidget) -> str:
    dialog = file_dialog(parent, parent.tr("Файл каталога услуг"), "", parent.tr("Каталог услуг (*.json)"),
                         save=False)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


class FirstRunDialog(QDialog):
    """`catalogue_changed` after a catalogue was loaded; `new_application` when the clerk starts work."""

    catalogue_changed = Signal()
    new_application = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None, *,
                 choose_file: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor, self.tasks = ctx, actor, tasks
        self.choose_file = choose_file or ask_catalogue_file
        self.result_: readiness.Readiness | None = None
        self.busy = False
        self.setWindowTitle(self.tr("Начало работы"))
        t = self.tr
        self.gateway_label = QLabel(t("проверяется…"), self)
        self.gateway_label.setWordWrap(True)
        self.catalogue_label = QLabel(t("проверяется…"), self)
        self.catalogue_label.setWordWrap(True)
        self.next_label = QLabel(self)
        self.next_label.setObjectName("nextStep")
        self.next_label.setWordWrap(True)
        self.next_label.setStyleSheet("font-size: 11pt; padding: 8px; background: #eef4fc; border-radius: 3px;")
        form = QFormLayout()
        form.addRow(t("Связь со шлюзом:"), self.gateway_label)
        form.addRow(t("Каталог услуг:"), self.catalogue_label)
        self.check_button = QPushButton(t("&Проверить связь и загрузить каталог"), self)
        self.file_button = QPushButton(t("Загрузить каталог из &файла…"), self)
        self.file_button.setVisible(actor.can(Perm.MANAGE_SETTINGS))
        self.start_button = QPushButton(t("&Новое заявление (F2)"), self)
        self.close_button = QPushButton(t("&Закрыть"), self)
        for b in (self.check_button, self.file_button, self.start_button, self.close_button):
            b.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        self.file_button.clicked.connect(self.load_file)
        self.start_button.clicked.connect(self._start)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        intro = QLabel(t("Перед первым приёмом рабочее место проверяет связь со шлюзом и загружает "
                         "каталог услуг. Без связи можно работать: всё сохраняется и отправится позже."), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.next_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.geometry_keeper = keep_geometry(self, "firstRun", (640, 340))
        self.check()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.check_button, self.file_button):
            b.setEnabled(not busy)

    def check(self) -> None:
        if self.busy:
            return
        self._set_busy(True)
        self.gateway_label.setText(self.tr("проверяется…"))
        self.gateway_label.setStyleSheet("")
        Operation(self, self.ctx, partial(readiness.check, self.ctx)).long() \
            .success(self._checked).failure(self._failed).run_in(self.tasks)

    def _checked(self, r: readiness.Readiness) -> None:
        self._set_busy(False)
        self.result_ = r
        if r.online:
            self.gateway_label.setText(self.tr("есть ({0})").format(r.gateway_url))
            self.gateway_label.setStyleSheet(OK_STYLE)
        else:
            self.gateway_label.setText(self.tr("нет: {0}").format(r.error))
            self.gateway_label.setStyleSheet(BAD_STYLE)
        self._show_catalogue(r.services, self.tr(" (только что загружен со шлюза)") if r.loaded else "")

    def _show_catalogue(self, services: int, note: str = "") -> None:
        t = self.tr
        if services:
            self.catalogue_label.setText(t("услуг: {0}{1}").format(services, note))
            self.catalogue_label.setStyleSheet(OK_STYLE)
            self.next_label.setText(t("Можно принимать заявителей: нажмите F2 или «Новое заявление». "
                                      "Заявления появятся в списке главного окна."))
        else:
            self.catalogue_label.setText(t("не загружен"))
            self.catalogue_label.setStyleSheet(BAD_STYLE)
            if self.actor.can(Perm.MANAGE_SETTINGS):
                step = t("Проверьте адрес шлюза в «Администрирование → Настройки рабочего места» и нажмите "
                         "«Проверить связь», или загрузите каталог из файла.")
            else:
                step = t("Без каталога заявление не зарегистрировать. Когда появится связь, нажмите «Проверить "
                         "связь»; если не помогает, обратитесь к администратору рабочего места.")
            self.next_label.setText(step)
        self.start_button.setEnabled(bool(services) and self.actor.can(Perm.REGISTER))
        if note:
            self.catalogue_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.gateway_label.setText(error_text(exc))
        self.gateway_label.setStyleSheet(BAD_STYLE)

    def load_file(self) -> None:
        path = self.choose_file(self)
        if not path or not self.actor.can(Perm.MANAGE_SETTINGS):
            return
        self._set_busy(True)
        Operation(self, self.ctx, partial(_import_and_count, self.ctx, Path(path))) \
            .success(self._file_loaded).failure(self._file_failed).run_in(self.tasks)

    def _file_loaded(self, services: int) -> None:
        self._set_busy(False)
        self._show_catalogue(services, self.tr(" (загружен из файла)"))

    def _file_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.catalogue_label.setText(error_text(exc))
        self.catalogue_label.setStyleSheet(BAD_STYLE)

    def _start(self) -> None:
        self.accept()
        self.new_application.emit()


def _import_and_count(ctx: AppContext, path: Path) -> int:
    catalogue.import_file(ctx, path)
    return len(catalogue.list_services(ctx))
