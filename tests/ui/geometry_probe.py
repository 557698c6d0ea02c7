"""Run in a child process on an offscreen screen of a given size and scale: opens the main window, the form,
an application window and a preview, and prints whether each window and its buttons lie inside the work area."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from clerk_app.services import applications, printing
    from tests.factories import CLERK, make_context, sample_application
    from ui.application_view import ApplicationView
    from ui.forms.new_application import NewApplicationDialog
    from ui.main_window import MainWindow
    from ui.pdf_preview import PdfPreviewDialog
    from ui.style import apply_style
    from ui.tasks import TaskRunner

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="clerk-geometry-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app.setOrganizationName("clerk-app-geometry")
    apply_style(app)
    ctx = make_context(folder / "ws")
    reg = applications.register(ctx, CLERK, sample_application())
    tasks = TaskRunner()
    available = app.primaryScreen().availableGeometry()
    out: dict = {"available": [available.x(), available.y(), available.width(), available.height()]}

    def wait(cond, ms=20000):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QDeadlineTimer
        deadline = QDeadlineTimer(ms)
        while not cond() and not deadline.hasExpired():
            app.processEvents()
        return cond()

    def record(name, w):  # type: ignore[no-untyped-def]
        app.processEvents()
        g = w.frameGeometry()
        bad = []
        for b in w.findChildren(QAbstractButton):
            if b.isVisible() and b.window() is w:
                top_left = b.mapToGlobal(b.rect().topLeft())
                bottom_right = b.mapToGlobal(b.rect().bottomRight())
                inside = w.geometry().contains(top_left) and w.geometry().contains(bottom_right)
                if not inside or not available.contains(bottom_right):
                    bad.append(b.text())
        out[name] = {"frame": [g.x(), g.y(), g.width(), g.height()],
                     "inside": available.contains(g.topLeft()) and available.contains(g.bottomRight()),
                     "buttons_cut": bad}

    window = MainWindow(ctx, CLERK, tasks, auto_sync=False)
    window.show()
    wait(lambda: window.settings is not None)
    record("main", window)
    form = NewApplicationDialog(ctx, CLERK, tasks, parent=window)
    form.show()
    wait(lambda: form.service_edit.isEnabled())
    record("form", form)
    form.dirty = False
    form.close()
    view = ApplicationView(ctx, CLERK, tasks, reg.number, parent=window)
    view.show()
    wait(lambda: view.data is not None)
    record("application", view)
    preview = PdfPreviewDialog(printing.receipt_pdf(ctx, CLERK, reg.number), "Расписка", view)
    preview.show()
    record("preview", preview)
    print(json.dumps(out))
    preview.close()
    view.close()
    window.close()
    tasks.wait(30000)
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
