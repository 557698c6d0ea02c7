"""«Отчёты»: a supervisor forms the report, drills down from a cell to its applications, exports."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtCore import Qt

from clerk_app.services.reports.figures import ALL_KEYS
from tests.clerk_app.services.reports.fixtures import NOW, build
from tests.factories import ADMIN, CLERK, SUPERVISOR
from ui.reports.report_model import KEY_ROLE
from ui.reports.reports_window import ReportsWindow


@pytest.fixture
def cases(ctx):
    ctx.clock = lambda: NOW
    return build(ctx)


def _cell(window, key, figure):
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(KEY_ROLE) == key)
    return model.index(row, 1 + ALL_KEYS.index(figure))


def test_form_drill_down_and_open(qtbot, ctx, tasks, cases, tmp_path):
    opened = []
    window = ReportsWindow(ctx, SUPERVISOR, tasks, opened.append)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.report is not None, timeout=10000)  # the current month at once
    window.set_period(date(2026, 9, 1), date(2026, 11, 30), "service")
    qtbot.mouseClick(window.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=10000)  # three services and «Итого»
    assert window.model.index(3, 0).data() == "Итого"
    assert window.model.index(3, 1 + ALL_KEYS.index("accepted")).data() == "14"
    assert window.groups_chart.categories[-1].startswith("Назначение субсидии")  # the largest group on top
    assert window.overdue_chart.slices == {"overdue_agency": 1, "overdue_requests": 1, "overdue_centre": 1}

    cell = _cell(window, "housing_subsidy", "handed_over")
    assert cell.data() == "6"
    window.table.scrollTo(cell)
    rect = window.table.visualRect(cell)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.drill is not None and window.drill.isVisible(), timeout=10000)
    assert sorted(n[-2:] for n in window.drill.numbers()) == ["01", "03", "09", "11", "14", "16"]
    assert "Передано в ведомство" in window.drill.windowTitle()
    table = window.drill.table
    first = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    assert opened == [window.drill.numbers()[0]]
    window.drill.close()

    total = window.model.index(3, 1 + ALL_KEYS.index("overdue_open"))  # the keyboard: Enter on a total
    window.table.setFocus()
    window.table.setCurrentIndex(total)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.drill is not None and window.drill.isVisible(), timeout=10000)
    assert sorted(n[-2:] for n in window.drill.numbers()) == ["11", "12", "13"]

    target = tmp_path / "отчёт.csv"
    window.export("csv", str(target))
    qtbot.waitUntil(target.exists, timeout=10000)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh, delimiter=";"))[-1]["Принято"] == "14"


def test_main_window_menu_and_today_figure(qtbot, ctx, make_window, cases):
    ctx.clock = lambda: NOW.replace(month=9, day=14, hour=18)
    clerk = make_window(CLERK)
    assert not clerk.reports_menu.menuAction().isVisible()
    qtbot.waitUntil(lambda: clerk.today_label.figures is not None, timeout=10000)
    assert clerk.today_label.text().startswith("Сегодня: принято 0, выдано 1, просрочено")
    clerk.set_actor(ADMIN)
    assert clerk.reports_menu.menuAction().isVisible()
    window = clerk.open_reports()
    assert window is not None and window._open_number is None  # an administrator does not open applications
    qtbot.waitUntil(lambda: window.report is not None, timeout=10000)
