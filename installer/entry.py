"""Entry point of the frozen program: no arguments starts the window, any argument the command line.

So one installed folder serves both: `clerk-app` opens the window, `clerk-app --smoke`,
`clerk-app init ...`, `clerk-app sync --once` run the command line of interfaces.md.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    from ui.entry import main as entry_main

    return entry_main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
