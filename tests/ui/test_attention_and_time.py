"""Issue 12, points 3 and 4: one local time zone everywhere; an agency's refusal is visible and counted
in «Требуют внимания»."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from PySide6.QtCore import Qt

from clerk_app.documents.formatting import fmt_datetime
from clerk_app.services import applications, queries, requests
from clerk_app.services.clock import parse_rfc3339
from clerk_app.sync import responses
from tests.factories import CLERK, SUPERVISOR, centre_decides, sample_application
from tests.ui.conftest import wait_rows
from ui.application_view import ApplicationView
from ui.models.application_table import ATTENTION_ROLE, OVERDUE_ROLE
from ui.widgets.answer_tree import value_text


def test_utc_and_local_times_are_shown_in_one_zone(volgograd):
    assert value_text("2026-11-27T04:53:00Z") == "27.11.2026 07:53"
    assert value_text("2026-11-27T07:53:00+03:00") == "27.11.2026 07:53"
    assert value_text("2026-11-27T06:53:00+02:00") == "27.11.2026 07:53"
    assert fmt_datetime(datetime(2026, 11, 27, 4, 53, tzinfo=timezone.utc)) == "27.11.2026 07:53"
    assert parse_rfc3339("2026-11-27T22:30:00Z").date().isoformat() == "2026-11-28"  # local day after midnight
    assert os.environ["TZ"] == "Europe/Volgograd"


def _refuse(ctx, number: str, answered_at: str) -> str:
    state = queries.application_state(ctx, SUPERVISOR, number)
    message_id = state.requests[0].message_id
    responses._store_page(ctx, [({
        "response_id": "resp-refusal-1", "message_id": message_id, "status": "rejected", "agency": "FNS-34",
        "answered_at": answered_at, "data": None, "refusal_reason": "Сведения о доходах не найдены",
    }, [])], [], responses.TakeResult())
    return message_id


def test_refusal_is_visible_and_counted_in_attention(qtbot, ctx, volgograd, make_window):
    reg = applications.register(ctx, CLERK, sample_application())
    requests.create_requests(ctx, CLERK, reg.number, ["fns_income"])
    _refuse(ctx, reg.number, "2026-11-27T04:54:00Z")
    counts = queries.queue_counts(ctx)
    assert counts.attention == 1
    assert counts.outbox_pending_requests == 1 and counts.outbox_pending > 1

    window = make_window()
    qtbot.waitUntil(lambda: window.queue_counts is not None and window.queue_counts.attention == 1, timeout=10000)
    item = window.queue_items["attention"]
    assert item.text() == "Требуют внимания (1)" and item.font().bold()
    assert window.status.pending_label.text() == "Запросов к отправке: 1"
    window.queue_list.setCurrentItem(item)
    wait_rows(qtbot, window, 1)
    for col in (0, 3):  # the refused case's row is coloured as an overdue one is, in every column
        index = window.table_model.index(0, col)
        assert index.data(ATTENTION_ROLE) is True and index.data(OVERDUE_ROLE) is False
        assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"
        assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#8a1010"
    assert "Ведомство отказало" in window.table_model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)

    view = window.open_application(reg.number)
    qtbot.waitUntil(lambda: view.data is not None, timeout=10000)
    assert view.alert_label.isVisible()
    assert "Отказ ведомства" in view.alert_label.text()
    assert "Сведения о доходах не найдены" in view.alert_label.text()
    row = [view.requests.item(0, c).text() for c in range(view.requests.columnCount())]
    assert row[1] == "Отказ ведомства" and row[2] == "27.11.2026 07:54"
    assert view.requests.item(0, 1).background().color().name() == "#fdecea"
    top = view.answers.topLevelItem(0)
    assert top.text(1).endswith("27.11.2026 07:54")
    agency = [top.child(i).text(1) for i in range(top.childCount()) if top.child(i).text(0) == "Ведомство"]
    assert agency == ["УФНС России по Волгоградской области"]
    names = {view.history.item(r, 2).text() for r in range(view.history.rowCount())}
    assert "clerk" not in names and "system" not in names
    assert "Система (синхронизация)" in names and CLERK.full_name in names
    view.close()


def test_decided_case_leaves_attention(ctx):
    centre_decides(ctx)
    reg = applications.register(ctx, CLERK, sample_application())
    requests.create_requests(ctx, CLERK, reg.number, ["fns_income"])
    _refuse(ctx, reg.number, "2026-11-27T04:54:00Z")
    assert queries.queue_counts(ctx).attention == 1
    assert [r.attention for r in queries.page(ctx, queries.ListFilter(), 0, 10)] == [True]
    applications.decide(ctx, SUPERVISOR, reg.number, False, "Нет сведений о доходах")
    assert queries.queue_counts(ctx).attention == 0
    assert [r.attention for r in queries.page(ctx, queries.ListFilter(), 0, 10)] == [False]


def test_offline_sync_does_not_claim_a_sync_time(qtbot):
    from types import SimpleNamespace

    from ui.status_bar import StatusBar

    bar = StatusBar()
    qtbot.addWidget(bar)
    summary = SimpleNamespace(online=False, error="шлюз не отвечает", pending=3, needs_attention=0, sent=0,
                              answers=0, case_statuses=0, events_in=0, failed=0)
    bar.show_summary(summary, datetime(2026, 11, 27, 9, 15))
    assert bar.last_sync is None
    assert bar.last_sync_label.text() == "Нет связи: попытка в 09:15"
    assert "Синхронизация:" not in bar.last_sync_label.text()
    assert "шлюз не отвечает" in bar.currentMessage()


def test_a_sync_summary_names_what_came_in(qtbot):
    from types import SimpleNamespace

    from ui.status_bar import StatusBar

    bar = StatusBar()
    qtbot.addWidget(bar)
    summary = SimpleNamespace(online=True, error=None, pending=0, needs_attention=0, sent=2, answers=3,
                              case_statuses=2, events_in=1, failed=0)
    bar.show_summary(summary, datetime(2026, 11, 27, 9, 15))
    assert bar.currentMessage() == "Отправлено 2, ответов 3, статусов дел 2, событий с других мест 1"
    assert bar.online_label.toolTip() == ("Последний обмен со шлюзом в 09:15: отправлено 2, ответов 3, "
                                          "статусов дел 2, событий с других мест 1")
