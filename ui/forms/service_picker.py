"""The service field of the new-application form: the catalogue read off the GUI thread, typed with
completion (Down browses the whole catalogue), a long name shown from its start, the service's agency and term."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QListView, QWidget

from clerk_app.services import catalogue
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from ui.operations import Operation, alive
from ui.tasks import TaskRunner
from ui.widgets.field_box import FieldBox
from ui.widgets.messages import error_text


class ServicePicker(QObject):
    """`picked(service)` when the clerk chooses a service (from the list, or by a name or code typed in full)."""

    picked = Signal(object)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, owner: QWidget) -> None:
        super().__init__(owner)
        self.ctx, self.tasks, self.owner = ctx, tasks, owner
        self.services: list[ServiceSpec] = []
        self.chosen: ServiceSpec | None = None
        self.edit = QLineEdit(owner)
        self.edit.setObjectName("service")
        self.edit.setPlaceholderText(self.tr("Начните вводить название услуги"))
        self.box = FieldBox(self.edit, owner)
        self.completer = QCompleter([], owner)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        popup = self.completer.popup()
        if isinstance(popup, QListView):
            popup.setWordWrap(True)  # long service names shown whole
        if popup is not None:
            popup.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.edit.setCompleter(self.completer)
        self.completer.activated.connect(self._service_picked)
        self.edit.editingFinished.connect(self._service_finished)
        self.edit.installEventFilter(self)
        self.info = QLabel(owner)
        self.info.setWordWrap(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down on the service field browses the catalogue."""
        if (watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and not self.popup_visible()):
            self.browse()
            return True
        return super().eventFilter(watched, event)

    def popup_visible(self) -> bool:
        popup = self.completer.popup()
        return popup is not None and popup.isVisible()

    def browse(self) -> None:
        """The whole catalogue (or what matches the text typed) to pick from."""
        text = self.edit.text()
        prefix = "" if self.chosen is not None and text == self.chosen.name else text
        self.completer.setCompletionPrefix(prefix)
        self.completer.complete()

    # --- the catalogue -----------------------------------------------------------

    def load(self) -> None:
        self.edit.setEnabled(False)
        self.info.setText(self.tr("Загрузка каталога услуг…"))
        Operation(self.owner, self.ctx, partial(catalogue.list_services, self.ctx)) \
            .success(self._loaded).failure(self._failed).run_in(self.tasks)

    def _loaded(self, services: list[ServiceSpec]) -> None:
        self.services = list(services)
        self.completer.model().setStringList([s.name for s in self.services])  # type: ignore[attr-defined]
        self.edit.setEnabled(True)
        self.info.setText("" if self.services else self.tr("Каталог услуг пуст: загрузите каталог"))

    def _failed(self, exc: BaseException) -> None:
        self.info.setText(self.tr("Каталог услуг не загружен: {0}").format(error_text(exc)))

    def find(self, text: str) -> ServiceSpec | None:
        """Exact name, a code, or the only name that contains the text (case-insensitive)."""
        key = " ".join(text.split()).casefold()
        if not key:
            return None
        for s in self.services:
            if s.name.casefold() == key or s.code.casefold() == key:
                return s
        matches = [s for s in self.services if key in s.name.casefold()]
        return matches[0] if len(matches) == 1 else None

    # --- choosing ----------------------------------------------------------------

    def _service_picked(self, name: str) -> None:
        svc = self.find(name)
        if svc is not None:
            self.picked.emit(svc)

    def _service_finished(self) -> None:
        if not alive(self.owner) or not self.owner.isVisible():
            return
        text = self.edit.text()
        if not text.strip():
            self.box.set_error(None)
            return
        svc = self.find(text)
        if svc is None:
            self.box.set_error(self.tr("Услуга: выберите услугу из каталога (уточните название)"))
            return
        if svc is not self.chosen:
            self.picked.emit(svc)

    def show_chosen(self, svc: ServiceSpec) -> None:
        """The chosen service's name from its start, its agency and term below."""
        self.chosen = svc
        self.edit.setText(svc.name)
        self.edit.setCursorPosition(0)
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        self.box.set_error(None)
        term = self.tr("рабочих дней") if svc.due_working else self.tr("календарных дней")
        self.info.setText(self.tr("{0}. Срок: {1} {2}").format(svc.agency_name, svc.due_days, term))
        self.edit.setToolTip(svc.name)
        QTimer.singleShot(0, lambda: self.edit.setCursorPosition(0) if alive(self.edit) else None)
