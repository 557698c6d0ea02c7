"""What the sub-commands share: opening the workstation, the operator, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app.domain.errors import ValidationError
from clerk_app.services import sessions
from clerk_app.services.context import AppContext, open_context
from clerk_app.services.roles import Actor
from clerk_app.storage.private import open_private

ERROR_LOG = "errors.log"

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_OFFLINE = 0, 1, 2, 3


class CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int) -> int:
    print(f"clerk-app: {message}", file=sys.stderr)
    return code


def internal_error(data_dir: Path, exc: BaseException) -> str:
    """One line for an unexpected error; the traceback (it may hold personal data) goes to an
    owner-only log in the data folder, never to the terminal."""
    text = "".join(traceback.format_exception(exc))
    log = Path(data_dir) / ERROR_LOG
    try:
        fd = open_private(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now().astimezone().isoformat(timespec='seconds')}\n{text}")
        where = f"подробности в {log}"
    except OSError:
        where = "подробности не удалось записать"
    return f"внутренняя ошибка программы ({type(exc).__name__}); {where}; сообщите администратору"


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


MAX_JSON_BYTES = 10 * 1024 * 1024


def read_json_file(path: Path, label: str) -> Any:
    """A JSON input file, or one Russian line: unreadable, too big, not UTF-8, not JSON, too deep."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise ValidationError(f"{label}: не удалось прочитать {path}: {exc.strerror}", "file") from exc
    if len(raw) > MAX_JSON_BYTES:
        raise ValidationError(f"{label}: больше 10 МиБ", "file")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{label}: не текст в кодировке UTF-8", "file") from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{label}: не является корректным JSON (строка {exc.lineno}, "
                              f"позиция {exc.colno})", "file") from exc
    except RecursionError as exc:
        raise ValidationError(f"{label}: слишком глубокая вложенность", "file") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise ValidationError(f"{label}: недопустимое значение ({str(exc)[:80]})", "file") from exc
