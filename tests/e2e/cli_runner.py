"""Running the real command line in a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):  # type: ignore[no-untyped-def]
        return json.loads(self.out)


def run_cli(data_dir: Path, *args: str, stdin: str = "", operator: str | None = None,
            timeout: float = 120) -> Result:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERK_APP_")}
    if operator:
        env["CLERK_APP_OPERATOR"] = operator
    proc = subprocess.run([sys.executable, "-m", "clerk_app.cli", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def login(data_dir: Path, login_name: str, password: str) -> Result:
    """`clerk-app login` with the password on standard input; asserts it succeeded."""
    res = run_cli(data_dir, "login", login_name, stdin=password + "\n")
    assert res.code == 0, res.err
    return res


def add_user(data_dir: Path, login_name: str, password: str, role: str = "supervisor", name: str = "",
             admin: str | None = None) -> Result:
    """`clerk-app user add` (as `admin` once the workstation has one) followed by `clerk-app login`."""
    res = run_cli(data_dir, "user", "add", login_name, "--name", name or f"Оператор {login_name}", "--role", role,
                  stdin=password + "\n", operator=admin)
    assert res.code == 0, res.err
    return login(data_dir, login_name, password)


def run_main(data_dir: Path, *args: str, stdin: str = "", operator: str | None = None) -> Result:
    """The same command line in this process (fast; for the many small checks)."""
    import contextlib
    import io
    from unittest import mock

    from clerk_app.cli import main

    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERK_APP_")}
    if operator:
        env["CLERK_APP_OPERATOR"] = operator
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env, clear=True), mock.patch("sys.stdin", io.StringIO(stdin)), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return Result(code, out.getvalue(), err.getvalue())
