"""`clerk-app --smoke` from source: the same check the frozen build runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_smoke(env_changes: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_changes or {})}
    return subprocess.run([sys.executable, "-m", "ui.entry", "--smoke"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_smoke_passes_and_reports_each_step() -> None:
    result = run_smoke()
    assert result.returncode == 0, result.stdout + result.stderr
    passed = [line for line in result.stdout.splitlines() if line.startswith("ок / ok")]
    for step in ("database and migrations", "catalogue", "operator", "registration", "receipt PDF", "Qt offscreen"):
        assert any(step in line for line in passed), f"step {step!r} not reported as passed:\n{result.stdout}"
    assert "embedded fonts" in result.stdout
    assert "smoke test passed" in result.stdout


def test_smoke_leaves_the_real_data_folder_alone(tmp_path: Path) -> None:
    data = tmp_path / "workstation"
    result = run_smoke({"CLERK_APP_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not data.exists()


def test_smoke_fails_when_a_resource_is_missing(tmp_path: Path) -> None:
    # A copy of the packages without the demo catalogue: the smoke test must notice and exit non-zero.
    for name in ("clerk_app", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", tmp_path / "resources",
                    ignore=shutil.ignore_patterns("demo-volgograd.json"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tmp_path)}
    code = "import sys; from ui.entry import cli_main; sys.exit(cli_main(['--smoke']))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode != 0
    assert "FAIL" in result.stderr and "catalogue" in result.stderr
    assert "smoke test failed" in result.stderr
