"""Workstation settings (administrator): gateway, centre, printer, idle lock, sync interval."""

from __future__ import annotations

from dataclasses import asdict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.errors import DomainError
from clerk_app.services import workstation
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from clerk_app.services.settings import WorkstationSettings
from ui.operations import Operation
from ui.tasks import TaskRunner
from ui.widgets.field_box import FieldBox
from ui.widgets.messages import error_text

TEXT_FIELDS = (
    ("gateway_url", "Адрес шлюза"), ("token", "Токен доступа"), ("ca_bundle", "Файл сертификатов (CA)"),
    ("centre_code", "Код центра"), ("workstation_id", "Рабочее место"), ("centre_name", "Наименование центра"),
    ("centre_address", "Адрес центра"), ("centre_phone", "Телефон центра"), ("printer", "Принтер"),
)
NUMBER_FIELDS = (
    ("idle_lock_minutes", "Блокировка экрана через, мин", 1, 240),
    ("receipt_copies", "Экземпляров расписки", 1, 5),
    ("sync_interval_seconds", "Синхронизация каждые, с", 5, 3600),
)
# a service error names a field; some names differ from the settings key
FIELD_ALIASES = {"centre": "centre_code", "workstation": "workstation_id"}


class SettingsDialog(QDialog):
    """Saves only what changed, through `workstation.update_settings`; emits `saved(WorkstationSettings)`."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, actor: Actor, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor, self._tasks = ctx, actor, tasks
        self.original: WorkstationSettings | None = None
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Настройки рабочего места"))
        self.setMinimumWidth(560)
        self.boxes: dict[str, FieldBox] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, label in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(key)
            self.edits[key] = edit
            box = FieldBox(edit, self)
            self.boxes[key] = box
            if key == "ca_bundle":
                row = QWidget(self)
                hl = QHBoxLayout(row)
                hl.setContentsMargins(0, 0, 0, 0)
                hl.addWidget(box, 1)
                browse = QPushButton(self.tr("Выбрать…"), row)
                browse.clicked.connect(self._choose_ca)
                hl.addWidget(browse)
                form.addRow(self.tr(label) + ":", row)
            else:
                form.addRow(self.tr(label) + ":", box)
        self.edits["token"].setEchoMode(QLineEdit.EchoMode.Password)
        self.edits["token"].setPlaceholderText(self.tr("не меняется, если оставить пустым"))
        for key, label, low, high in NUMBER_FIELDS:
            spin = QSpinBox(self)
            spin.setObjectName(key)
            spin.setRange(low, high)
            self.spins[key] = spin
            box = FieldBox(spin, self)
            self.boxes[key] = box
            form.addRow(self.tr(label) + ":", box)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Сохранить"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Отмена"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.setEnabled(False)
        ctx_ = ctx
        Operation(self, ctx_, ctx_.settings) \
            .success(self._fill).failure(self._on_error).run_in(tasks)

    def _fill(self, settings: WorkstationSettings) -> None:
        self.original = settings
        values = asdict(settings)
        for key, edit in self.edits.items():
            edit.setText("" if key == "token" else str(values[key] or ""))
        for key, spin in self.spins.items():
            spin.setValue(int(values[key]))
        self.setEnabled(True)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Файл сертификатов"), "",
                                              self.tr("Сертификаты (*.pem *.crt *.cer);;Все файлы (*)"))
        if path:
            self.edits["ca_bundle"].setText(path)

    def changes(self) -> dict[str, object]:
        if self.original is None:
            return {}
        values = asdict(self.original)
        out: dict[str, object] = {}
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if key == "token":
                if text:
                    out[key] = text
            elif text != str(values[key] or ""):
                out[key] = text
        for key, spin in self.spins.items():
            if spin.value() != values[key]:
                out[key] = spin.value()
        return out

    def save(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.message_label.clear()
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self.buttons.setEnabled(False)
        ctx, actor = self._ctx, self._actor
        Operation(self, ctx, lambda: workstation.update_settings(ctx, actor, **changes)) \
            .success(self._on_saved).failure(self._on_error).run_in(self._tasks)

    def _on_saved(self, settings: WorkstationSettings) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(settings)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.buttons.setEnabled(True)
        field = FIELD_ALIASES.get(exc.field, exc.field) if isinstance(exc, DomainError) and exc.field else None
        if field in self.boxes:
            self.boxes[field].set_error(error_text(exc))
            self.boxes[field].setFocus()
        else:
            self.message_label.setText(error_text(exc))
