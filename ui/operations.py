"""One way to run a service call from the window: off the GUI thread, with its success and failure
handled on the GUI thread while the widget that asked still exists, a busy hint meanwhile, and a
Russian error message when the caller gives no failure handler. What the call changed
(`clerk_app.services.changes`) is announced on `TaskRunner.changed` afterwards, so every screen
follows. (In the spirit of Anki's `CollectionOp`.)

    Operation(self, ctx, partial(applications.issue, ctx, actor, number)) \\
        .busy(self.tr("Выдача результата")).success(self._issued).run_in(self.tasks)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar, runtime_checkable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QWidget

from clerk_app.services.changes import NO_CHANGES, Changes
from clerk_app.services.context import AppContext
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text, show_message

T = TypeVar("T")


@runtime_checkable
class ShowsBusy(Protocol):
    """A widget with its own busy hint (a status line); others get the wait cursor."""

    def show_busy(self, text: str | None) -> None: ...


def alive(obj: QObject | None) -> bool:
    """Whether `obj`'s C++ side still exists (a window closed meanwhile is deleted)."""
    return obj is not None and shiboken6.isValid(obj)


class Operation(Generic[T]):
    def __init__(self, parent: QObject, ctx: AppContext | None, fn: Callable[[], T]) -> None:
        self._parent, self._ctx, self._fn = parent, ctx, fn
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._busy: str | None = None
        self._long = False

    def success(self, fn: Callable[[T], object]) -> Operation[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Operation[T]:
        self._on_failure = fn
        return self

    def busy(self, text: str = "") -> Operation[T]:
        """Show `text` (or the wait cursor) on the parent until the call ends."""
        self._busy = text
        return self

    def long(self) -> Operation[T]:
        """Network work or a long read: runs on the lane that never delays the clerk's database reads."""
        self._long = True
        return self

    def run_in(self, tasks: TaskRunner) -> int:
        ctx, fn = self._ctx, self._fn

        def job() -> tuple[T, Changes]:
            try:
                result = fn()
            except BaseException as exc:
                exc.changes = ctx.changes.take() if ctx else NO_CHANGES  # type: ignore[attr-defined]
                raise
            return result, ctx.changes.take() if ctx else NO_CHANGES

        self._set_busy(True)
        submit = tasks.run_long if self._long else tasks.run
        return submit(job, lambda out: self._done(tasks, out), lambda exc: self._failed(tasks, exc))

    def _set_busy(self, on: bool) -> None:
        if self._busy is None or not alive(self._parent):
            return
        parent = self._parent
        if isinstance(parent, ShowsBusy):
            parent.show_busy(self._busy if on else None)
        elif isinstance(parent, QWidget):
            if on:
                parent.setCursor(Qt.CursorShape.BusyCursor)
            else:
                parent.unsetCursor()

    def _done(self, tasks: TaskRunner, out: tuple[T, Changes]) -> None:
        result, changes = out
        self._set_busy(False)
        if self._on_success is not None and alive(self._parent):
            self._on_success(result)
        tasks.announce(self._ctx, changes)

    def _failed(self, tasks: TaskRunner, exc: BaseException) -> None:
        self._set_busy(False)
        if alive(self._parent):
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                parent = self._parent if isinstance(self._parent, QWidget) else None
                show_message(parent, QCoreApplication.translate("operations", "Ошибка"), error_text(exc))
        tasks.announce(self._ctx, getattr(exc, "changes", NO_CHANGES))
