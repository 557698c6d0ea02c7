"""`clerk-app hub serve` and `clerk-app hub token issue|revoke|list`: the centre hub."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from clerk_app.commands.common import EXIT_REFUSED, CommandError, print_json

if TYPE_CHECKING:
    from clerk_app.gateway.hub.tokens import TokenRegistry

DEFAULT_PORT = 8780


def register(sub: argparse._SubParsersAction) -> None:
    hub = sub.add_parser("hub", help="шлюз центра: сервер и токены рабочих мест")
    hub_sub = hub.add_subparsers(dest="hub_command", metavar="HUB_COMMAND", required=True)

    p = hub_sub.add_parser("serve", help="запустить шлюз центра")
    _db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="адрес для входящих соединений")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="порт (0 — любой свободный)")
    p.add_argument("--answer-delay", type=float, default=5.0, help="через сколько секунд ведомства отвечают")
    p.add_argument("--visibility-timeout", type=float, default=60.0,
                   help="через сколько секунд неподтверждённый ответ предлагается снова")
    p.add_argument("--catalogue", default=None, help="файл справочника (JSON; по умолчанию демонстрационный)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"],
                   help="подробность журнала (info пишет каждый запрос)")
    p.set_defaults(handler=cmd_serve)

    token = hub_sub.add_parser("token", help="токены рабочих мест")
    token_sub = token.add_subparsers(dest="token_command", metavar="TOKEN_COMMAND", required=True)
    p = token_sub.add_parser("issue", help="выдать токен рабочему месту (показывается один раз)")
    p.add_argument("--centre", required=True, help="код центра, например 34-001")
    p.add_argument("--workstation", required=True, help="идентификатор рабочего места, например 34-001-07")
    p.add_argument("--days", type=float, default=365.0, help="срок действия, дней (по умолчанию 365)")
    _db_arg(p)
    p.set_defaults(handler=cmd_token_issue)
    p = token_sub.add_parser("revoke", help="отозвать токены рабочего места")
    p.add_argument("--workstation", required=True)
    p.add_argument("--centre", default=None, help="только токены этого центра")
    p.add_argument("--token-id", default=None, help="только этот токен")
    _db_arg(p)
    p.set_defaults(handler=cmd_token_revoke)
    p = token_sub.add_parser("list", help="список токенов (без секретов)")
    p.add_argument("--json", action="store_true")
    _db_arg(p)
    p.set_defaults(handler=cmd_token_list)


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None,
                   help="URL базы шлюза: postgresql+psycopg://… (по умолчанию файл hub.sqlite3 в папке данных)")


def _db_url(args: argparse.Namespace) -> str:
    if args.db:
        return args.db
    args.data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{args.data_dir / 'hub.sqlite3'}"


def _registry(args: argparse.Namespace) -> TokenRegistry:
    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.gateway.hub.tokens import TokenRegistry
    from clerk_app.gateway.sandbox.database import GatewayDatabase

    try:
        return TokenRegistry(GatewayDatabase(_db_url(args)))
    except (SQLAlchemyError, ValueError) as exc:
        raise CommandError(f"база шлюза недоступна: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from sqlalchemy.exc import SQLAlchemyError

    from clerk_app.gateway.hub.serve import run

    logging.basicConfig(level=getattr(logging, args.log_level.upper()), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.answer_delay < 0 or args.visibility_timeout <= 0:
        raise CommandError("--answer-delay не может быть отрицательным, --visibility-timeout должен быть больше 0",
                           2)
    try:
        run(_db_url(args), host=args.host, port=args.port, answer_delay=args.answer_delay,
            visibility_timeout=args.visibility_timeout, catalogue_path=args.catalogue, log_level=args.log_level)
    except (SQLAlchemyError, OSError, ValueError) as exc:
        raise CommandError(f"шлюз центра не запущен: {_first_line(exc)}") from None
    except KeyboardInterrupt:
        pass
    return 0


def cmd_token_issue(args: argparse.Namespace) -> int:
    registry = _registry(args)
    try:
        issued = registry.issue(args.centre, args.workstation, args.days)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    finally:
        registry.db.dispose()
    until = datetime.fromtimestamp(issued.expires_at).strftime("%d.%m.%Y") if issued.expires_at else "бессрочно"
    print(issued.secret)
    print(f"Токен {issued.token_id} для рабочего места {issued.workstation} центра {issued.centre}, действует до "
          f"{until}. Он показан один раз: передайте его на рабочее место (clerk-app init --token-file).",
          file=sys.stderr)
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    registry = _registry(args)
    try:
        count = registry.revoke(args.workstation, centre=args.centre, token_id=args.token_id)
    finally:
        registry.db.dispose()
    if count == 0:
        raise CommandError(f"у рабочего места {args.workstation} нет действующих токенов", EXIT_REFUSED)
    print(f"Отозвано токенов: {count}")
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    try:
        tokens = registry.list()
    finally:
        registry.db.dispose()
    if args.json:
        print_json(tokens)
        return 0
    states = {"active": "действует", "revoked": "отозван", "expired": "истёк"}
    for t in tokens:
        print(f"{t['token_id']}  {t['centre']}  {t['workstation']}  выдан {t['issued_at']}  "
              f"до {t['expires_at'] or 'бессрочно'}  {states[t['state']]}")
    if not tokens:
        print("Токенов нет")
    return 0
