"""Window sizes that fit the available screen and are remembered between runs (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GROUP = "geometry"
# Room left for the window frame and title bar that the window manager adds.
FRAME_W, FRAME_H = 16, 40


def available_rect(widget: QWidget | None = None) -> QRect:
    """The work area (screen minus task bars) of the widget's screen, in logical pixels."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fitted_size(preferred: QSize, available: QRect, minimum: QSize | None = None) -> QSize:
    """`preferred` shrunk to the work area (minus the frame); never below `minimum` unless it cannot fit."""
    w = min(preferred.width(), available.width() - FRAME_W)
    h = min(preferred.height(), available.height() - FRAME_H)
    if minimum is not None:
        w = max(w, min(minimum.width(), available.width() - FRAME_W))
        h = max(h, min(minimum.height(), available.height() - FRAME_H))
    return QSize(max(200, w), max(150, h))


def centred(size: QSize, available: QRect, over: QRect | None = None) -> QPoint:
    """Top-left that centres `size` over `over` (or the work area) and keeps the frame inside the work area."""
    centre = (over or available).center()
    x = centre.x() - size.width() // 2
    y = centre.y() - (size.height() + FRAME_H) // 2
    x = max(available.left(), min(x, available.right() - size.width() - FRAME_W))
    y = max(available.top(), min(y, available.bottom() - size.height() - FRAME_H))
    return QPoint(x, y)


def fits(rect: QRect, available: QRect) -> bool:
    return available.contains(rect.topLeft()) and available.contains(rect.bottomRight())


class GeometryKeeper(QObject):
    """Places its window when first shown (remembered geometry, or `preferred` fitted to the screen)
    and remembers the geometry when the window is hidden or closed."""

    def __init__(self, window: QWidget, key: str, preferred: QSize) -> None:
        super().__init__(window)
        self.window, self.key, self.preferred = window, key, QSize(preferred)
        self.placed = False
        window.installEventFilter(self)

    def settings_key(self) -> str:
        return f"{GROUP}/{self.key}"

    def place(self) -> None:
        w = self.window
        available = available_rect(w)
        saved = QSettings().value(self.settings_key())
        if isinstance(saved, QByteArray | bytes) and w.restoreGeometry(QByteArray(saved)) \
                and fits(w.frameGeometry() if w.isVisible() else w.geometry(), available) \
                and w.width() >= min(w.minimumSizeHint().width(), available.width()):
            self.placed = True
            return
        size = fitted_size(self.preferred, available, w.minimumSizeHint())
        w.resize(size)
        parent = w.parentWidget()
        over = parent.window().frameGeometry() if parent is not None and parent.isVisible() else None
        w.move(centred(size, available, over))
        self.placed = True

    def remember(self) -> None:
        if self.placed:
            QSettings().setValue(self.settings_key(), self.window.saveGeometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # late events may reach a keeper whose Python side is already being torn down with its window
        if watched is getattr(self, "window", None):
            kind = event.type()
            if kind == QEvent.Type.Show and not self.placed:
                self.place()
            elif kind in (QEvent.Type.Hide, QEvent.Type.Close):
                self.remember()
        return False


def keep_geometry(window: QWidget, key: str, preferred: QSize | tuple[int, int]) -> GeometryKeeper:
    """Size `window` to the available screen on its first show and remember it under `key`."""
    size = preferred if isinstance(preferred, QSize) else QSize(*preferred)
    keeper = GeometryKeeper(window, key, size)
    if window.isVisible():
        keeper.place()
    return keeper
