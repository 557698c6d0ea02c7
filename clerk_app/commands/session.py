"""Session commands: login and logout (the command line proves who the operator is)."""

from __future__ import annotations

import argparse
import getpass
import sys

from clerk_app.commands.common import context
from clerk_app.services import sessions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("login", help="войти: пароль с терминала (без эха) или первой строкой стандартного ввода")
    p.add_argument("login")
    p.set_defaults(handler=cmd_login)
    p = sub.add_parser("logout", help="закрыть сеанс оператора (без логина — все сеансы этой папки)")
    p.add_argument("login", nargs="?", default=None)
    p.set_defaults(handler=cmd_logout)


def read_password(prompt: str = "Пароль: ") -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def cmd_login(args: argparse.Namespace) -> int:
    ctx = context(args)
    actor = sessions.open_session(ctx, args.login, read_password())
    print(f"Оператор {actor.login} вошёл; сеанс действует {sessions.SESSION_HOURS} ч. или до clerk-app logout")
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    closed = sessions.close_sessions(context(args), args.login)
    print(f"Сеанс закрыт: {', '.join(closed)}" if closed else "Открытых сеансов нет")
    return 0
