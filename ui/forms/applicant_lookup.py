"""Known-applicant lookup for the new-application form: by СНИЛС or passport once typed, off the GUI thread;
a banner offers to fill the applicant's data in, or warns when the document belongs to someone else."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from clerk_app.domain.application import ApplicantState, PassportState
from clerk_app.services import applicants
from ui.forms import applicant_checks as chk
from ui.operations import Operation
from ui.widgets.messages import error_text

if TYPE_CHECKING:
    from ui.forms.new_application import NewApplicationDialog


class ApplicantLookup(QObject):
    """Each СНИЛС or passport is looked up once per form; `found` is the applicant last offered."""

    def __init__(self, form: NewApplicationDialog) -> None:
        super().__init__(form)
        self.form = form
        self.found: ApplicantState | None = None
        self._looked_up: set[tuple] = set()
        form.banner.accepted.connect(self.apply_found)

    def by_snils(self) -> None:
        value = self.form.snils.value()
        if value:
            self._lookup(("snils", value), snils=value)

    def by_passport(self) -> None:
        f = self.form
        series, number = f.series.value(), f.number_edit.value()
        if series and number and f.check(chk.SERIES) is None and f.check(chk.NUMBER) is None:
            self._lookup(("passport", series, number), passport_series=series, passport_number=number)

    def _lookup(self, key: tuple, **query: str) -> None:
        if key in self._looked_up:
            return
        self._looked_up.add(key)
        f = self.form
        Operation(f, f.ctx, partial(applicants.lookup, f.ctx, f.actor, **query)) \
            .success(partial(self._done, key[0])).failure(self._failed).run_in(f.tasks)

    def _done(self, by: str, found: ApplicantState | None) -> None:
        f = self.form
        if found is None or self._matches_form(found):
            return
        self.found = found
        name, born = found.full_name, chk.ru_date(found.birth_date)
        typed = f.values()
        if typed.get(chk.LAST) or typed.get(chk.BIRTH):  # another person's data is already typed in
            what = self.tr("СНИЛС") if by == "snils" else self.tr("Паспорт")
            box = f.fields[chk.SNILS if by == "snils" else chk.SERIES]
            box.set_error(self.tr("{0} уже указан у другого заявителя: {1}").format(what, name))
            f.banner.offer(self.tr("Внимание: {0} уже указан у заявителя {1}, {2} г. р. Сверьте документ; "
                                   "подставляйте, только если это тот же человек.").format(what, name, born),
                           warning=True, action_text=self.tr("Это он — подставить"))
            return
        f.banner.offer(self.tr("Найден заявитель {0}, {1} г. р. — подставить данные?").format(name, born),
                       action_text=f.banner.default_action_text)

    def _failed(self, exc: BaseException) -> None:
        self.form.status_label.setText(self.tr("Поиск заявителя не выполнен: {0}").format(error_text(exc)))

    def _matches_form(self, found: ApplicantState) -> bool:
        v = self.form.values()
        return (v.get(chk.LAST, "").casefold() == (found.last_name or "").casefold()
                and v.get(chk.FIRST, "").casefold() == (found.first_name or "").casefold()
                and v.get(chk.BIRTH) == chk.ru_date(found.birth_date))

    def apply_found(self) -> None:
        """Fill the applicant fields from the known applicant the banner offered."""
        a, f = self.found, self.form
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
                f.fields[path].editor.set_value(text)  # type: ignore[attr-defined]
            f.check(path)
        f.dirty = True
        f.banner.hide()
        f.status_label.setText(self.tr("Данные заявителя подставлены — проверьте их с документами"))
        (f.service_edit if not f.service else f.save_button).setFocus()
