"""`clerk-app-gui`: the clerk's window. One running window per data folder."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from clerk_app.cli import APP_NAME, default_data_dir
from clerk_app.resources_path import resources_dir
from ui.keys import install_latin_mnemonics
from ui.russian_qt import install_translations
from ui.style import apply_style

log = logging.getLogger(__name__)

LOCK_FILE = "clerk-app-window.lock"
ORGANIZATION = "МФЦ"
APP_TITLE = "Рабочее место оператора МФЦ"


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerk-app-gui", description="Рабочее место оператора МФЦ")
    parser.add_argument("--data-dir", type=Path, default=None, help="папка данных рабочего места")
    parser.add_argument("--training", action="store_true",
                        help="учебный режим: песочница шлюза на этом компьютере и отдельная папка данных")
    return parser


def acquire_lock(data_dir: Path) -> QLockFile | None:
    """The window's lock on its data folder; None when another window holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    raise OSError(_tr("Не удалось создать файл блокировки в папке {0}").format(data_dir))


def settle_memory() -> None:
    """Move everything alive after start-up out of the garbage collector's sight (gc.freeze).

    A full collection over every object of the process holds the GIL for hundreds of
    milliseconds and freezes the window; after freezing, collections scan only new objects.
    """
    gc.collect()
    gc.freeze()


def _fail(title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.exec()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(ORGANIZATION)
    icon = resources_dir() / "icons" / "clerk-app.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translations(app)
    apply_style(app)
    install_latin_mnemonics(app)

    root = Path(args.data_dir) if args.data_dir else default_data_dir()
    data_dir = root
    if args.training:
        from ui.training import training_dir

        data_dir = training_dir(root)
    try:
        lock = acquire_lock(data_dir)
    except OSError as exc:
        _fail(_tr("Запуск невозможен"), str(exc))
        return 1
    if lock is None:
        _fail(_tr("Программа уже запущена"),
              _tr("Рабочее место с папкой данных\n{0}\nуже открыто в другом окне программы на этом компьютере.\n\n"
                  "Перейдите в открытое окно (оно может быть свёрнуто). Два окна с одной папкой данных "
                  "работать одновременно не могут.").format(data_dir))
        return 3
    try:
        return _run(app, args, data_dir)
    finally:
        lock.unlock()


def _run(app: QApplication, args: argparse.Namespace, data_dir: Path) -> int:
    from clerk_app.domain.errors import DomainError
    from clerk_app.services.context import open_context
    from clerk_app.services.faults import storage_fault_text
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    session = None
    try:
        if args.training:
            from ui.training import TRAINEE_LOGIN, start_training

            session = start_training(data_dir)
            ctx = session.ctx
        else:
            ctx = open_context(data_dir)
            ctx.settings()
    except Exception as exc:  # a storage fault or a refusal: a dialog, never a traceback
        text = exc.message if isinstance(exc, DomainError) else storage_fault_text(exc, data_dir)
        if text is None and isinstance(exc, (OSError, RuntimeError)):
            text = str(exc)
        if text is None:
            raise
        _fail(_tr("Запуск невозможен"), _tr("Не удалось открыть рабочее место:\n{0}").format(text))
        if session is not None:
            session.stop()
        return 1
    tasks = TaskRunner(app)
    try:
        settings = ctx.settings()  # start-up, before any window: a short read
        if not settings.configured:
            _fail(_tr("Рабочее место не настроено"),
                  _tr("Папка данных {0} не настроена.\n\nНастройте рабочее место командами:\n"
                      "clerk-app --data-dir \"{0}\" init --centre 34-001 --workstation 34-001-07 --gateway URL "
                      "--token-file ФАЙЛ\nclerk-app --data-dir \"{0}\" user add ЛОГИН --name \"ФИО\" --role admin\n\n"
                      "Или запустите учебный режим: clerk-app-gui --training").format(data_dir))
            return 2
        hint = session.login_hint if session else ""
        login = LoginDialog(ctx, tasks, login=TRAINEE_LOGIN if session else "", hint=hint)
        login.setWindowTitle(login.windowTitle() + (_tr(" — учебный режим") if session else ""))
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        window = MainWindow(ctx, login.actor, tasks, training=session is not None)
        window.show()
        settle_memory()
        code = app.exec()
        window.sync.stop()
        tasks.wait(60000)
        window.sync.close()
        return int(code)
    finally:
        tasks.wait(60000)
        ctx.close() if session is None else session.stop()
