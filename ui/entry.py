"""Entry points that may open Qt: `clerk-app` (console) and the frozen program.

The command line itself (clerk_app.cli) never imports the Qt layer; only `--smoke`, which checks the
whole build including Qt, and the window are dispatched from here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _smoke_asked(args: Sequence[str]) -> bool:
    return "--smoke" in args


def cli_main(argv: Sequence[str] | None = None) -> int:
    """`clerk-app ...`: the command line of interfaces.md, plus `--smoke`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if _smoke_asked(args):
        from ui.smoke import run_smoke

        return run_smoke()
    from clerk_app.cli import main as run_cli

    return int(run_cli(args) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """The frozen program: no arguments opens the window, any argument the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        return cli_main(args)
    from ui.app import main as gui_main

    return int(gui_main() or 0)


if __name__ == "__main__":
    sys.exit(cli_main())
