"""Fixtures for widget tests: a task runner bound to the test's workstation, a logged-in main window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.factories import CLERK
from ui.tasks import TaskRunner


@pytest.fixture(scope="session", autouse=True)
def _window_settings(tmp_path_factory, qapp):
    """Remembered geometry goes to a private folder; the window's style and keyboard layer are on."""
    from PySide6.QtCore import QSettings

    from ui.keys import install_latin_mnemonics
    from ui.style import apply_style

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qsettings")))
    qapp.setOrganizationName("clerk-app-tests")
    apply_style(qapp)
    install_latin_mnemonics(qapp)
    yield


@pytest.fixture
def volgograd(monkeypatch):
    """The workstation in Volgograd (UTC+3) while the gateway speaks UTC."""
    import time

    monkeypatch.setenv("TZ", "Europe/Volgograd")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tasks(qtbot, ctx):
    """A TaskRunner whose jobs are finished before the workstation closes."""
    runner = TaskRunner()
    yield runner
    runner.wait(30000)


@pytest.fixture
def make_window(qtbot, ctx, tasks):
    """Build a MainWindow without a timer-driven sync (tests start passes themselves)."""
    from ui.main_window import MainWindow

    made = []

    def make(actor=CLERK, context=None, **kwargs):
        kwargs.setdefault("auto_sync", False)
        window = MainWindow(context or ctx, actor, tasks, **kwargs)
        window.show()
        window.activateWindow()  # shortcuts (F2, Ctrl+F) reach the active window only
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: window.settings is not None, timeout=10000)
        made.append(window)
        return window

    yield make
    # results still queued for the windows are delivered before the windows go
    tasks.wait(30000)
    QApplication.processEvents()
    for w in made:
        w.close()
        w.deleteLater()
    QApplication.processEvents()


def wait_rows(qtbot, window, rows: int, timeout: int = 10000) -> None:
    """Until the list shows `rows` rows and the first of them has been read."""
    from ui.models.application_table import LOADING

    model = window.table_model

    def ready() -> bool:
        assert not model.is_counting
        assert model.rowCount() == rows
        if rows:
            assert model.index(0, 0).data() not in (None, LOADING)

    qtbot.waitUntil(ready, timeout=timeout)
