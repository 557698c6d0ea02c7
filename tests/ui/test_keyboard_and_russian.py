"""Issue 12, points 9, 10, 11 and 12: keyboard actions in both layouts, a visible focus ring, Russian Qt
dialogs, Russian file names in the documents folder, a print confirmation, the first-run screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from clerk_app.services import applications, catalogue
from tests.factories import ADMIN, CLERK, DEMO_CATALOGUE, sample_application
from tests.ui.conftest import wait_rows
from ui.keys import latin_key, mnemonic
from ui.pdf_preview import PdfPreviewDialog
from ui.russian_qt import documents_dir, file_dialog, install_translations
from ui.style import APP_QSS


@pytest.fixture
def registered(ctx):
    return applications.register(ctx, CLERK, sample_application())


@pytest.fixture
def russian(qapp):
    translators = install_translations(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


def test_ctrl_p_in_the_list_previews_the_receipt(qtbot, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 1)
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.last_preview is not None and window.last_preview.isVisible(), timeout=10000)
    assert registered.number in window.last_preview.windowTitle()
    assert window.last_preview.file_name == f"Расписка {registered.number}.pdf"
    window.last_preview.close()


def test_enter_on_queue_goes_to_its_list_and_esc_clears_search(qtbot, make_window, registered):
    window = make_window()
    wait_rows(qtbot, window, 1)
    window.queue_list.setFocus()
    window.queue_list.setCurrentRow(1)  # «Сегодня»
    qtbot.keyClick(window.queue_list, Qt.Key.Key_Return)
    assert window.table.hasFocus() or window.focusWidget() is window.table
    window.search_edit.setFocus()
    window.search_edit.setText("Нетакого")
    window.apply_filter()
    wait_rows(qtbot, window, 0)
    assert window.list_stack.currentWidget() is window.empty_hint and "Esc" in window.empty_hint.text()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    wait_rows(qtbot, window, 1)
    assert window.list_stack.currentWidget() is window.table


def test_f5_in_an_application_window_reloads_it(qtbot, make_window, registered):
    window = make_window()
    view = window.open_application(registered.number)
    view.activateWindow()
    qtbot.waitUntil(lambda: view.data is not None and view.isActiveWindow(), timeout=10000)
    before = view.reloads
    qtbot.keyClick(view.tabs, Qt.Key.Key_F5)
    assert view.reloads == before + 1
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Обновлено в"), timeout=10000)
    view.close()


def test_every_action_button_has_a_mnemonic_and_the_latin_key_presses_it(qtbot, make_window, registered):
    window = make_window()
    view = window.open_application(registered.number)
    view.activateWindow()
    qtbot.waitUntil(lambda: view.data is not None and view.isActiveWindow(), timeout=10000)
    shown = [b for b in view.buttons.values() if b.isVisible()]
    assert shown and all(mnemonic(b.text()) for b in shown)
    assert mnemonic(view.refresh_button.text()) and mnemonic(view.close_button.text())
    letters = [mnemonic(b.text()) for b in [*shown, view.refresh_button, view.close_button]]
    assert len(letters) == len(set(letters))
    # Alt+R in the Latin layout is the key of «К»; Alt+Y is «Н»: «&Направить запросы»
    assert latin_key("Н") == Qt.Key.Key_Y
    qtbot.keyClick(view.tabs, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.data.state.status == "awaiting_responses", timeout=15000)
    for action in (window.new_action, window.find_action, window.sync_action, window.print_action):
        assert mnemonic(action.text()) and not action.shortcut().isEmpty()
    view.close()


def test_focus_ring_is_in_the_application_style(qapp):
    assert "QPushButton:focus" in APP_QSS and "2px solid" in APP_QSS
    assert "QLineEdit:focus" in APP_QSS and "QTableView:focus" in APP_QSS
    assert qapp.styleSheet() == APP_QSS


def test_qt_file_dialog_and_message_box_speak_russian(qtbot, russian):
    dialog = file_dialog(None, "Сохранить документ", "Расписка 1.pdf", "PDF (*.pdf)")
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Look in" not in texts and "Files of type" not in texts and "File name" not in texts
    assert "Папка" in texts and "Имя файла" in texts and "Тип файлов" in texts
    assert Path(dialog.directory().absolutePath()) == documents_dir()
    box = QMessageBox(QMessageBox.Icon.Information, "О программе", "текст", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "ОК"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_print_is_confirmed_and_files_have_russian_names(qtbot, ctx, registered, tmp_path):
    from clerk_app.services import printing

    preview = PdfPreviewDialog(printing.receipt_pdf(ctx, CLERK, registered.number), "Расписка",
                               file_name=f"Расписка {registered.number}.pdf")
    qtbot.addWidget(preview)
    preview.show()
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter, parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    preview.print_dialog = to_file
    assert preview.print_document()
    assert preview.info_label.text().startswith("Отправлено на печать: страниц 1")
    assert target.stat().st_size > 1000


def test_first_run_screen_checks_the_gateway_and_loads_the_catalogue(qtbot, tmp_path, sandbox):
    from clerk_app.services import workstation
    from ui.first_run import FirstRunDialog
    from ui.tasks import TaskRunner

    ctx = workstation.init(tmp_path / "fresh", "34-001", "34-001-07", sandbox.base_url, sandbox.token)
    tasks = TaskRunner()
    try:
        assert catalogue.list_services(ctx) == []
        dialog = FirstRunDialog(ctx, CLERK, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20000)
        assert dialog.result_.online and dialog.gateway_label.text().startswith("есть")
        assert dialog.result_.services > 0 and len(catalogue.list_services(ctx)) == dialog.result_.services
        assert "F2" in dialog.next_label.text() and dialog.start_button.isEnabled()
        assert dialog.file_button.isHidden()  # only an administrator loads a catalogue from a file
    finally:
        tasks.wait(30000)
        ctx.close()


def test_first_run_without_gateway_says_what_to_do(qtbot, tmp_path):
    from clerk_app.services import workstation
    from ui.first_run import FirstRunDialog
    from ui.tasks import TaskRunner

    ctx = workstation.init(tmp_path / "offline", "34-001", "34-001-07", "http://127.0.0.1:9/api/v1", "t")
    tasks = TaskRunner()
    files = [str(DEMO_CATALOGUE)]
    try:
        dialog = FirstRunDialog(ctx, ADMIN, tasks, choose_file=lambda parent: files.pop())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
        assert not dialog.result_.online and dialog.gateway_label.text().startswith("нет")
        assert dialog.catalogue_label.text() == "не загружен" and not dialog.start_button.isEnabled()
        assert "Настройки рабочего места" in dialog.next_label.text()
        qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "загружен из файла" in dialog.catalogue_label.text(), timeout=10000)
        assert catalogue.list_services(ctx)
        assert not dialog.start_button.isEnabled()  # an administrator does not register applications
    finally:
        tasks.wait(30000)
        ctx.close()


def test_lock_screen_by_hand_does_not_blame_inactivity(qtbot, make_window):
    window = make_window()
    dialog = window.lock_screen()
    assert "бездейств" not in dialog.intro.text() and "Экран заблокирован." in dialog.intro.text()
    window.lock_dialog = None
    dialog.close()
    QApplication.processEvents()
