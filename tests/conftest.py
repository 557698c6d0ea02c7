"""Shared fixtures. Qt runs offscreen in every test (set before any Qt import)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CLERK_APP_OPERATOR", None)
os.environ.pop("CLERK_APP_DATA_DIR", None)

import pytest  # noqa: E402

from tests.factories import (  # noqa: E402,F401
    DEMO_CATALOGUE,
    make_context,
    sample_application,
)


@pytest.fixture
def ctx(tmp_path):
    """A configured workstation with the demo catalogue and three operators."""
    context = make_context(tmp_path / "ws")
    yield context
    context.close()
