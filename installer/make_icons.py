"""Regenerate resources/icons/clerk-app.png and clerk-app.ico from clerk-app.svg.

Run from the repository root: QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - QPainter needs a GUI application
    renderer = QSvgRenderer(str(ICONS / "clerk-app.svg"))
    png = render_png(renderer, 256)
    (ICONS / "clerk-app.png").write_bytes(png)
    Image.open(io.BytesIO(png)).save(ICONS / "clerk-app.ico", sizes=ICO_SIZES)
    print(f"icons written to {ICONS}")


if __name__ == "__main__":
    main()
