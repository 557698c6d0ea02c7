"""Callbacks that outlive their widget: a background result may arrive after its window was closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def guarded(owner: QObject, fn: Callable[..., Any]) -> Callable[..., None]:
    """Call `fn` only while `owner`'s C++ object still exists (else the result is dropped)."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)

    return call
