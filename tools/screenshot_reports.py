"""The README's screenshot of «Отчёты» on generated data (run under xvfb-run at 1366x768):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_reports.py docs/screenshots/reports.png \
        [COUNT [DATA_DIR]]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from clerk_app.devtools.generate import DEMO_STAFF, generate  # noqa: E402
from clerk_app.resources_path import resources_dir  # noqa: E402
from clerk_app.services import catalogue, operators, workstation  # noqa: E402
from clerk_app.services.roles import Actor, Role  # noqa: E402
from ui.reports.reports_window import ReportsWindow  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402


def main(out: Path, count: int = 15_000, data: Path | None = None) -> int:
    """`data`: a folder to keep the generated workstation in (reused when it is there)."""
    data = data or Path(tempfile.mkdtemp(prefix="clerk-shot-"))
    fresh = not (data / "ws").exists()
    ctx = workstation.init(data / "ws", "34-001", "34-001-07", centre_name="МФЦ «Мои документы» Центрального района")
    if fresh:
        catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        for login, name, role in DEMO_STAFF:
            operators.add_operator(ctx, login, name, role, "screenshot-2026")
        staff = tuple(login for login, _, role in DEMO_STAFF if role != "admin")
        generate(ctx, count, seed=5, days=400, operators=staff)
    app = QApplication.instance() or QApplication(sys.argv)
    tasks = TaskRunner()
    window = ReportsWindow(ctx, Actor("boss", "Руководитель Демонстрационный", Role.SUPERVISOR), tasks)
    today = ctx.now().date()
    window.set_period(today - timedelta(days=90), today, "service")
    window.setGeometry(0, 0, 1366, 768)  # the whole 1366x768 screen (xvfb has no window manager)
    window.show()
    window.run()

    def shoot() -> None:
        if window.report is None or not window.run_button.isEnabled():
            QTimer.singleShot(200, shoot)
            return
        app.processEvents()
        window.grab().save(str(out))
        print(f"{out}: {window.width()}x{window.height()}")
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()
    tasks.wait()
    ctx.close()
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    raise SystemExit(main(Path(args[0]), int(args[1]) if len(args) > 1 else 15_000,
                          Path(args[2]) if len(args) > 2 else None))
