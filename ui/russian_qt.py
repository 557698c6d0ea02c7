"""Qt's own strings in Russian: the shipped qtbase_ru catalogue plus the few strings it leaves in English."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QStandardPaths, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

log = logging.getLogger(__name__)

# Strings qtbase_ru.qm has no entry for (checked with PySide6 6.11): the non-native file dialog's
# labels with their mnemonics and the «OK» of message boxes.
MISSING = {
    ("QPlatformTheme", "OK"): "ОК",
    ("QFileDialog", "&Look in:"): "&Папка:",
    ("QFileDialog", "Files of &type:"): "&Тип файлов:",
    ("QFileDialog", "File &name:"): "&Имя файла:",
    ("QFileDialog", "Detail View"): "Подробно",
    ("QFileDialog", "List View"): "Списком",
}


class MissingRussian(QTranslator):
    """Answers only the strings in MISSING; everything else falls through to the other translators."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def translations_dir() -> Path:
    """Qt's translations (the frozen build keeps them where QLibraryInfo points, see installer/clerk-app.spec)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own dialogs and buttons in Russian; the translators installed (keep them alive)."""
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    installed: list[QTranslator] = []
    path = str(translations_dir())
    for name in ("qtbase_ru", "qt_ru"):
        translator = QTranslator(app)
        if translator.load(name, path):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, path)
    extra = MissingRussian(app)
    app.installTranslator(extra)  # installed last, asked first
    installed.append(extra)
    return installed


def documents_dir() -> Path:
    """The user's documents folder (where save dialogs open), or the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(found) if found else Path.home()
    return path if path.is_dir() else Path.home()


def file_dialog(parent: QWidget | None, caption: str, suggested_name: str, filters: str,
                save: bool = True) -> QFileDialog:
    """Qt's own (translated) file dialog opening in the documents folder."""
    dialog = QFileDialog(parent, caption, str(documents_dir() / suggested_name), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if suggested_name:
        dialog.selectFile(suggested_name)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Сохранить" if save else "Открыть")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Отмена")
    return dialog


def ask_save_path(parent: QWidget | None, caption: str, suggested_name: str, filters: str = "PDF (*.pdf)") -> str:
    """A modal save dialog; the chosen path or "" when cancelled."""
    dialog = file_dialog(parent, caption, suggested_name, filters)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return ""
    files = dialog.selectedFiles()
    return files[0] if files else ""
