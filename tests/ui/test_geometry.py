"""Issue 12, point 2: windows fit the available screen at 1366×768 and at 150 %, and are remembered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QDialog

from ui.geometry import FRAME_H, centred, fitted_size, keep_geometry

ROOT = Path(__file__).resolve().parents[2]


def probe(tmp_path: Path, width: int, height: int, scale: float) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale))
    done = subprocess.run([sys.executable, "-m", "tests.ui.geometry_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("scale", "logical"), [(1.0, (1366, 768)), (1.5, (911, 512))])
def test_every_window_and_its_buttons_fit_the_screen(tmp_path, scale, logical):
    shown = probe(tmp_path, 1366, 768, scale)
    assert shown["available"][2:] == list(logical)
    for name in ("main", "form", "application", "preview"):
        assert shown[name]["inside"], (name, shown[name], shown["available"])
        assert shown[name]["buttons_cut"] == [], (name, shown[name])


def test_fitting_shrinks_to_the_work_area_and_centres():
    work = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
    size = fitted_size(QSize(820, 900), work)
    assert size.height() == 728 - FRAME_H and size.width() == 820
    top_left = centred(size, work)
    assert top_left.y() >= 0 and top_left.y() + size.height() + FRAME_H <= 728
    small = QRect(0, 0, 911, 485)  # the same screen at 150 %
    size = fitted_size(QSize(1280, 800), small)
    assert size.width() <= 911 and size.height() + FRAME_H <= 485


def test_geometry_is_remembered_between_openings(qtbot):
    first = QDialog()
    qtbot.addWidget(first)
    keep_geometry(first, "testDialog", (500, 300))
    first.show()
    qtbot.waitExposed(first)
    first.resize(430, 260)
    first.close()
    assert QSettings().value("geometry/testDialog") is not None
    second = QDialog()
    qtbot.addWidget(second)
    keep_geometry(second, "testDialog", (500, 300))
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (430, 260)
