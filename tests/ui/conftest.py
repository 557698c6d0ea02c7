"""Fixtures for widget tests: a task runner bound to the test's workstation, a logged-in main window."""

from __future__ import annotations

import pytest

from tests.factories import CLERK
from ui.tasks import TaskRunner


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
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for w in made:
        w.close()
    tasks.wait(30000)


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
