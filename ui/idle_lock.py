"""Locking the screen after a time without keyboard or mouse input."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class IdleLock(QObject):
    """An event filter on the application: `idle` after `minutes` without input (0 disables)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._paused = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(int(minutes) * 60_000)

    def set_interval_ms(self, msecs: int) -> None:
        self._interval = max(0, int(msecs))
        self.restart()

    def restart(self) -> None:
        if self._interval and not self._paused:
            self._timer.start(self._interval)
        else:
            self._timer.stop()

    def pause(self) -> None:
        """While the screen is locked nothing should restart the countdown."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self.restart()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS and not self._paused and self._interval:
            self._timer.start(self._interval)
        return False

    def _on_timeout(self) -> None:
        if not self._paused:
            self.idle.emit()

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
