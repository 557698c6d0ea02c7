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
