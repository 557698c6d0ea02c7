from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clerk_app.devtools.generate import generate
from clerk_app.domain.projection import replay
from clerk_app.services import applications, queries
from clerk_app.services.events import event_json, ordered_events
from clerk_app.storage.models import Application
from tests.factories import ADMIN, CLERK, PASSWORD, SUPERVISOR, sample_application
from tests.ui.conftest import wait_rows
from ui.models.application_table import (
    COL_DUE,
    COL_NUMBER,
    COL_REGISTERED,
    COL_STATUS,
    LOADING,
    MAX_WANTED,
    NUMBER_ROLE,
    OVERDUE_ROLE,
    PAGE_SIZE,
    ApplicationTableModel,
)


@pytest.fixture
def registered(ctx):
    """One application typed by a clerk plus 300 generated ones."""
    generate(ctx, 300, seed=7)
    return applications.register(ctx, CLERK, sample_application())


def _numbers(window) -> list[str]:
    m = window.table_model
    return [m.index(r, COL_NUMBER).data(NUMBER_ROLE) for r in range(min(m.rowCount(), PAGE_SIZE))]


def _search(qtbot, window, text: str) -> None:
    window.search_edit.setFocus()
    window.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(window.search_edit, text)
    else:  # QTest types ASCII only; a Cyrillic keyboard layout delivers the text like this
        window.search_edit.insert(text)
        window.search_edit.textEdited.emit(window.search_edit.text())
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)


def test_generated_projection_equals_replay_of_its_events(ctx):
    generate(ctx, 400, seed=3)
    with ctx.db.read() as s:
        rows = s.query(Application).all()
        assert len(rows) == 400
        assert {r.status for r in rows} >= {"registered", "awaiting_responses", "issued"}
        for row in rows:
            state = replay(event_json(e) for e in ordered_events(s, row.id))
            assert state is not None and state.to_json() == row.state


def test_window_shows_queue_counts_and_rows(qtbot, ctx, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    qtbot.waitUntil(lambda: window.queue_counts is not None, timeout=10000)
    expected = queries.queue_counts(ctx)
    assert window.queue_counts == expected
    assert expected.today >= 1
    for key, title in (("today", "Сегодня"), ("awaiting", "Ждут ответов"), ("ready", "Готовы к решению"),
                       ("to_issue", "К выдаче"), ("overdue", "Просрочено"), ("attention", "Требуют внимания")):
        assert window.queue_items[key].text() == f"{title} ({expected.queue(key)})"
    m = window.table_model
    first = queries.page(ctx, queries.ListFilter(), 0, 1)[0]
    assert m.index(0, COL_NUMBER).data() == first.number
    assert m.index(0, COL_DUE).data() == first.due_date.strftime("%d.%m.%Y")
    assert m.index(0, COL_REGISTERED).data().count(".") == 2
    assert m.index(0, COL_STATUS).data() in {"Зарегистрировано", "Ждёт ответов", "Готово к решению",
                                             "Решение принято", "Результат выдан", "Отозвано заявителем",
                                             "Отказ в приёме"}
    assert "Найдено заявлений: 301" == window.list_label.text()


def test_selecting_a_queue_lists_its_applications(qtbot, ctx, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    for key in ("today", "awaiting", "overdue"):
        window.queue_list.setCurrentItem(window.queue_items[key])
        expected = queries.count(ctx, queries.ListFilter(queue=key))
        wait_rows(qtbot, window, expected)
        assert window.table_model.list_filter.queue == key


def test_search_by_number_name_snils_and_passport(qtbot, ctx, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    for text in (registered.number, "иванова мария", "112-233-445 95", "11223344595", "1806 123456"):
        _search(qtbot, window, text)
        qtbot.waitUntil(lambda: not window.table_model.is_counting and registered.number in _numbers(window),
                        timeout=10000)
        assert window.table_model.rowCount() == queries.count(ctx, queries.ListFilter(text=text))
    _search(qtbot, window, registered.number)
    wait_rows(qtbot, window, 1)
    _search(qtbot, window, "Несуществующая Фамилия")
    wait_rows(qtbot, window, 0)
    qtbot.waitUntil(lambda: "Ничего не найдено" in window.list_label.text(), timeout=10000)
    assert window.list_label.text() == "Ничего не найдено: ФИО начинается с «Несуществующая Фамилия»"


def test_name_search_says_its_order_and_empty_number_search_says_what_was_searched(qtbot, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    _search(qtbot, window, "Иванова М.П.")
    qtbot.waitUntil(lambda: registered.number in _numbers(window), timeout=10000)
    qtbot.waitUntil(lambda: window.list_label.text().endswith("· по фамилии и инициалам, затем новые выше"),
                    timeout=10000)
    _search(qtbot, window, "1999-000001")
    wait_rows(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.list_label.text() == "Ничего не найдено: номер заявления …1999-000001",
                    timeout=10000)


def test_search_moves_to_all_applications_and_ctrl_f_focuses_it(qtbot, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    window.queue_list.setCurrentItem(window.queue_items["to_issue"])
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "1806")
    assert window.queue_list.currentRow() == 0


def test_filters_status_service_and_period(qtbot, ctx, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    window.status_combo.setCurrentIndex(window.status_combo.findData("issued"))
    wait_rows(qtbot, window, queries.count(ctx, queries.ListFilter(status="issued")))
    qtbot.waitUntil(lambda: window.service_combo.count() > 1, timeout=10000)
    window.service_combo.setCurrentIndex(window.service_combo.findData("housing_subsidy"))
    wait_rows(qtbot, window, queries.count(ctx, queries.ListFilter(status="issued", service="housing_subsidy")))
    window.reset_filters()
    wait_rows(qtbot, window, 301)
    today = ctx.now().date()
    window.date_from.setDate(today - timedelta(days=30))
    window.date_to.setDate(today)
    assert window.date_from.displayFormat() == "dd.MM.yyyy"
    window.period_check.setChecked(True)
    expected = queries.count(ctx, queries.ListFilter(registered_from=today - timedelta(days=30),
                                                     registered_to=today))
    wait_rows(qtbot, window, expected)
    assert 0 < expected < 301


def test_overdue_rows_are_marked(qtbot, ctx, make_window, registered):
    window = make_window()
    window.queue_list.setCurrentItem(window.queue_items["overdue"])
    n = queries.count(ctx, queries.ListFilter(queue="overdue"))
    assert n > 0
    wait_rows(qtbot, window, n)
    index = window.table_model.index(0, COL_NUMBER)
    assert index.data(OVERDUE_ROLE) is True
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None


class PageReads(list):
    """The pages the model asked `queries.page` for, in the order it asked (page numbers)."""

    def __init__(self, real):
        super().__init__()
        self.real = real  # the unrecorded query, for the test's own look-ups

    def __call__(self, ctx, f, offset, limit):
        assert limit == PAGE_SIZE and offset % PAGE_SIZE == 0
        self.append(offset // PAGE_SIZE)
        return self.real(ctx, f, offset, limit)


@pytest.fixture
def page_reads(monkeypatch):
    reads = PageReads(queries.page)
    monkeypatch.setattr(queries, "page", reads)
    return reads


def _settled(qtbot, tasks, model) -> None:
    """Until the model has nothing left to read: no job running, no result waiting to be delivered."""
    def idle() -> bool:
        tasks.wait()
        QApplication.processEvents()
        return not model.is_counting and not model.is_reading

    qtbot.waitUntil(idle, timeout=10000)


def test_lazy_model_counts_5000_rows_and_reads_only_the_pages_looked_at(qtbot, ctx, tasks, page_reads):
    generate(ctx, 5000, seed=11)
    model = ApplicationTableModel(ctx, tasks)
    model.set_filter(queries.ListFilter())
    qtbot.waitUntil(lambda: model.rowCount() == 5000 and model.loaded_pages() == [0], timeout=10000)
    assert page_reads == [0]  # the first page is read with the count, before anything asks for it
    assert model.index(10, COL_NUMBER).data() != LOADING
    assert model.index(4321, COL_NUMBER).data() == LOADING
    qtbot.waitUntil(lambda: model.index(4321, COL_NUMBER).data() != LOADING, timeout=10000)
    assert model.loaded_pages() == [0, 4321 // PAGE_SIZE]
    expected = page_reads.real(ctx, queries.ListFilter(), 4321, 1)[0].number
    assert model.index(4321, COL_NUMBER).data(NUMBER_ROLE) == expected
    _settled(qtbot, tasks, model)
    assert page_reads == [0, 4321 // PAGE_SIZE]  # nothing else was read
    assert model.loaded_pages() == [0, 4321 // PAGE_SIZE]


def test_fast_scrolling_reads_the_newest_wish_and_drops_old_ones(qtbot, ctx, tasks, page_reads):
    generate(ctx, 5000, seed=12)
    model = ApplicationTableModel(ctx, tasks)
    model.set_filter(queries.ListFilter())
    qtbot.waitUntil(lambda: model.rowCount() == 5000 and model.loaded_pages() == [0], timeout=10000)
    assert not model.is_reading
    for row in range(0, 5000, PAGE_SIZE):  # every page asked for in a row, as a scrollbar drag would
        model.index(row, 0).data()
    # page 1 is read at once (the lane was idle); while it is read the clerk asks for 2..24 and
    # only the newest MAX_WANTED wishes are kept, then read newest first
    newest = list(range(24, 24 - MAX_WANTED, -1))
    qtbot.waitUntil(lambda: 24 - MAX_WANTED + 1 in model.loaded_pages(), timeout=10000)
    _settled(qtbot, tasks, model)
    assert page_reads == [0, 1, *newest]
    assert model.loaded_pages() == sorted([0, 1, *newest])
    for page in (2, 24 - MAX_WANTED):  # dropped wishes show «…» and are asked for again when looked at
        assert model.index(page * PAGE_SIZE, COL_NUMBER).data() == LOADING
    _settled(qtbot, tasks, model)
    assert page_reads[-2:] == [2, 24 - MAX_WANTED]
    assert model.index(2 * PAGE_SIZE, COL_NUMBER).data() != LOADING


def test_refresh_shows_a_new_application_on_top(qtbot, ctx, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    new = applications.register(ctx, CLERK, sample_application(service="inn_issue"))
    window.refresh()
    wait_rows(qtbot, window, 302)
    qtbot.waitUntil(lambda: _numbers(window)[0] == new.number, timeout=10000)


def test_menus_follow_the_operator_role(qtbot, make_window):
    clerk = make_window(CLERK)
    assert clerk.new_action.isEnabled()
    assert not clerk.admin_menu.menuAction().isVisible()
    boss = make_window(SUPERVISOR)
    assert boss.audit_action.isVisible() and not boss.settings_action.isVisible()
    admin = make_window(ADMIN)
    assert admin.settings_action.isVisible() and admin.operators_action.isVisible()
    assert not admin.new_action.isEnabled()
    assert admin.pages.currentWidget() is admin.no_view_page
    assert "не допускает просмотр заявлений" in admin.no_view_page.text()
    assert admin.open_new_application() is None


def test_enter_opens_the_application_view(qtbot, make_window, registered, monkeypatch):
    pytest.importorskip("ui.application_view")
    window = make_window()
    wait_rows(qtbot, window, 301)
    opened = []
    monkeypatch.setattr(window, "open_application", lambda number: opened.append(number))
    _search(qtbot, window, registered.number)
    wait_rows(qtbot, window, 1)
    window.table.setFocus()
    window.table.setCurrentIndex(window.table_model.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == [registered.number]


def test_f2_opens_the_new_application_form(qtbot, make_window):
    pytest.importorskip("ui.forms.new_application")
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    dialogs = [w for w in window._children if w.objectName() != "messageBox"]
    assert dialogs and type(dialogs[0]).__name__ == "NewApplicationDialog"


def test_training_banner(qtbot, make_window):
    window = make_window(training=True)
    assert window.training_banner.isVisible()
    assert window.training_banner.text().startswith("Учебный режим")
    assert "УЧЕБНЫЙ РЕЖИМ" in window.windowTitle()
    assert not make_window().training_banner.isVisible()


def _lock_by_idleness(qtbot, window):
    window.idle_lock.set_interval_ms(150)
    qtbot.waitUntil(lambda: window.locked and window.lock_dialog is not None and window.lock_dialog.isVisible(),
                    timeout=5000)
    return window.lock_dialog


def test_idle_lock_hides_data_and_needs_the_same_password(qtbot, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 301)
    dialog = _lock_by_idleness(qtbot, window)
    assert window.pages.currentWidget() is window.locked_page
    assert not window.table.isVisible()
    assert not window.menuBar().isEnabled()
    assert dialog.login_edit.text() == "clerk" and dialog.login_edit.isReadOnly()
    dialog.password_edit.setText("неверный-пароль")
    dialog.try_login()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert window.locked
    dialog.password_edit.setText(PASSWORD)
    dialog.try_login()
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    assert window.table.isVisible() and window.actor == CLERK


def test_input_postpones_the_idle_lock(qtbot, make_window):
    window = make_window()
    window.idle_lock.set_interval_ms(400)
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Shift)
        qtbot.wait(50)
    assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=5000)


def test_unlock_by_another_operator_switches_user(qtbot, make_window):
    window = make_window()
    dialog = _lock_by_idleness(qtbot, window)
    dialog.switch_user()
    dialog.login_edit.setText("boss")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.actor_changed, timeout=10000):
        dialog.try_login()
    assert window.actor.login == "boss"
    assert window.audit_action.isVisible()
    assert "Тестовый boss" in window.windowTitle()


def test_switch_user_from_the_menu(qtbot, make_window):
    window = make_window()
    dialog = window.switch_user()
    dialog.login_edit.setText("root")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.actor_changed, timeout=10000):
        dialog.try_login()
    assert window.actor == ADMIN
    assert window.pages.currentWidget() is window.no_view_page
