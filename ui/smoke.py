"""`clerk-app --smoke`: prove that an installed (frozen) build is whole, then exit.

Every layer is touched once in a throw-away data folder: migrations, catalogue,
operators (argon2), registration with the production calendar, a receipt PDF
with embedded fonts and barcodes, and Qt widgets on the offscreen platform.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from clerk_app.selfcheck import CoreChecks, SmokeFailure


class _Smoke(CoreChecks):
    """The core checks, then Qt's."""

    def qt(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QByteArray, QLibraryInfo, QTranslator
        from PySide6.QtGui import QIcon, QImageReader
        from PySide6.QtWidgets import QApplication

        from clerk_app.resources_path import resource_path

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
        for name in ("qtbase_ru", "qt_ru"):
            if not QTranslator().load(name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                raise SmokeFailure(f"нет перевода Qt {name} / Qt translation {name} missing")
        from PySide6.QtCore import QCoreApplication

        from ui.russian_qt import install_translations

        install_translations(app)
        if QCoreApplication.translate("QFileDialog", "&Look in:") != "&Папка:":
            raise SmokeFailure("диалоги Qt не на русском / Qt dialogs not in Russian")
        if QByteArray(b"svg") not in QImageReader.supportedImageFormats():
            raise SmokeFailure("нет модуля SVG / no SVG image plugin")
        if QIcon(str(resource_path("icons", "clerk-app.svg"))).pixmap(32, 32).isNull():
            raise SmokeFailure("значок не загружается / the icon does not load")
        return f"PySide6 {pyside_version}, platform {app.platformName()}, qtbase_ru, qt_ru, svg"

    def pdf_preview(self) -> str:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(self.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise SmokeFailure(f"QtPdf не открыл расписку / QtPdf cannot open the receipt: {document.error()}")
        return f"{document.pageCount()} page(s)"

    def main_window(self) -> str:
        from PySide6.QtWidgets import QApplication

        from ui.main_window import MainWindow
        from ui.tasks import TaskRunner

        app = QApplication.instance()
        assert app is not None  # made by the Qt step before
        tasks = TaskRunner()
        window = MainWindow(self.ctx, self.actor, tasks, auto_sync=False)
        window.show()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and window.table_model.rowCount() < 1:
            tasks.wait(200)
            app.processEvents()
        rows = window.table_model.rowCount()
        window.close()
        tasks.wait()
        app.processEvents()
        if rows < 1:
            raise SmokeFailure("главное окно не показало заявление / the main window lists no application")
        return f"{type(window).__name__}, rows {rows}"

    def gui_entry(self) -> str:
        from ui.app import main

        if not callable(main):
            raise SmokeFailure("ui.app.main не функция / ui.app.main is not callable")
        return "ui.app.main"



def _run_steps(smoke: _Smoke) -> bool:
    steps: list[tuple[str, Callable[[], str]]] = [
        ("База данных и миграции / database and migrations", smoke.store),
        ("Каталог услуг / catalogue", smoke.catalogue),
        ("Оператор / operator", smoke.operator),
        ("Регистрация заявления / registration", smoke.register),
        ("Расписка PDF / receipt PDF", smoke.receipt),
        ("Синхронизация в дочернем процессе / sync child process", smoke.sync_child),
        ("Qt offscreen", smoke.qt),
        ("Просмотр PDF / PDF preview (QtPdf)", smoke.pdf_preview),
        ("Главное окно / main window", smoke.main_window),
        ("Запуск окна / GUI entry point", smoke.gui_entry),
    ]
    for title, step in steps:
        started = time.perf_counter()
        try:
            detail = step()
        except SmokeFailure as exc:
            print(f"ОШИБКА / FAIL  {title}: {exc}", file=sys.stderr)
            return False
        except Exception as exc:  # noqa: BLE001 - any crash means the build is broken
            print(f"ОШИБКА / FAIL  {title}: {type(exc).__name__}: {exc}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            return False
        print(f"ок / ok  {title}: {detail} ({time.perf_counter() - started:.2f} s)")
    return True


def run_smoke() -> int:
    """Run every check in a temporary data folder; 0 when the build is whole, 1 otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    print(f"Проверка сборки / build smoke test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    with tempfile.TemporaryDirectory(prefix="clerk-app-smoke-", ignore_cleanup_errors=True) as tmp:
        smoke = _Smoke(Path(tmp) / "data")
        try:
            ok = _run_steps(smoke)
        finally:
            smoke.close()
    if ok:
        print("Сборка исправна / smoke test passed")
        return 0
    print("Сборка неисправна / smoke test failed", file=sys.stderr)
    return 1
