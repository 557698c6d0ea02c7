"""Issue 12, points 5, 7, 8 and 12 (form side): required marks on service choice, fields conditional on
documents, a form that does not jump, a browsable service field, «Принять все», a СНИЛС of another person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clerk_app.services import applications
from tests.factories import CLERK, sample_application
from tests.ui.test_new_application import fill_sample, make_dialog, runner, type_field  # noqa: F401
from ui.forms import applicant_checks as chk

SUBSIDY = "Назначение субсидии на оплату жилого помещения и коммунальных услуг"
PASSPORT = "Выдача, замена паспорта гражданина Российской Федерации"


def label_text(dlg, path):
    return dlg.labels[path][0].text()


def test_required_marks_follow_the_service(qtbot, make_dialog):
    dlg = make_dialog()
    assert label_text(dlg, chk.LAST).endswith("*") and not label_text(dlg, chk.INN).endswith("*")
    type_field(qtbot, dlg.service_edit, "субсидии на оплату")
    assert dlg.service is not None and dlg.service.code == "housing_subsidy"
    assert label_text(dlg, chk.INN) == "ИНН*"  # the income request needs it
    assert "Сведения о доходах" in dlg.labels[chk.INN][0].toolTip()
    assert label_text(dlg, chk.SNILS) == "СНИЛС*"
    assert label_text(dlg, chk.PHONE) == "Телефон"


def test_marriage_record_needed_only_with_the_certificate_and_checked(qtbot, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.service_edit, "замена паспорта")
    assert dlg.service.code == "passport_replacement"
    path = "subject.marriage_record_number"
    box = dlg.subject_fields[path]
    assert label_text(dlg, path) == "Номер записи акта о заключении брака"  # Russian, no asterisk yet
    assert not box.editor.isEnabled()
    row = [d.code for d in dlg.documents.specs].index("marriage_certificate")
    dlg.documents.checks[row].setChecked(True)
    assert label_text(dlg, path) == "Номер записи акта о заключении брака*"
    assert box.editor.isEnabled()
    box.editor.setText("нет")
    assert "только цифры" in dlg.check(path, final=True)
    box.editor.setText("120229340001200012345")
    assert dlg.check(path, final=True) is None
    dlg.documents.checks[row].setChecked(False)
    assert not box.editor.isEnabled() and dlg.check(path, final=True) is None


def test_errors_and_offers_do_not_move_the_fields(qtbot, make_dialog):
    dlg = make_dialog()
    before = {e.objectName(): e.mapTo(dlg, e.rect().topLeft()) for e in (dlg.first_name, dlg.birth_date, dlg.phone)}
    type_field(qtbot, dlg.last_name, "12345")  # not a name: an error line under the field
    assert dlg.fields[chk.LAST].error()
    dlg.banner.offer("Найден заявитель — подставить данные?")
    qtbot.wait(50)
    after = {e.objectName(): e.mapTo(dlg, e.rect().topLeft()) for e in (dlg.first_name, dlg.birth_date, dlg.phone)}
    assert after == before


def test_fix_fields_message_goes_once_fixed(qtbot, make_dialog):
    dlg = make_dialog()
    dlg.save()
    assert dlg.status_label.text() == "Исправьте поля, отмеченные красным"
    fill_sample(qtbot, dlg)
    qtbot.keyClick(dlg.service_edit, Qt.Key.Key_Return)
    assert dlg.status_label.text() == ""


def test_down_browses_the_whole_catalogue_and_long_names_start_at_the_beginning(qtbot, make_dialog):
    dlg = make_dialog()
    dlg.service_edit.setFocus()
    qtbot.keyClick(dlg.service_edit, Qt.Key.Key_Down)
    popup = dlg.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert dlg.completer.completionCount() == len(dlg.services) >= 10
    popup.hide()
    type_field(qtbot, dlg.service_edit, "субсидии на оплату")
    qtbot.wait(20)
    assert dlg.service_edit.text() == SUBSIDY and dlg.service_edit.cursorPosition() == 0
    assert dlg.service_edit.toolTip() == SUBSIDY


def test_accept_all_ticks_every_document(qtbot, make_dialog):
    dlg = make_dialog()
    type_field(qtbot, dlg.service_edit, "субсидии на оплату")
    assert len(dlg.documents.taken_rows()) < len(dlg.documents.specs)
    qtbot.mouseClick(dlg.accept_all_button, Qt.MouseButton.LeftButton)
    assert dlg.documents.taken_rows() == list(range(len(dlg.documents.specs)))


def test_snils_of_another_person_is_a_warning(qtbot, ctx, make_dialog):
    applications.register(ctx, CLERK, sample_application())  # Иванова М. П. holds 112-233-445 95
    dlg = make_dialog()
    type_field(qtbot, dlg.last_name, "Петров")
    type_field(qtbot, dlg.first_name, "Пётр")
    type_field(qtbot, dlg.birth_date, "01011970")
    type_field(qtbot, dlg.snils, "11223344595")
    qtbot.waitUntil(dlg.banner.isVisible, timeout=10000)
    assert dlg.banner.warning
    assert "уже указан у заявителя Иванова Мария Петровна" in dlg.banner.label.text()
    assert "другого заявителя" in dlg.fields[chk.SNILS].error()
    assert dlg.last_name.text() == "Петров"  # nothing substituted without the clerk's word
