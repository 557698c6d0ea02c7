"""README screenshots on a training workstation: run under `xvfb-run -s "-screen 0 1366x768x24"`.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py docs/screenshots
    QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py /tmp/shots-150

Whole-screen grabs, so that a window running off the screen shows as cut off.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait(app, cond, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not cond() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    return bool(cond())


def pause(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    wait(app, lambda: False, seconds)


def fill_workstation(ctx, actor) -> str:  # type: ignore[no-untyped-def]
    """Twenty-odd invented applicants; requests sent and answered by the sandbox. The number to show."""
    from clerk_app.devtools.generate import _person
    from clerk_app.devtools.samples import sample_application
    from clerk_app.services import applications, requests
    from clerk_app.sync.engine import SyncEngine

    rnd = random.Random(7)
    services = ["housing_subsidy", "pension_certificate", "inn_issue", "repeat_civil_certificate",
                "pension_certificate"]
    shown = ""
    for i in range(24):
        person = _person(rnd, 4000 + i, date.today())
        data = sample_application(service=services[i % len(services)])
        person.pop("full_name")
        person["inn"] = "344404512333" if i % len(services) == 0 else None
        data["applicant"] = {k: v for k, v in person.items() if v is not None}
        if data["service"] != "housing_subsidy":
            data.pop("subject", None)
        reg = applications.register(ctx, actor, data)
        if data["service"] in ("housing_subsidy", "inn_issue") and i < 20:
            requests.create_requests(ctx, actor, reg.number, None)
            shown = shown or reg.number
    engine = SyncEngine(ctx)
    for _ in range(4):
        engine.run_pass()
        time.sleep(0.3)
    return shown


def main(out: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from clerk_app.services import operators
    from ui.application_view import ApplicationView
    from ui.forms.new_application import NewApplicationDialog
    from ui.keys import install_latin_mnemonics
    from ui.main_window import MainWindow
    from ui.russian_qt import install_translations
    from ui.style import apply_style
    from ui.tasks import TaskRunner
    from tools.screenshots_agency import save_small
    from ui.training import TRAINEE_LOGIN, start_training

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="clerk-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app.setOrganizationName("clerk-app-shots")
    install_translations(app)
    apply_style(app)
    install_latin_mnemonics(app)
    session = start_training(folder / "training", answer_delay=0)
    ctx = session.ctx
    try:
        actor = operators.actor_for(ctx, TRAINEE_LOGIN)
        number = fill_workstation(ctx, actor)
        tasks = TaskRunner()
        screen = app.primaryScreen()

        def shot(name: str) -> None:
            pause(app, 0.8)
            save_small(screen.grabWindow(0).toImage(), out / f"{name}.png")

        window = MainWindow(ctx, actor, tasks, training=True, auto_sync=False)
        window.show()
        wait(app, lambda: window.settings is not None and window.table_model.rowCount() > 0)
        window.sync_now()
        wait(app, lambda: window.status.last_sync is not None, 30)
        window.table.setFocus()
        window.table.selectRow(0)
        shot("main-window")

        form = NewApplicationDialog(ctx, actor, tasks, parent=window)
        form.show()
        wait(app, lambda: form.service_edit.isEnabled())
        form.last_name.setText("Смирнова")
        form.first_name.setText("Ольга")
        form.birth_date.setText("12.03.1975")
        form.service_edit.setText("субсидии на оплату")
        form.service_edit.setFocus()
        form.picker._service_finished()
        form.inn.setFocus()
        shot("new-application")
        form.dirty = False
        form.close()

        view = ApplicationView(ctx, actor, tasks, number, parent=window)
        view.show()
        wait(app, lambda: view.data is not None)
        view.tabs.setCurrentIndex(2)
        shot("application")
        view.tabs.setCurrentIndex(3)
        shot("application-answers")

        view.print_receipt()
        wait(app, lambda: view.preview is not None and view.preview.isVisible())
        shot("preview")
        view.preview.close()
        dialog = view.open_decision()
        view.preview = None
        view.preview_draft_decision(True, "", "")
        wait(app, lambda: view.preview is not None and view.preview.isVisible())
        shot("draft-preview")
        view.preview.close()
        dialog.reject()
        view.close()
        from tools.screenshots_agency import agency_shots

        agency_shots(app, ctx, actor, tasks, window, out, wait, pause)
        window.refresh()
        wait(app, lambda: window.queue_counts is not None and window.queue_counts.handed_over > 0, 10)
        window.queue_list.setCurrentItem(window.queue_items["handed_over"])
        window.table.setFocus()
        shot("main-window-agency")
        window.close()
        tasks.wait(30000)
    finally:
        session.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
