"""The command line of interfaces.md: `clerk-app [--data-dir DIR] COMMAND`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir

from clerk_app.commands import admin, agency, apps, hub, printing, reports, session, syncing
from clerk_app.commands.common import EXIT_REFUSED, CommandError, fail, internal_error
from clerk_app.domain.errors import DomainError
from clerk_app.services.faults import storage_fault_text

APP_NAME = "clerk-app"


def default_data_dir() -> Path:
    env = os.environ.get("CLERK_APP_DATA_DIR")
    return Path(env) if env else Path(user_data_dir(APP_NAME, appauthor=False))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Рабочее место оператора МФЦ: командная строка",
                                     epilog="clerk-app --smoke — проверка целостности установленной сборки")
    parser.add_argument("--data-dir", type=Path, default=None, help="папка данных рабочего места")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (session, admin, apps, agency, printing, reports, syncing, hub):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = args.data_dir or default_data_dir()
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except CommandError as exc:
        return fail(str(exc), exc.code)
    except DomainError as exc:
        return fail(exc.message, EXIT_REFUSED)
    except Exception as exc:  # a storage fault is one Russian line; anything else is logged, not shown
        text = storage_fault_text(exc, args.data_dir)
        if text is not None:
            return fail(text, EXIT_REFUSED)
        return fail(internal_error(args.data_dir, exc), EXIT_REFUSED)


if __name__ == "__main__":
    sys.exit(main())
