"""Entry point of the frozen program: no arguments starts the window, any argument the command line.

So one installed folder serves both: `clerk-app` opens the window, `clerk-app --smoke`,
`clerk-app init ...`, `clerk-app sync --once` run the command line of interfaces.md.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    if len(sys.argv) > 1:
        from clerk_app.cli import main as cli_main

        return int(cli_main() or 0)
    from ui.app import main as gui_main

    return int(gui_main() or 0)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
