"""The installer scripts: the NSIS script compiles; the full frozen build (opt-in, minutes) passes --smoke."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def makensis() -> str:
    exe = shutil.which("makensis")
    if exe is None:
        if os.environ.get("CLERK_APP_CI_FULL") == "1":
            pytest.fail("makensis is not installed (apt-get install nsis), and CLERK_APP_CI_FULL=1 requires it")
        pytest.skip("makensis is not installed (apt-get install nsis)")
    return exe


def test_nsis_script_compiles_over_a_stand_in_bundle(tmp_path: Path) -> None:
    makensis()
    out = tmp_path / f"clerk-app-{PROJECT['version']}-setup.exe"
    result = subprocess.run(["bash", str(INSTALLER / "check_nsis.sh"), "--stand-in", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable
    assert f"version {PROJECT['version']}" in result.stdout


def test_nsis_script_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    exe = makensis()
    result = subprocess.run([exe, "-V1", f"-DVERSION={PROJECT['version']}", f"-DSRCDIR={tmp_path}",
                             f"-DOUTFILE={tmp_path / 'setup.exe'}", str(INSTALLER / "windows" / "clerk-app.nsi")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert not (tmp_path / "setup.exe").exists()


def test_nsis_uninstaller_keeps_the_data_folder() -> None:
    script = (INSTALLER / "windows" / "clerk-app.nsi").read_text(encoding="utf-8-sig")
    uninstall = script[script.index('Section "Uninstall"'):]
    removals = [line.strip() for line in uninstall.splitlines() if line.strip().startswith(("Delete", "RMDir"))]
    assert removals, "the uninstaller removes nothing"
    for line in removals:
        assert not re.search(r"\$(LOCALAPPDATA|APPDATA|PROFILE|DOCUMENTS)", line), line
    assert 'RMDir /r "$INSTDIR"' not in removals
    assert "RequestExecutionLevel admin" in script and '!insertmacro MUI_LANGUAGE "Russian"' in script


def test_desktop_file_runs_the_installed_program() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(INSTALLER / "linux" / "clerk-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "Рабочее место оператора МФЦ"
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert desktop["Exec"] == f"/opt/{PROJECT['name']}/{PROJECT['name']}"
    assert (ROOT / "resources" / "icons" / f"{desktop['Icon']}.png").is_file()
    assert (ROOT / "resources" / "icons" / f"{desktop['Icon']}.svg").is_file()


def test_spec_reads_name_and_version_from_pyproject() -> None:
    spec = (INSTALLER / "clerk-app.spec").read_text(encoding="utf-8")
    assert "tomllib" in spec and 'PROJECT["version"]' in spec
    assert re.search(r'"clerk_app/storage/migrations"', spec)
    assert 'collect_submodules("reportlab.graphics.barcode")' in spec
    assert 'collect_data_files("holidays")' in spec


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CLERK_APP_BUILD_BUNDLE") != "1",
                    reason="the frozen build takes minutes: set CLERK_APP_BUILD_BUNDLE=1")
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="build_linux.sh builds on Linux")
def test_frozen_linux_build_passes_smoke(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture) -> None:
    name, version = PROJECT["name"], PROJECT["version"]
    started = time.monotonic()
    build = subprocess.run(["bash", str(INSTALLER / "build_linux.sh"), "--venv", str(Path(sys.prefix))],
                           cwd=ROOT, capture_output=True, text=True, timeout=3600)
    build_seconds = time.monotonic() - started
    assert build.returncode == 0, build.stdout[-5000:] + build.stderr[-5000:]

    bundle = ROOT / "dist" / name
    smoke = subprocess.run([str(bundle / name), "--smoke"], cwd="/", capture_output=True, text=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=300)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "(frozen," in smoke.stdout and "smoke test passed" in smoke.stdout

    tarball = next((ROOT / "dist").glob(f"{name}-{version}-linux-*.tar.gz"))
    size_mb = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    report = (f"frozen build: {build_seconds:.0f} s, bundle {size_mb:.0f} MB, "
              f"{tarball.name} {tarball.stat().st_size / 2**20:.0f} MB")
    request.node.user_properties.append(("bundle", report))
    with capsys.disabled():
        print(f"\n{report}")
