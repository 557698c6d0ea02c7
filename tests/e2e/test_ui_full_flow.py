"""The whole flow through the widgets against a sandbox gateway, with the database checked after each step:
log in, type an application, save, preview the receipt, send requests, sync, read the answers,
decide (with a draft preview), print the decision, issue."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.services import answers, audit, queries
from clerk_app.storage.models import OutboxItem
from tests.factories import PASSWORD, SUPERVISOR, centre_decides
from ui.application_view import ApplicationView
from ui.forms.new_application import NewApplicationDialog
from ui.login_dialog import LoginDialog
from tests.qt_keys import key_text
from ui.tasks import TaskRunner
from ui.widgets.answer_tree import ATTACHMENT_ROLE


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    tasks.wait(30000)


@pytest.fixture
def windows(qtbot, runner):
    made = []
    yield made
    runner.wait(30000)
    QApplication.processEvents()
    for w in made:
        w.close()
        w.deleteLater()
    QApplication.processEvents()


def type_field(qtbot, edit, text):
    edit.setFocus()
    edit.home(False)
    key_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def log_in(qtbot, ctx, runner, login):
    dialog = LoginDialog(ctx, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    key_text(qtbot, dialog.login_edit, login)
    key_text(qtbot, dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.actor is not None, timeout=10000)
    rows = audit.read_log(ctx, SUPERVISOR, operator=login, limit=5)
    assert any(r.action == "login" and r.result != "refused" for r in rows)
    return dialog.actor


def open_window(qtbot, ctx, runner, actor, windows):
    from ui.main_window import MainWindow

    window = MainWindow(ctx, actor, runner, auto_sync=False)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: window.settings is not None, timeout=10000)
    windows.append(window)
    return window


def children(window, cls):
    return [w for w in window._children if isinstance(w, cls)]


def sync_pass(qtbot, window):
    with qtbot.waitSignal(window.sync.finished, timeout=60000) as sig:
        assert window.sync.sync_now()
    return sig.args[0]


def wait_view(qtbot, view):
    qtbot.waitUntil(lambda: view.data is not None and not view.busy
                    and view.status_label.text() != "Загрузка…", timeout=10000)


def act(qtbot, view, button):
    with qtbot.waitSignal(view.changed, timeout=10000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    view.data = None
    wait_view(qtbot, view)


def test_whole_flow_through_the_widgets(qtbot, online_ctx, runner, windows, tmp_path):
    ctx = online_ctx
    centre_decides(ctx)  # the window's own decision: the sample service as a centre (version 1) service
    # 1. The clerk logs in and opens the new-application form with F2.
    clerk = log_in(qtbot, ctx, runner, "clerk")
    window = open_window(qtbot, ctx, runner, clerk, windows)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    form = children(window, NewApplicationDialog)[0]
    form.confirm_discard = lambda parent: True
    qtbot.waitUntil(form.service_edit.isEnabled, timeout=10000)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)

    # 2. Types the application from the keyboard and saves it with Ctrl+S.
    for edit, text in ((form.last_name, "Иванова"), (form.first_name, "Мария"), (form.middle_name, "Петровна"),
                       (form.birth_date, "17051980"), (form.snils, "11223344595"), (form.inn, "344404512333"),
                       (form.series, "1806"), (form.number_edit, "123456"),
                       (form.issued_by, "ОУФМС России по Волгоградской обл."), (form.issued_on, "01062010"),
                       (form.division, "340001"), (form.phone, "9171234567"),
                       (form.address, "г. Волгоград, ул. Мира, д. 1, кв. 2"),
                       (form.service_edit, "субсидии на оплату жилого")):
        type_field(qtbot, edit, text)
    type_field(qtbot, form.subject_fields["subject.cadastral_number"].editor, "34:34:060052:1234")
    with qtbot.waitSignal(form.registered, timeout=10000) as sig:
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    number = sig.args[0]
    state = queries.application_state(ctx, SUPERVISOR, number)
    assert state.status == "registered" and state.applicant.full_name == "Иванова Мария Петровна"
    assert [d.code for d in state.documents] == ["passport"]

    # 3. The receipt preview opens with the PDF; saving it counts as its print.
    qtbot.waitUntil(lambda: form.preview is not None, timeout=10000)
    assert form.preview.page_count() >= 1
    assert not any(r.action == "print" and r.object_id == number for r in audit.read_log(ctx, SUPERVISOR, limit=20))
    form.preview.save_dialog = lambda *a: str(tmp_path / "receipt.pdf")
    assert form.preview.save_document() is not None
    qtbot.waitUntil(lambda: any(r.action == "print" and r.object_id == number
                                for r in audit.read_log(ctx, SUPERVISOR, limit=20)), timeout=10000)
    form.preview.close()

    # 4. The application view: send the interagency requests.
    view = window.open_application(number)
    assert isinstance(view, ApplicationView)
    view.confirm = lambda parent, text: True
    wait_view(qtbot, view)
    act(qtbot, view, view.buttons["send_requests"])
    state = queries.application_state(ctx, SUPERVISOR, number)
    assert state.status == "awaiting_responses" and len(state.requests) == 3
    with ctx.db.read() as s:
        assert s.query(OutboxItem).filter(OutboxItem.kind == "message", OutboxItem.state == "pending").count() == 3

    # 5. Sync with the sandbox until the agencies' answers are in.
    deadline = time.monotonic() + 60
    summary = sync_pass(qtbot, window)
    assert summary.online and summary.sent >= 3
    while queries.application_state(ctx, SUPERVISOR, number).status != "ready_for_decision":
        assert time.monotonic() < deadline, "the sandbox's answers did not arrive"
        qtbot.wait(200)
        sync_pass(qtbot, window)
    got = answers.answers_for(ctx, SUPERVISOR, number)
    assert len(got) == 3
    with ctx.db.read() as s:
        assert s.query(OutboxItem).filter(OutboxItem.state == "pending").count() == 0

    # 6. The answers are shown; a PDF attachment opens in the preview.
    view.data = None
    view.reload()
    wait_view(qtbot, view)
    tops = [view.answers.topLevelItem(i) for i in range(view.answers.topLevelItemCount())]
    assert {t.text(0) for t in tops} == {a.kind_name for a in got}
    assert "Готово к решению" in view.header.text()
    attachment = None
    for top in tops:
        for i in range(top.childCount()):
            box = top.child(i)
            if box.text(0) == "Вложения":
                attachment = box.child(0)
    if attachment is not None:  # an agency may refuse instead of answering with a file
        name = attachment.data(0, ATTACHMENT_ROLE).name  # a change notice may rebuild the tree
        view.preview = None
        view.answers.itemActivated.emit(attachment, 0)
        qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
        assert view.preview.page_count() >= 1
        assert name in view.preview.windowTitle()
        view.preview.close()
    assert view.buttons["decide"].isHidden()  # a clerk does not decide
    view.close()

    # 7. The supervisor logs in, previews the draft decision and approves.
    boss = log_in(qtbot, ctx, runner, "boss")
    window2 = open_window(qtbot, ctx, runner, boss, windows)
    view = window2.open_application(number)
    view.confirm = lambda parent, text: True
    wait_view(qtbot, view)
    qtbot.mouseClick(view.buttons["decide"], Qt.MouseButton.LeftButton)
    dialog = view.decision_dialog
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert view.preview.page_count() >= 1 and "черновик" in view.preview.windowTitle()
    view.preview.close()
    assert queries.application_state(ctx, SUPERVISOR, number).decision is None
    act(qtbot, view, dialog.ok_button)
    state = queries.application_state(ctx, SUPERVISOR, number)
    assert state.status == "decided" and state.decision.outcome == "approved"
    assert state.decision.operator == "boss"

    # 8. Prints the decision.
    view.preview = None
    qtbot.mouseClick(view.buttons["print_decision"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10000)
    assert view.preview.page_count() >= 1
    view.preview.save_dialog = lambda *a: str(tmp_path / "decision.pdf")
    assert view.preview.save_document() is not None
    qtbot.waitUntil(lambda: any(r.action == "print" and r.object_type == "decision" and r.object_id == number
                                for r in audit.read_log(ctx, SUPERVISOR, limit=20)), timeout=10000)
    view.preview.close()

    # 9. Issues the result; the next sync passes the events to the shared register.
    qtbot.mouseClick(view.buttons["issue"], Qt.MouseButton.LeftButton)  # the dialog: to the applicant
    act(qtbot, view, view.agency.issue_dialog.ok_button)
    state = queries.application_state(ctx, SUPERVISOR, number)
    assert state.status == "issued" and state.issued.operator == "boss"
    summary = sync_pass(qtbot, window2)
    assert summary.online and summary.pending == 0
    shown = queries.show(ctx, SUPERVISOR, number).to_json()
    assert [e["type"] for e in shown["events"]][-2:] == ["decided", "issued"]
    assert all(e["synced"] for e in shown["events"])
