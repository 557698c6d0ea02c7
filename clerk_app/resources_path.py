"""Locate the application's bundled resources (fonts, icons, catalogue...)."""

from __future__ import annotations

import sys
from pathlib import Path

_REPO_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resources_dir() -> Path:
    """Return the ``resources/`` folder.

    In a PyInstaller bundle the data lives under ``sys._MEIPASS``; from a
    checkout it is the ``resources/`` folder next to the ``clerk_app`` package.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidate = Path(bundle) / "resources"
        if candidate.is_dir():
            return candidate
    return _REPO_RESOURCES


def resource_path(*parts: str) -> Path:
    """Return the path of one resource, raising FileNotFoundError if absent."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"resource not found: {path}")
    return path
