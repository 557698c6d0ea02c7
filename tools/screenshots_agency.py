"""README screenshots of the agency leg (called from tools/screenshots.py on the same training workstation):
the handover register's confirmation and print, the agency's paper result with a refusal beside its field,
the «Ведомство» tab with the result and its document, issuing to a representative."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def save_small(image: QImage, path: Path) -> None:
    """Screenshots as 8-bit indexed PNGs: a tenth of the size, no visible change for a UI."""
    image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither).save(str(path))
    print("saved", path)


def agency_shots(app: QApplication, ctx: Any, actor: Any, tasks: Any, window: QWidget, out: Path,
                 wait: Callable[..., bool], pause: Callable[..., None]) -> None:
    from clerk_app.services import queries
    from ui.application_view import ApplicationView

    screen = app.primaryScreen()

    def grab(name: str, widget: QWidget | None = None) -> None:
        pause(app, 0.8)
        image = screen.grabWindow(0).toImage()
        if widget is not None:  # the dialog and a margin around it
            f, r = widget.frameGeometry().adjusted(-12, -12, 12, 12), screen.devicePixelRatio()
            g = QRect(round(f.x() * r), round(f.y() * r), round(f.width() * r), round(f.height() * r))
            image = image.copy(g.intersected(QRect(0, 0, image.width(), image.height())))
        save_small(image, out / f"{name}.png")

    shots: dict[str, bool] = {}

    def confirm(parent: QWidget, text: str) -> bool:
        """Shows the question as the window would, photographs the first of each kind, answers «Да»."""
        if "по реестру передачи" in text and not shots.get("confirm"):
            box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(), text,
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
            box.show()
            wait(app, box.isVisible)
            grab("agency-handover-confirm", box)
            box.close()
            shots["confirm"] = True
        return True

    rows = queries.page(ctx, queries.ListFilter(queue="to_handover", service="inn_issue"), 0, 1)
    if not rows:
        print("no inn_issue case ready for handover: agency screenshots skipped")
        return
    scan = Path(ctx.data_dir) / "Решение 12-р.pdf"
    scan.write_bytes(PDF)
    registers = window.open_registers()  # type: ignore[attr-defined]
    wait(app, lambda: registers.agency_combo.count() > 0)
    registers.agency_combo.setCurrentIndex(registers.agency_combo.findData("FNS-34"))
    wait(app, lambda: registers.cases.count() > 0)
    grab("registers", registers)
    registers.close()
    view = ApplicationView(ctx, actor, tasks, rows[0].number, parent=window, confirm=confirm,
                           choose_file=lambda parent: str(scan))
    view.show()
    wait(app, lambda: view.data is not None)
    view.agency.handover()
    wait(app, lambda: view.preview is not None and view.preview.isVisible(), 30)
    grab("handover-register")
    view.preview.close()
    wait(app, lambda: not view.busy and view.buttons["record_result"].isVisible(), 30)

    dialog = view.agency.record_result()
    assert dialog is not None
    dialog.refuse.setChecked(True)
    dialog.document_number.setText("12-р")
    dialog.signed_by.setText("Начальник отдела Петрова А. С.")
    dialog.reason.setText("Заявитель уже состоит на учёте в налоговом органе")
    dialog.scan_button.click()
    dialog.ok_button.click()  # no legal ground: refused beside the field
    wait(app, lambda: dialog.boxes["ground"].error() != "", 20)
    grab("agency-result", dialog)
    dialog.ground.setCurrentIndex(dialog.ground.findData("not_eligible"))
    dialog.ok_button.click()
    wait(app, lambda: not dialog.isVisible() and not view.busy, 20)
    view.reload()
    wait(app, lambda: view.data is not None and view.data.state.result is not None, 20)
    view.tabs.setCurrentWidget(view.agency_tab)
    grab("application-agency")

    issue = view.agency.issue()
    assert issue is not None
    issue.to_representative.setChecked(True)
    issue.full_name.setText("Петров Пётр Петрович")
    issue.series.setText("1807")
    issue.doc_number.setText("654321")
    issue.poa_number.setText("34 АА 1234567")
    issue.poa_issued_by.setText("нотариус Сидорова Н. Н.")
    issue.poa_date.setDate(issue.poa_date.date().addMonths(-2))
    grab("agency-issue", issue)
    issue.ok_button.click()
    wait(app, lambda: not issue.isVisible() and not view.busy, 20)
    view.close()
