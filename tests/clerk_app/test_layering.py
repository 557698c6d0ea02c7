"""The layers stay apart: clerk_app never imports Qt or the ui package (everything a clerk does is a
service call), and ui reaches the core only through services and the domain: no storage, SQLAlchemy,
sync or gateway internals (but the sync worker process and the training sandbox), no devtools."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "clerk_app"
UI = REPO / "ui"
ALLOWED: set[Path] = set()  # no exceptions: `--smoke` is dispatched from ui.entry

UI_FORBIDDEN = ("clerk_app.storage", "sqlalchemy", "alembic", "clerk_app.sync", "clerk_app.gateway",
                "clerk_app.devtools")
UI_ALLOWED = ("clerk_app.sync.worker_process", "clerk_app.gateway.sandbox.server")


def imported_modules(path: Path) -> Iterator[str]:
    """Every absolute module an import statement in `path` names, at any depth (lazy imports too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_no_qt_import_in_source():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path in ALLOWED:
            continue
        offenders += [f"{path}: {n}" for n in imported_modules(path)
                      if n.split(".")[0] in ("PySide6", "ui", "PyQt5", "PyQt6")]
    assert offenders == []


def test_ui_uses_services_not_storage_sync_or_gateway_internals():
    offenders = []
    for path in UI.rglob("*.py"):
        for name in imported_modules(path):
            if any(_under(name, p) for p in UI_FORBIDDEN) and not any(
                    _under(name, ok) or ok.startswith(name + ".") for ok in UI_ALLOWED):
                offenders.append(f"{path.relative_to(REPO)}: {name}")
    assert offenders == []


def test_the_rule_catches_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from clerk_app.storage.models import Application\n    import sqlalchemy\n",
                   encoding="utf-8")
    names = set(imported_modules(bad))
    assert {"clerk_app.storage.models", "sqlalchemy"} <= names


def test_importing_everything_loads_no_qt():
    code = ("import pkgutil, importlib, sys, clerk_app\n"
            "for m in pkgutil.walk_packages(clerk_app.__path__, 'clerk_app.'):\n"
            "    if '.migrations' not in m.name and not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
            "bad = [n for n in sys.modules if n.startswith(('PySide6', 'ui.')) or n == 'ui']\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_ui_types_the_context_and_the_actor():
    """mypy checks the window's calls into services only if the context and the actor are typed."""
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.arg | ast.AnnAssign):
                name = node.arg if isinstance(node, ast.arg) else ast.unparse(node.target)
                note = node.annotation
                if note is not None and name.split(".")[-1] in ("ctx", "actor", "_ctx", "_actor") \
                        and ast.unparse(note) in ("Any", "object", "typing.Any"):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    assert offenders == []
