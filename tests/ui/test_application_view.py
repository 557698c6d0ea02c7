"""The application view: data shown, actions by state and role, each checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget
from sqlalchemy import select

from clerk_app.domain.enums import ReqStatus
from clerk_app.services import applications, queries
from clerk_app.services.answers import AnswerView, AttachmentRef
from clerk_app.storage.models import DocumentPrint
from tests.factories import CLERK, SUPERVISOR, centre_decides, sample_application
from ui.application_view import ApplicationView
from ui.tasks import TaskRunner
from ui.widgets.answer_tree import ATTACHMENT_ROLE, fill_answers


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.wait()


@pytest.fixture
def registered(ctx):
    centre_decides(ctx)  # these tests decide at the window: the sample service as a centre (version 1) service
    return applications.register(ctx, CLERK, sample_application())


@pytest.fixture
def open_view(qtbot, ctx, runner):
    def make(number, actor=CLERK, **kw):
        kw.setdefault("confirm", lambda parent, text: True)
        view = ApplicationView(ctx, actor, runner, number, **kw)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.data is not None, timeout=5000)
        return view

    return make


def reloaded(qtbot, view, action):
    """Run `action`, wait for the service call, the `changed` signal and the reload after it."""
    with qtbot.waitSignal(view.changed, timeout=10000):
        action()
    qtbot.waitUntil(lambda: not view.busy and view.status_label.text() != "Загрузка…", timeout=5000)
    qtbot.waitUntil(lambda: view.data is not None and view.status_label.text() != "Загрузка…", timeout=5000)


def info_texts(view):
    form = view.info_form
    return {form.itemAt(i, form.ItemRole.LabelRole).widget().text(): form.itemAt(i, form.ItemRole.FieldRole)
            .widget().text() for i in range(form.rowCount())}


def test_shows_data_documents_and_history(qtbot, open_view, registered):
    view = open_view(registered.number)
    assert registered.number in view.header.text() and "Зарегистрировано" in view.header.text()
    assert "Назначение субсидии" in view.header.text()
    info = info_texts(view)
    assert info["Заявитель"] == "Иванова Мария Петровна"
    assert info["Дата рождения"] == "17.05.1980"
    y, m, d = registered.due_date.split("-")
    assert info["Срок предоставления"].startswith(f"{d}.{m}.{y}")
    assert info["Телефон"] == "+7 (917) 123-45-67"
    assert info["Кадастровый номер объекта"] == "34:34:060052:1234"
    assert view.documents.rowCount() == 1 and view.documents.item(0, 1).text() == "подлинник"
    assert view.history.item(0, 1).text() == "Заявление зарегистрировано"
    assert view.answers.topLevelItem(0).text(0) == "Ответов пока нет"


def test_clerk_cannot_decide_but_sends_requests(qtbot, ctx, open_view, registered):
    view = open_view(registered.number)
    assert view.buttons["decide"].isHidden()
    assert view.buttons["send_requests"].isVisible()
    assert view.buttons["refuse_intake"].isVisible() and view.buttons["withdraw"].isVisible()
    reloaded(qtbot, view, lambda: qtbot.mouseClick(view.buttons["send_requests"], Qt.MouseButton.LeftButton))
    state = queries.application_state(ctx, SUPERVISOR, registered.number)
    assert state.status == "awaiting_responses"
    assert sorted(r.kind for r in state.requests) == ["egrn_extract", "fns_income", "mvd_registration"]
    assert view.requests.rowCount() == 3
    assert {view.requests.item(r, 1).text() for r in range(3)} == {"В очереди"}
    assert "Ждёт ответов" in view.header.text()
    assert view.buttons["send_requests"].isHidden()  # every kind asked
    assert view.buttons["refuse_intake"].isHidden()


def test_refusal_of_the_service_is_shown_in_russian(qtbot, open_view, registered):
    view = open_view(registered.number)
    with qtbot.waitSignal(view.changed, timeout=300, raising=False) as sig:
        view.decide(True, "", "")
    assert not sig.signal_triggered
    qtbot.waitUntil(view.error_label.isVisible, timeout=5000)
    assert "Недостаточно прав" in view.error_label.text()


def test_supervisor_decides_with_draft_preview_prints_and_issues(qtbot, ctx, open_view, registered):
    view = open_view(registered.number, SUPERVISOR)
    assert view.buttons["decide"].isVisible()
    assert view.buttons["print_decision"].isHidden() and view.buttons["issue"].isHidden()
    qtbot.mouseClick(view.buttons["decide"], Qt.MouseButton.LeftButton)
    dialog = view.decision_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.refuse.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # refusing without a reason is refused
    assert dialog.isVisible() and "Причина отказа" in dialog.error.text()
    dialog.approve.setChecked(True)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert view.preview.page_count() >= 1 and "черновик" in view.preview.windowTitle()
    assert queries.application_state(ctx, SUPERVISOR, registered.number).decision is None
    view.preview.close()

    reloaded(qtbot, view, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    state = queries.application_state(ctx, SUPERVISOR, registered.number)
    assert state.status == "decided" and state.decision.outcome == "approved"
    assert state.decision.operator == "boss"
    assert "Решение принято" in view.header.text()
    assert view.buttons["decide"].isHidden()
    assert view.buttons["print_decision"].isVisible() and view.buttons["issue"].isVisible()

    view.preview = None
    qtbot.mouseClick(view.buttons["print_decision"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert view.preview.page_count() >= 1
    view.preview.close()

    qtbot.mouseClick(view.buttons["issue"], Qt.MouseButton.LeftButton)  # to the applicant (the dialog's default)
    issue = view.agency.issue_dialog
    assert issue is not None and issue.isVisible() and issue.to_applicant.isChecked()
    reloaded(qtbot, view, lambda: qtbot.mouseClick(issue.ok_button, Qt.MouseButton.LeftButton))
    state = queries.application_state(ctx, SUPERVISOR, registered.number)
    assert state.status == "issued" and state.issued.operator == "boss" and state.issued.representative is None
    assert "Результат выдан" in view.header.text()
    assert [view.history.item(r, 1).text() for r in range(view.history.rowCount())] == [
        "Заявление зарегистрировано", "Принято решение", "Результат выдан заявителю"]
    assert view.buttons["issue"].isHidden() and view.buttons["withdraw"].isHidden()


def test_issue_not_confirmed_changes_nothing(qtbot, ctx, open_view, registered):
    applications.decide(ctx, SUPERVISOR, registered.number, True)
    view = open_view(registered.number, confirm=lambda parent, text: False)
    qtbot.mouseClick(view.buttons["issue"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.agency.issue_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not view.busy and view.agency.issue_dialog.isVisible()
    assert queries.application_state(ctx, SUPERVISOR, registered.number).status == "decided"


def test_refusal_decision_keeps_reason_and_ground(qtbot, ctx, open_view, registered):
    view = open_view(registered.number, SUPERVISOR)
    dialog = view.open_decision()
    dialog.refuse.setChecked(True)
    dialog.reason.setPlainText("Доход семьи превышает установленный порог")
    dialog.ground.setText("п. 2.9 регламента")
    reloaded(qtbot, view, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    d = queries.application_state(ctx, SUPERVISOR, registered.number).decision
    assert (d.outcome, d.reason, d.legal_ground) == (
        "refused", "Доход семьи превышает установленный порог", "п. 2.9 регламента")
    assert "Причина: Доход семьи" in info_texts(view)["Решение"]


def test_withdraw_asks_for_a_reason(qtbot, ctx, open_view, registered):
    view = open_view(registered.number)
    qtbot.mouseClick(view.buttons["withdraw"], Qt.MouseButton.LeftButton)
    dialog = view.reason_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText("Заявитель передумал")
    reloaded(qtbot, view, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    state = queries.application_state(ctx, SUPERVISOR, registered.number)
    assert state.status == "withdrawn" and state.closed_reason == "Заявитель передумал"
    assert "Отозвано заявителем" in view.header.text()


def test_refuse_intake(qtbot, ctx, open_view, registered):
    view = open_view(registered.number)
    dialog = view.ask_refuse_intake()
    dialog.text_edit.setPlainText("Представлен недействительный паспорт")
    reloaded(qtbot, view, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    assert queries.application_state(ctx, SUPERVISOR, registered.number).status == "intake_refused"


def _receipt_prints(ctx):
    with ctx.db.read() as s:
        return sum(r.count for r in s.scalars(select(DocumentPrint).where(DocumentPrint.document == "receipt")))


def test_receipt_reprint_counts_only_what_was_printed_or_saved(qtbot, ctx, open_view, registered, tmp_path):
    view = open_view(registered.number)
    qtbot.mouseClick(view.buttons["print_receipt"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert view.preview.page_count() >= 1 and registered.number in view.preview.windowTitle()
    view.preview.close()  # looked at, not printed: not counted
    assert _receipt_prints(ctx) == 0
    view.preview = None
    qtbot.mouseClick(view.buttons["print_receipt"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    view.preview.save_dialog = lambda *a: str(tmp_path / "расписка.pdf")
    assert view.preview.save_document() is not None
    qtbot.waitUntil(lambda: _receipt_prints(ctx) == 1, timeout=10000)
    view.preview.close()


def test_answers_are_readable(qtbot, volgograd):
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    fill_answers(tree, [
        AnswerView("r1", "m1", "egrn_extract", "Выписка из ЕГРН", "ROSREESTR-34", "Росреестр", ReqStatus.ANSWERED,
                   "2026-11-27T10:15:00+03:00", {"objects": [{"cadastral_number": "34:34:060052:1234",
                                                              "area_m2": 54.3, "right_registered_on": "2001-02-03"}]},
                   None, (AttachmentRef(7, "egrn.pdf", "application/pdf", 2048),)),
        AnswerView("r2", "m2", "disability", "Сведения об инвалидности", "SFR-34", "СФР", ReqStatus.REJECTED,
                   "2026-11-27T11:00:00+03:00", None, "сведения отсутствуют", ()),
    ])
    first = tree.topLevelItem(0)
    assert first.text(1) == "Получен ответ, 27.11.2026 10:15"
    texts = []

    def walk(item, depth=0):
        texts.append((item.text(0), item.text(1)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    walk(first)
    assert ("Кадастровый номер", "34:34:060052:1234") in texts
    assert ("Площадь, кв. м", "54,30") in texts
    assert ("Право зарегистрировано", "03.02.2001") in texts
    attachments = [first.child(i) for i in range(first.childCount()) if first.child(i).text(0) == "Вложения"][0]
    assert attachments.child(0).data(0, ATTACHMENT_ROLE).id == 7
    second = tree.topLevelItem(1)
    assert second.text(1).startswith("Отказ ведомства")
    assert second.child(1).text(0) == "Причина отказа" and second.child(1).text(1) == "сведения отсутствуют"


def test_unknown_application_number(qtbot, ctx, runner):
    view = ApplicationView(ctx, CLERK, runner, "34-001-07-2026-999999")
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: bool(view.error_label.text()), timeout=5000)
    assert "не найдено" in view.error_label.text()
    assert all(b.isHidden() for b in view.buttons.values())
