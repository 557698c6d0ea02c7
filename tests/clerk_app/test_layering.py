"""clerk_app never imports Qt or the ui package: everything a clerk does is a service call."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "clerk_app"
ALLOWED = {ROOT / "cli.py"}  # `--smoke` checks the frozen build's GUI, imported lazily


def test_no_qt_import_in_source():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names if n.split(".")[0] in ("PySide6", "ui", "PyQt5", "PyQt6")]
    assert offenders == []


def test_importing_everything_loads_no_qt():
    code = ("import pkgutil, importlib, sys, clerk_app\n"
            "for m in pkgutil.walk_packages(clerk_app.__path__, 'clerk_app.'):\n"
            "    if '.migrations' not in m.name and not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "bad = [n for n in sys.modules if n.startswith(('PySide6', 'ui.')) or n == 'ui']\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
