"""Issue 10, the window: the agency leg through the widgets — hand over by the paper register, enter the
agency's paper result, issue it to a representative, return an unclaimed result by the return register;
queues with their counts in the main window; confirmations and field-level Russian refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from clerk_app.domain.enums import AppStatus
from clerk_app.services import agency_results, applications, handover, queries, registers
from clerk_app.services.clock import local_now
from tests.factories import CLERK, sample_application
from ui.application_view import ApplicationView

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def register_case(ctx) -> str:
    """housing_queue: decided by ADM-VLG, handed over by register, kept 60 days; every paper brought."""
    data = sample_application(service="housing_queue", documents=[
        {"code": "passport", "original": True, "sheets": 1},
        {"code": "family_composition", "original": True, "sheets": 2}],
        provided_by_applicant=["egrn_rights", "mvd_registration", "fns_income", "kszn_benefits"])
    return applications.register(ctx, CLERK, data).number


@pytest.fixture
def asked():
    """The confirmations the window asked, answered «Да»."""
    return []


@pytest.fixture
def open_view(qtbot, ctx, tasks, asked, tmp_path):
    scan = tmp_path / "решение.pdf"
    scan.write_bytes(PDF)

    def make(number, actor=CLERK, parent=None):
        view = ApplicationView(ctx, actor, tasks, number, parent=parent,
                               confirm=lambda _parent, text: asked.append(text) or True,
                               choose_file=lambda _parent: str(scan))
        if parent is None:
            qtbot.addWidget(view)
        view.show()
        wait_loaded(qtbot, view)
        return view

    return make


def wait_loaded(qtbot, view):
    qtbot.waitUntil(lambda: view.data is not None and not view.busy
                    and view.status_label.text().startswith("Обновлено"), timeout=10000)


def act(qtbot, view, click):
    """Click, wait for the act to be recorded and the window to show the new state."""
    with qtbot.waitSignal(view.changed, timeout=10000):
        click()
    view.data = None
    view.reload()
    wait_loaded(qtbot, view)


def click(qtbot, button):
    return lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_register_handover_paper_result_and_issue_to_a_representative(qtbot, ctx, make_window, open_view, asked):
    first, second = register_case(ctx), register_case(ctx)
    window = make_window()
    view = open_view(first, parent=window)
    b = view.buttons
    assert b["handover"].isVisible() and b["handover"].text() == "Пере&дать в ведомство…"
    assert b["decide"].isHidden() and b["record_result"].isHidden() and b["issue"].isHidden()
    assert view.tabs.isTabVisible(view.tabs.indexOf(view.agency_tab))

    # «Передать в ведомство»: ready, then the register of both ready cases is printed = handed over
    act(qtbot, view, click(qtbot, b["handover"]))
    assert "по реестру передачи" in asked[-1] and "2 (" in asked[-1] and "отменить её нельзя" in asked[-1]
    assert view.preview is not None and view.preview.windowTitle().startswith("Реестр передачи № 34-001-07-")
    view.preview.close()
    for number in (first, second):
        assert queries.application_state(ctx, CLERK, number).status == AppStatus.HANDED_OVER
    qtbot.waitUntil(lambda: window.queue_counts is not None and window.queue_counts.handed_over == 2,
                    timeout=10000)
    assert window.queue_items["handed_over"].text() == "Переданы (2)"
    assert b["handover"].isHidden() and b["record_result"].isVisible()
    rows = {view.agency_tab.summary_form.itemAt(r, view.agency_tab.summary_form.ItemRole.LabelRole).widget().text():
            view.agency_tab.summary_form.itemAt(r, view.agency_tab.summary_form.ItemRole.FieldRole).widget().text()
            for r in range(view.agency_tab.summary_form.rowCount())}
    assert rows["Решение принимает"].startswith("ведомство: ") and "по реестру № 34-001-07-" in rows[
        "Передано в ведомство"]

    # «Внести результат»: a refusal without its legal ground is refused beside the ground's field
    qtbot.mouseClick(b["record_result"], Qt.MouseButton.LeftButton)
    dialog = view.agency.result_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.refuse.setChecked(True)
    dialog.document_number.setText("16-р")
    dialog.reason.setText("Нет права на учёт")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.boxes["ground"].error() != "", timeout=10000)
    assert dialog.boxes["ground"].error() == "Основание отказа: выберите основание из списка"
    assert dialog.isVisible()
    assert queries.application_state(ctx, CLERK, first).status == AppStatus.HANDED_OVER
    dialog.ground.setCurrentIndex(dialog.ground.findData("not_eligible"))
    dialog.signed_by.setText("Начальник отдела Иванов И. И.")
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    assert dialog.scan_label.text() == "решение.pdf"
    act(qtbot, view, click(qtbot, dialog.ok_button))
    assert "Исправить внесённый результат нельзя" in asked[-1] and "16-р" in asked[-1]
    assert not dialog.isVisible()
    st = queries.application_state(ctx, CLERK, first)
    assert st.status == AppStatus.RESULT_RECEIVED and st.result.legal_ground == "not_eligible"
    assert st.result.signed_by == "Начальник отдела Иванов И. И."
    assert view.agency_tab.documents.count() == 1 and "решение.pdf" in view.agency_tab.documents.item(0).text()
    qtbot.mouseClick(view.agency_tab.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.viewers.viewer(-view.data.agency_documents[0].id) is not None, timeout=10000)
    view.viewers.close_all()
    qtbot.waitUntil(lambda: window.queue_counts.result_received == 1, timeout=10000)
    assert window.queue_items["result_received"].text() == "Результат получен (1)"

    # «Выдать результат» to a representative: an expired power of attorney is refused beside its field
    assert b["issue"].isVisible() and b["return_to_agency"].isHidden()
    qtbot.mouseClick(b["issue"], Qt.MouseButton.LeftButton)
    issue = view.agency.issue_dialog
    assert issue is not None and issue.isVisible() and not issue.rep_box.isEnabled()
    issue.to_representative.setChecked(True)
    issue.full_name.setText("Петров Пётр Петрович")
    issue.series.setText("1807")
    issue.doc_number.setText("654321")
    issue.poa_number.setText("34 АА 1234567")
    issue.poa_issued_by.setText("нотариус Сидорова Н. Н.")
    issue.poa_date.setDate(issue.poa_date.date().addYears(-2))
    issue.poa_until.setDate(issue.poa_date.date().addDays(30))
    qtbot.mouseClick(issue.ok_button, Qt.MouseButton.LeftButton)
    until = "representative.power_of_attorney.valid_until"
    qtbot.waitUntil(lambda: issue.boxes[until].error() != "", timeout=10000)
    assert issue.boxes[until].error().startswith("Доверенность истекла")
    assert "представителю Петров Пётр Петрович" in asked[-1] and "Отменить выдачу нельзя" in asked[-1]
    issue.poa_until.setDate(issue.poa_date.date().addYears(5))
    act(qtbot, view, click(qtbot, issue.ok_button))
    st = queries.application_state(ctx, CLERK, first)
    assert st.status == AppStatus.ISSUED and st.issued.representative.full_name == "Петров Пётр Петрович"
    assert b["issue"].isHidden()
    texts = [view.agency_tab.summary_form.itemAt(r, view.agency_tab.summary_form.ItemRole.FieldRole).widget().text()
             for r in range(view.agency_tab.summary_form.rowCount())]
    assert any("представителю Петров Пётр Петрович по доверенности № 34 АА 1234567" in t for t in texts)
    view.close()


def test_unclaimed_result_goes_back_by_the_return_register(qtbot, ctx, make_window, open_view, asked):
    number = register_case(ctx)
    handover.handover(ctx, CLERK, number)
    registers.print_handover_register(ctx, CLERK, "ADM-VLG", ctx.now().date())
    agency_results.record_paper_result(ctx, CLERK, number, True, "15-р", ctx.now().date(), "Иванов И. И.")
    view = open_view(number)
    assert view.buttons["issue"].isVisible() and view.buttons["return_to_agency"].isHidden()  # still kept
    view.close()
    ctx.clock = lambda: local_now() + timedelta(days=61)  # past the 60 days' storage term
    window = make_window()
    qtbot.waitUntil(lambda: window.queue_counts is not None and window.queue_counts.unclaimed == 1, timeout=10000)
    assert window.queue_items["unclaimed"].text() == "Невостребованные (1)"
    assert window.queue_items["unclaimed"].font().bold()
    window.queue_list.setCurrentItem(window.queue_items["unclaimed"])
    qtbot.waitUntil(lambda: window.table_model.rowCount() == 1, timeout=10000)
    view = open_view(number, parent=window)
    assert view.buttons["return_to_agency"].isVisible()
    act(qtbot, view, click(qtbot, view.buttons["return_to_agency"]))
    assert "не востребован" in asked[-1] and "отменить его нельзя" in asked[-1]
    assert view.preview is not None and view.preview.windowTitle().startswith("Реестр возврата № ")
    view.preview.close()
    assert queries.application_state(ctx, CLERK, number).status == AppStatus.RETURNED_TO_AGENCY
    assert view.buttons["return_to_agency"].isHidden() and view.buttons["issue"].isHidden()
    qtbot.waitUntil(lambda: window.queue_counts.unclaimed == 0, timeout=10000)
    view.close()


def test_electronic_handover_without_a_scan_offers_to_attach_it(qtbot, ctx, open_view, asked):
    data = sample_application(provided_by_applicant=["egrn_extract", "fns_income", "mvd_registration"])
    number = applications.register(ctx, CLERK, data).number  # housing_subsidy: electronic, passport scan needed
    view = open_view(number)
    act(qtbot, view, click(qtbot, view.buttons["handover"]))  # refused, then the scan is attached
    assert "в электронном виде" in asked[0]
    assert "нет скана документа «Паспорт" in asked[1] and asked[1].endswith("Приложить скан сейчас?")
    assert view.status_label.text() == "Скан приложен — теперь дело можно передать" or view.data.scans
    act(qtbot, view, click(qtbot, view.buttons["handover"]))
    st = queries.application_state(ctx, CLERK, number)
    assert st.status == AppStatus.HANDED_OVER and st.handover.case_id
    view.close()


def test_cancelled_confirmation_changes_nothing(qtbot, ctx, tasks):
    number = register_case(ctx)
    view = ApplicationView(ctx, CLERK, tasks, number, confirm=lambda parent, text: False)
    qtbot.addWidget(view)
    view.show()
    wait_loaded(qtbot, view)
    qtbot.mouseClick(view.buttons["handover"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy and view.status_label.text() == "Дело готово к передаче; реестр не напечатан",
                    timeout=10000)
    assert queries.application_state(ctx, CLERK, number).status == AppStatus.REGISTERED


def test_electronic_path_shows_the_agency_result_and_its_document(qtbot, online_ctx, make_window, open_view, asked):
    from clerk_app.services import requests
    from clerk_app.services.scans import ScanFile
    from clerk_app.sync.engine import SyncEngine

    ctx = online_ctx
    number = applications.register(ctx, CLERK, sample_application(), [ScanFile("passport", "паспорт.pdf", PDF)]).number
    requests.create_requests(ctx, CLERK, number)
    engine = SyncEngine(ctx)
    for _ in range(3):
        engine.run_pass()
        if queries.application_state(ctx, CLERK, number).status == AppStatus.READY_FOR_HANDOVER:
            break
    window = make_window()
    qtbot.waitUntil(lambda: window.queue_counts is not None and window.queue_counts.to_handover == 1, timeout=10000)
    assert window.queue_items["to_handover"].text() == "Готовы к передаче (1)"
    view = open_view(number, parent=window)
    act(qtbot, view, click(qtbot, view.buttons["handover"]))
    assert "в электронном виде" in asked[-1]
    assert "при ближайшей синхронизации" in view.status_label.text() or view.data.state.handover is not None
    for _ in range(6):
        engine.run_pass()
        if queries.application_state(ctx, CLERK, number).status == AppStatus.RESULT_RECEIVED:
            break
        qtbot.wait(300)
    assert queries.application_state(ctx, CLERK, number).status == AppStatus.RESULT_RECEIVED
    view.reload()  # (a read started before the passes may still arrive first)
    qtbot.waitUntil(lambda: view.data.state.status == AppStatus.RESULT_RECEIVED and not view.busy, timeout=10000)
    tab = view.agency_tab
    assert [tab.history.item(r, 1).text() for r in range(tab.history.rowCount())] == [
        "Дело принято ведомством", "Результат предоставления услуги"]
    assert not tab.history.isHidden() and tab.no_history.isHidden()
    assert tab.documents.count() == 1 and "получен от ведомства через шлюз" in tab.documents.item(0).text()
    texts = [tab.summary_form.itemAt(r, tab.summary_form.ItemRole.FieldRole).widget().text()
             for r in range(tab.summary_form.rowCount())]
    assert any(t.startswith("отказ в предоставлении услуги; получен от ведомства через шлюз") for t in texts)
    assert view.buttons["issue"].isVisible() and view.buttons["record_result"].isHidden()
    view.close()


def test_supervisor_decides_while_requests_are_open_with_a_recorded_reason(qtbot, ctx, open_view):
    from clerk_app.services import requests
    from tests.factories import SUPERVISOR, centre_decides

    centre_decides(ctx)  # the sample service decided by the centre
    number = applications.register(ctx, CLERK, sample_application()).number
    requests.create_requests(ctx, CLERK, number)  # open: the decision is held up
    clerk = open_view(number)
    assert clerk.buttons["decide"].isHidden()
    clerk.close()
    view = open_view(number, SUPERVISOR)
    assert view.buttons["decide"].isVisible()
    qtbot.mouseClick(view.buttons["decide"], Qt.MouseButton.LeftButton)
    reason = view.reason_dialog
    assert reason is not None and reason.isVisible() and view.decision_dialog is None
    reason.text_edit.setPlainText("Заявитель представил сведения сам, ответы не нужны")
    qtbot.mouseClick(reason.ok_button, Qt.MouseButton.LeftButton)
    dialog = view.decision_dialog
    assert dialog is not None and dialog.isVisible()
    act(qtbot, view, click(qtbot, dialog.ok_button))
    st = queries.application_state(ctx, SUPERVISOR, number)
    assert st.status == AppStatus.DECIDED and st.overrides[-1].act == "decide"
    assert st.overrides[-1].reason.startswith("Заявитель представил сведения сам")
    view.close()


def test_registers_dialog_prints_an_agencys_handover_and_return_registers(qtbot, ctx, make_window, asked):
    first, second = register_case(ctx), register_case(ctx)
    for number in (first, second):
        handover.handover(ctx, CLERK, number)  # checked ready: both wait for the paper register
    window = make_window()
    window.findChild(type(window.new_action), "registers").trigger()
    dialog = next(w for w in window._children if type(w).__name__ == "RegistersDialog")
    dialog.confirm = lambda _parent, text: asked.append(text) or True
    qtbot.waitUntil(lambda: dialog.agency_combo.count() > 0, timeout=10000)
    dialog.agency_combo.setCurrentIndex(dialog.agency_combo.findData("ADM-VLG"))
    qtbot.waitUntil(lambda: dialog.cases.count() == 2, timeout=10000)
    assert [dialog.cases.item(i).text().split(" — ")[0] for i in range(2)] == [first, second]
    assert dialog.cases.item(0).text().split(" — ")[1] == "Иванова Мария Петровна"
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=10000)
    assert "Реестр передачи в «" in asked[-1] and "дел 2" in asked[-1] and "отменить её нельзя" in asked[-1]
    assert dialog.preview.windowTitle().startswith("Реестр передачи № ")
    dialog.preview.close()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "Нет дел для этого реестра", timeout=10000)
    assert not dialog.print_button.isEnabled()
    assert {queries.application_state(ctx, CLERK, n).status for n in (first, second)} == {AppStatus.HANDED_OVER}

    agency_results.record_paper_result(ctx, CLERK, first, True, "15-р", ctx.now().date(), "Иванов И. И.")
    ctx.clock = lambda: local_now() + timedelta(days=61)
    dialog.return_radio.setChecked(True)
    dialog.agency_combo.setCurrentIndex(dialog.agency_combo.findData("ADM-VLG"))
    qtbot.waitUntil(lambda: dialog.cases.count() == 1, timeout=10000)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queries.application_state(ctx, CLERK, first).status == AppStatus.RETURNED_TO_AGENCY,
                    timeout=10000)
    assert "Реестр возврата в «" in asked[-1]
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=10000)
    dialog.preview.close()
    dialog.close()
