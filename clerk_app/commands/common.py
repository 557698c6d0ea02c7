"""What the sub-commands share: opening the workstation, the operator, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from clerk_app.services import sessions
from clerk_app.services.context import AppContext, open_context
from clerk_app.services.roles import Actor

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_OFFLINE = 0, 1, 2, 3


class CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int) -> int:
    print(f"clerk-app: {message}", file=sys.stderr)
    return code


def context(args: argparse.Namespace) -> AppContext:
    return open_context(args.data_dir)


def configured_context(args: argparse.Namespace) -> AppContext:
    ctx = context(args)
    if not ctx.settings().configured:
        raise CommandError("рабочее место не настроено: сначала выполните clerk-app init")
    return ctx


def add_operator_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--operator", default=None, help="логин оператора (по умолчанию CLERK_APP_OPERATOR)")


def operator_login(ctx: AppContext, args: argparse.Namespace) -> str:
    """--operator, else CLERK_APP_OPERATOR, else the one session open in this data folder."""
    return (getattr(args, "operator", None) or os.environ.get("CLERK_APP_OPERATOR", "")
            or sessions.only_session(ctx))


def operator(ctx: AppContext, args: argparse.Namespace) -> Actor:
    """The operator a command acts for: only with a live session of that operator (clerk-app login)."""
    return sessions.session_actor(ctx, operator_login(ctx, args))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
