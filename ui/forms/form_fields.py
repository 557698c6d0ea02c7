"""The new-application form's typed fields: the applicant (person, passport, contacts) and the subject fields
the chosen service's requests need; each with its mask, its label («*» while required) and its error line."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from clerk_app.domain.labels import subject_label
from ui.forms import applicant_checks as chk
from ui.widgets.field_box import FieldBox
from ui.widgets.masked_line_edit import MaskedLineEdit

# Input masks ("0": a digit may stand here; the checks say what is missing).
MASKS = {
    chk.BIRTH: "00.00.0000", chk.ISSUED_ON: "00.00.0000", chk.SNILS: "000-000-000 00",
    chk.SERIES: "00 00", chk.NUMBER: "000000", chk.DIVISION: "000-000", chk.PHONE: "+7 (000) 000-00-00",
    chk.INN: "000000000000",
}
LABEL_WIDTH = 140
ALWAYS_REQUIRED = (chk.LAST, chk.FIRST, chk.BIRTH)


class FormFields(QObject):
    """`edited()` on every keystroke in a field, `finished(path)` when the clerk leaves it."""

    def __init__(self, owner: QWidget, edited: Callable[[], object], finished: Callable[[str], object]) -> None:
        super().__init__(owner)
        self.owner = owner
        self._edited, self._finished = edited, finished
        self.fields: dict[str, FieldBox] = {}
        self.editors: dict[str, MaskedLineEdit] = {}
        self.labels: dict[str, tuple[QLabel, str]] = {}
        self.subject_fields: dict[str, FieldBox] = {}
        self.subject_editors: dict[str, MaskedLineEdit] = {}
        self.subject_box = QGroupBox(self.tr("Сведения для межведомственных запросов"), owner)
        self.subject_form = QFormLayout(self.subject_box)
        self.subject_box.hide()

    def _label(self, text: str, buddy: QWidget, path: str = "") -> QLabel:
        """Labels of one width, so that the applicant's groups line up; «*» marks a field needed now."""
        label = QLabel(text, self.owner)
        label.setMinimumWidth(LABEL_WIDTH)
        label.setBuddy(buddy)
        if path:
            self.labels[path] = (label, text.rstrip("*"))
        return label

    def _editor(self, path: str, mask: str) -> tuple[MaskedLineEdit, FieldBox]:
        edit = MaskedLineEdit(mask, self.owner)
        edit.setObjectName(path)
        box = FieldBox(edit, self.owner)
        edit.textEdited.connect(lambda *_: self._edited())
        edit.editingFinished.connect(partial(self._finished, path))
        return edit, box

    def _line(self, path: str, label: str, form: QFormLayout) -> MaskedLineEdit:
        edit, box = self._editor(path, MASKS.get(path, ""))
        self.fields[path], self.editors[path] = box, edit
        form.addRow(self._label(label, edit, path), box)
        return edit

    def build_applicant(self) -> list[QGroupBox]:
        """The groups «Заявитель», «Паспорт», «Контакты»."""
        t, owner = self.tr, self.owner
        person = QGroupBox(t("Заявитель"), owner)
        pf = QFormLayout(person)
        for path, label in ((chk.LAST, t("Фамилия*")), (chk.FIRST, t("Имя*")), (chk.MIDDLE, t("Отчество")),
                            (chk.BIRTH, t("Дата рождения*")), (chk.SNILS, t("СНИЛС")), (chk.INN, t("ИНН"))):
            self._line(path, label, pf)

        passport = QGroupBox(t("Паспорт"), owner)
        ppf = QFormLayout(passport)
        series_number = QWidget(owner)
        row = QHBoxLayout(series_number)
        row.setContentsMargins(0, 0, 0, 0)
        for path, stretch in ((chk.SERIES, 1), (chk.NUMBER, 2)):
            edit, box = self._editor(path, MASKS[path])
            self.fields[path], self.editors[path] = box, edit
            row.addWidget(box, stretch)
            if path == chk.SERIES:
                row.addWidget(QLabel(t("№"), owner))
        ppf.addRow(self._label(t("Серия и номер"), self.editors[chk.SERIES], chk.SERIES), series_number)
        for path, label in ((chk.ISSUED_BY, t("Кем выдан")), (chk.ISSUED_ON, t("Дата выдачи")),
                            (chk.DIVISION, t("Код подразделения"))):
            self._line(path, label, ppf)

        contacts = QGroupBox(t("Контакты"), owner)
        cf = QFormLayout(contacts)
        self._line(chk.PHONE, t("Телефон"), cf)
        self._line(chk.ADDRESS, t("Адрес"), cf)
        return [person, passport, contacts]

    def rebuild_subject(self, extra: dict[str, str]) -> None:
        """The subject fields the chosen service's requests need (name -> request kind); typed text kept."""
        old = {path: edit.text() for path, edit in self.subject_editors.items()}
        while self.subject_form.rowCount():
            self.subject_form.removeRow(0)
        self.subject_fields, self.subject_editors = {}, {}
        self.labels = {p: v for p, v in self.labels.items() if not p.startswith("subject.")}
        for name, kind in extra.items():
            path = f"subject.{name}"
            edit, box = self._editor(path, "")
            edit.setToolTip(self.tr("Нужно для запроса «{0}»").format(kind))
            edit.setText(old.get(path, ""))
            self.subject_fields[path], self.subject_editors[path] = box, edit
            self.subject_form.addRow(self._label(subject_label(name), edit, path), box)
        self.subject_box.setVisible(bool(extra))

    def values(self) -> dict[str, str]:
        out = {path: edit.value() for path, edit in self.editors.items()}
        out.update({path: edit.value() for path, edit in self.subject_editors.items()})
        return out

    def box_for(self, path: str) -> FieldBox | None:
        return self.fields.get(path) or self.subject_fields.get(path)

    def editor(self, path: str) -> MaskedLineEdit | None:
        return self.editors.get(path) or self.subject_editors.get(path)

    def mark_required(self, needed: dict[str, str]) -> None:
        """Asterisks on the fields required now: always, or by `needed` (path -> the request that needs it)."""
        for path, (label, text) in self.labels.items():
            required = path in ALWAYS_REQUIRED or path in needed
            label.setText(text + ("*" if required else ""))
            label.setToolTip(self.tr("Нужно для запроса «{0}»").format(needed[path]) if path in needed else "")
            box = self.box_for(path)
            if box is not None and path.startswith("subject."):
                box.editor.setEnabled(required)
                if not required:
                    box.set_error(None)

    def any_error(self) -> bool:
        return any(b.error() for b in (*self.fields.values(), *self.subject_fields.values()))
