"""One change notice keeps every screen and cache true, also for changes made by the sync child process."""

from __future__ import annotations

import json
import os

import pytest

from clerk_app.domain.errors import DomainError
from clerk_app.gateway.sandbox.catalogue import default_catalogue_path
from clerk_app.gateway.sandbox.server import SandboxServer
from clerk_app.services import applications, requests, workstation
from clerk_app.services.changes import Changes
from tests.factories import CLERK, sample_application
from ui.application_view import ApplicationView


def _one_pass(qtbot, window):
    with qtbot.waitSignal(window.sync.finished, timeout=60000):
        assert window.sync.sync_now()
    return window.sync.last_summary


def _request_statuses(view):
    return {view.requests.item(r, 1).text() for r in range(view.requests.rowCount())}  # the «Статус» column


def test_open_application_window_follows_a_sync_pass(qtbot, online_ctx, make_window, tasks):
    number = applications.register(online_ctx, CLERK, sample_application()).number
    requests.create_requests(online_ctx, CLERK, number)
    window = make_window()
    view = window.open_application(number)
    assert isinstance(view, ApplicationView)
    qtbot.waitUntil(lambda: view.data is not None and view.requests.rowCount() == 3, timeout=10000)
    assert _request_statuses(view) == {"В очереди"}
    notices: list[Changes] = []
    tasks.changed.connect(notices.append)

    summary = _one_pass(qtbot, window)  # the pass runs in the sync child process

    assert summary.sent == 3 and view.data.state.id in summary.changes.applications
    # nothing pressed: the notice of the pass makes the open window read the application again
    qtbot.waitUntil(lambda: "В очереди" not in _request_statuses(view), timeout=10000)
    assert _request_statuses(view) <= {"Отправлен", "Получен ответ", "Отказ ведомства", "Ошибка ведомства"}
    assert any(view.data.state.id in n.applications for n in notices)


def test_application_window_ignores_notices_about_other_applications(qtbot, ctx, make_window, tasks):
    number = applications.register(ctx, CLERK, sample_application()).number
    window = make_window()
    view = window.open_application(number)
    qtbot.waitUntil(lambda: view.data is not None and view.status_label.text() != "Загрузка…", timeout=10000)
    loads = view.reloads
    tasks.announce(ctx, Changes(applications=frozenset({"another-id"})))
    assert view.reloads == loads  # no reload started
    tasks.announce(ctx, Changes(applications=frozenset({view.data.state.id})))
    assert view.reloads == loads + 1
    qtbot.waitUntil(lambda: view.status_label.text() != "Загрузка…", timeout=10000)


@pytest.fixture
def catalogue_file(tmp_path):
    path = tmp_path / "gateway-catalogue.json"
    path.write_text(default_catalogue_path().read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def own_sandbox(tmp_path, catalogue_file):
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'gw.sqlite3'}", answer_delay=0,
                       catalogue_path=catalogue_file) as server:
        yield server


def test_service_withdrawn_by_the_sync_process_is_refused_in_the_window(qtbot, ctx, own_sandbox, catalogue_file,
                                                                         make_window):
    workstation.init(ctx.data_dir, "34-001", "34-001-07", own_sandbox.base_url,
                     own_sandbox.token_for("34-001", "34-001-07")).close()
    window = make_window()
    # the window's process has the service in its catalogue cache
    applications.register(ctx, CLERK, sample_application())
    # the gateway withdraws it; only the sync child process reads the new catalogue
    data = json.loads(catalogue_file.read_text(encoding="utf-8"))
    data["services"] = [s for s in data["services"] if s["code"] != "housing_subsidy"]
    data["version"] = f"{data.get('version', '')}-withdrawn"
    catalogue_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stat = catalogue_file.stat()
    os.utime(catalogue_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    summary = _one_pass(qtbot, window)

    assert summary.online and summary.changes.catalogue
    with pytest.raises(DomainError) as refused:
        applications.register(ctx, CLERK, sample_application())
    assert "housing_subsidy" in refused.value.message
    # the window's own list of services follows as well
    qtbot.waitUntil(lambda: window.service_combo.findData("housing_subsidy") < 0, timeout=10000)
