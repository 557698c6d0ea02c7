"""The new-application form driven from the keyboard, with the database checked afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.domain.errors import ValidationError
from clerk_app.services import applications, catalogue, queries
from tests.factories import CLERK, SUPERVISOR, sample_application
from ui.forms import applicant_checks as chk
from ui.forms.new_application import NewApplicationDialog
from tests.qt_keys import key_text
from ui.tasks import TaskRunner

HOUSING = "Назначение субсидии на оплату жилого помещения и коммунальных услуг"


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.wait()


@pytest.fixture
def make_dialog(qtbot, ctx, runner):
    made = []

    def make(actor=CLERK, **kw):
        kw.setdefault("confirm_discard", lambda parent: True)  # never a modal question in tests
        dlg = NewApplicationDialog(ctx, actor, runner, **kw)
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.activateWindow()
        qtbot.waitUntil(dlg.isActiveWindow)
        qtbot.waitUntil(lambda: dlg.service_edit.isEnabled())
        made.append(dlg)
        return dlg

    yield make
    for dlg in made:
        if dlg.preview is not None:
            dlg.preview.close()


def type_field(qtbot, edit, text):
    """Focus, type as a clerk would, press Enter to go on."""
    edit.setFocus()
    edit.selectAll()
    edit.home(False)
    key_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def fill_sample(qtbot, dlg, snils="11223344595"):
    type_field(qtbot, dlg.last_name, "Иванова")
    type_field(qtbot, dlg.first_name, "Мария")
    type_field(qtbot, dlg.middle_name, "Петровна")
    type_field(qtbot, dlg.birth_date, "17051980")
    type_field(qtbot, dlg.snils, snils)
    type_field(qtbot, dlg.inn, "344404512333")
    type_field(qtbot, dlg.series, "1806")
    type_field(qtbot, dlg.number_edit, "123456")
    type_field(qtbot, dlg.issued_by, "ОУФМС России по Волгоградской обл.")
    type_field(qtbot, dlg.issued_on, "01062010")
    type_field(qtbot, dlg.division, "340001")
    type_field(qtbot, dlg.phone, "9171234567")
    type_field(qtbot, dlg.address, "г. Волгоград, ул. Мира, д. 1, кв. 2")
    type_field(qtbot, dlg.service_edit, "субсидии на оплату")


def test_typed_application_is_registered_and_receipt_previewed(qtbot, ctx, make_dialog):
    dlg = make_dialog()
    fill_sample(qtbot, dlg)
    assert dlg.service is not None and dlg.service.code == "housing_subsidy"
    assert dlg.service_edit.text() == HOUSING
    # The checklist of the service, the required passport already ticked.
    names = [d.name for d in dlg.documents.specs]
    assert len(names) == len(catalogue.get_service(ctx, "housing_subsidy").documents)
    assert dlg.documents.checks[0].isChecked()
    snils_row = [d.code for d in dlg.documents.specs].index("snils")
    dlg.documents.checks[snils_row].setFocus()
    qtbot.keyClick(dlg.documents.checks[snils_row], Qt.Key.Key_Space)
    assert dlg.documents.checks[snils_row].isChecked()
    dlg.documents.sheets[snils_row].setValue(2)
    # Only the field the applicant data does not give: the cadastral number of egrn_extract.
    assert list(dlg.subject_fields) == ["subject.cadastral_number"]
    type_field(qtbot, dlg.subject_fields["subject.cadastral_number"].editor, "34:34:060052:1234")

    with qtbot.waitSignal(dlg.registered, timeout=10000) as sig:
        qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    number = sig.args[0]
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=10000)
    assert dlg.preview.page_count() >= 1
    assert number in dlg.preview.windowTitle()
    qtbot.waitUntil(lambda: not dlg.isVisible())

    state = queries.application_state(ctx, SUPERVISOR, number)
    a = state.applicant
    assert (a.last_name, a.first_name, a.middle_name) == ("Иванова", "Мария", "Петровна")
    assert a.birth_date == "1980-05-17" and a.snils == "112-233-445 95" and a.phone == "+79171234567"
    assert a.passport.series == "18 06" and a.passport.division_code == "340-001"
    assert [(d.code, d.original, d.sheets) for d in state.documents] == [
        ("passport", True, 1), ("snils", False, 2)]
    assert dict(state.subject) == {"cadastral_number": "34:34:060052:1234"}
    spec = catalogue.get_service(ctx, "housing_subsidy")
    expected_due = ctx.calendar().due_with_legs(ctx.now().date(), spec.due_days, spec.due_working,
                                                spec.handover_working_days, spec.return_working_days).date
    assert state.due_date == expected_due.isoformat()
    assert state.status == "registered"


def test_bad_snils_is_shown_beside_the_field_and_nothing_is_stored(qtbot, ctx, make_dialog):
    dlg = make_dialog()
    fill_sample(qtbot, dlg, snils="11223344596")
    box = dlg.fields[chk.SNILS]
    assert box.error_label.isVisible()
    assert "СНИЛС" in box.error_label.text() and "контрольная сумма" in box.error_label.text()
    type_field(qtbot, dlg.subject_fields["subject.cadastral_number"].editor, "34:34:060052:1234")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is dlg.snils
    assert dlg.number is None and not dlg.saving
    assert queries.count(ctx, queries.ListFilter()) == 0


def test_error_clears_when_corrected(qtbot, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.phone, "6171234567")
    assert "российские" in dlg.fields[chk.PHONE].error_label.text()
    type_field(qtbot, dlg.phone, "9171234567")
    assert not dlg.fields[chk.PHONE].error_label.isVisible()


def test_enter_moves_on_and_only_the_button_saves(qtbot, ctx, make_dialog):
    dlg = make_dialog()
    dlg.last_name.setFocus()
    qtbot.keyClick(dlg.last_name, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dlg.first_name
    qtbot.keyClick(dlg.first_name, Qt.Key.Key_Enter)
    assert QApplication.focusWidget() is dlg.middle_name
    dlg.save_button.setFocus()
    qtbot.keyClick(dlg.save_button, Qt.Key.Key_Return)  # on the button Enter saves: the blanks are refused
    assert "значение не указано" in dlg.fields[chk.LAST].error_label.text()
    assert QApplication.focusWidget() is dlg.last_name
    assert queries.count(ctx, queries.ListFilter()) == 0


def test_ctrl_enter_saves_from_any_field(qtbot, ctx, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.last_name, "Петров")
    qtbot.keyClick(dlg.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Имя: значение не указано" == dlg.fields[chk.FIRST].error_label.text()
    assert QApplication.focusWidget() is dlg.first_name
    assert queries.count(ctx, queries.ListFilter()) == 0


def test_required_fields_and_documents_checked_before_saving(qtbot, ctx, make_dialog):
    dlg = make_dialog()
    fill_sample(qtbot, dlg)
    dlg.documents.checks[0].setChecked(False)  # the passport, required
    dlg.save()
    assert "Паспорт" in dlg.documents_error.text() or "паспорт" in dlg.documents_error.text()
    cad = dlg.subject_fields["subject.cadastral_number"]
    assert "нужно для запроса «Выписка из ЕГРН" in cad.error_label.text()
    assert queries.count(ctx, queries.ListFilter()) == 0


def test_bad_cadastral_number_live(qtbot, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.service_edit, "субсидии на оплату")
    type_field(qtbot, dlg.subject_fields["subject.cadastral_number"].editor, "34-34-1")
    assert "Кадастровый номер" in dlg.subject_fields["subject.cadastral_number"].error_label.text()


def test_service_refusal_is_mapped_to_the_widget(qtbot, make_dialog):
    dlg = make_dialog()
    fill_sample(qtbot, dlg)
    dlg.documents.checks[[d.code for d in dlg.documents.specs].index("snils")].setChecked(True)
    dlg._register_failed(ValidationError("Документ №2: число листов от 1 до 1000", "documents[1].sheets"))
    assert dlg.documents_error.text() == "Документ №2: число листов от 1 до 1000"
    snils_row = [d.code for d in dlg.documents.specs].index("snils")
    assert QApplication.focusWidget() is dlg.documents.sheets[snils_row]
    dlg._register_failed(ValidationError("СНИЛС заявителя: неверная контрольная сумма", "applicant.snils"))
    assert dlg.fields[chk.SNILS].error_label.text() == "СНИЛС заявителя: неверная контрольная сумма"
    assert QApplication.focusWidget() is dlg.snils
    dlg._register_failed(ValidationError("Рабочее место не настроено", "workstation"))
    assert dlg.form_error.isVisible() and "не настроено" in dlg.form_error.text()


def test_escape_asks_before_discarding(qtbot, make_dialog):
    answers = []

    def confirm(parent):
        answers.append(True)
        return len(answers) > 1

    dlg = make_dialog(confirm_discard=confirm)
    type_field(qtbot, dlg.last_name, "Петров")
    qtbot.keyClick(dlg.first_name, Qt.Key.Key_Escape)
    assert len(answers) == 1 and dlg.isVisible()
    qtbot.keyClick(dlg.first_name, Qt.Key.Key_Escape)
    assert len(answers) == 2 and not dlg.isVisible()


def test_escape_on_empty_form_closes_without_asking(qtbot, make_dialog):
    dlg = make_dialog(confirm_discard=lambda parent: pytest.fail("asked"))
    qtbot.keyClick(dlg.last_name, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_service_completer_contains_case_insensitive(qtbot, make_dialog):
    dlg = make_dialog()
    dlg.completer.setCompletionPrefix("ПАСПОРТ")
    found = [dlg.completer.completionModel().index(i, 0).data()
             for i in range(dlg.completer.completionModel().rowCount())]
    assert found and all("паспорт" in f.lower() for f in found)
    type_field(qtbot, dlg.service_edit, "такой услуги нет")
    assert "выберите услугу" in dlg.fields["service"].error_label.text()


def test_known_applicant_is_offered_and_prefilled(qtbot, ctx, make_dialog):
    applications.register(ctx, CLERK, sample_application())
    dlg = make_dialog()
    type_field(qtbot, dlg.snils, "11223344595")
    qtbot.waitUntil(dlg.banner.isVisible, timeout=5000)
    assert "Иванова Мария Петровна" in dlg.banner.label.text() and "17.05.1980" in dlg.banner.label.text()
    qtbot.mouseClick(dlg.banner.action_button, Qt.MouseButton.LeftButton)
    assert not dlg.banner.isVisible()
    assert dlg.last_name.text() == "Иванова" and dlg.middle_name.text() == "Петровна"
    assert dlg.birth_date.text() == "17.05.1980"
    assert dlg.series.text() == "18 06" and dlg.number_edit.text() == "123456"
    assert dlg.issued_on.text() == "01.06.2010" and dlg.division.text() == "340-001"
    assert dlg.phone.text() == "+7 (917) 123-45-67"
    assert not any(box.error_label.isVisible() for box in dlg.fields.values())


def test_known_applicant_found_by_passport(qtbot, ctx, make_dialog):
    applications.register(ctx, CLERK, sample_application())
    dlg = make_dialog()
    type_field(qtbot, dlg.series, "1806")
    type_field(qtbot, dlg.number_edit, "123456")
    qtbot.waitUntil(dlg.banner.isVisible, timeout=5000)
    assert "Иванова" in dlg.banner.label.text()


def test_unknown_applicant_offers_nothing(qtbot, ctx, runner, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.snils, "11223344595")
    runner.wait()
    qtbot.wait(50)
    assert not dlg.banner.isVisible()
