"""Workstation commands: init, user add, catalogue, calendar."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clerk_app.calendar import ProductionCalendar
from clerk_app.commands.common import (
    EXIT_USAGE,
    CommandError,
    add_operator_arg,
    configured_context,
    context,
    operator,
)
from clerk_app.domain import identifiers as ids
from clerk_app.domain.errors import DomainError, ValidationError
from clerk_app.services import calendar_overrides, catalogue, operators, workstation
from clerk_app.services.context import DB_FILE, AppContext
from clerk_app.services.roles import Actor, Perm


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="создать или обновить настройки и базу рабочего места")
    p.add_argument("--centre", required=True, help="код центра, например 34-001")
    p.add_argument("--workstation", required=True, help="рабочее место, например 34-001-07")
    p.add_argument("--gateway", default=None, help="адрес шлюза, например https://gw.example.ru/api/v1")
    p.add_argument("--token-file", type=Path, default=None, help="файл с токеном рабочего места")
    p.add_argument("--ca-bundle", default=None, help="файл сертификатов УЦ для проверки TLS")
    p.add_argument("--centre-name", default=None, help="наименование центра для документов")
    p.add_argument("--centre-address", default=None)
    p.add_argument("--centre-phone", default=None)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_init)

    user = sub.add_parser("user", help="операторы").add_subparsers(dest="user_command", required=True)
    p = user.add_parser("add", help="создать оператора; пароль — первая строка стандартного ввода")
    p.add_argument("login")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    add_operator_arg(p)
    p.set_defaults(handler=cmd_user_add)

    cat = sub.add_parser("catalogue", help="справочник услуг").add_subparsers(dest="catalogue_command", required=True)
    p = cat.add_parser("import", help="загрузить каталог из файла")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_catalogue_import)
    p = cat.add_parser("sync", help="получить каталог со шлюза")
    p.set_defaults(handler=cmd_catalogue_sync)

    cal = sub.add_parser("calendar", help="производственный календарь").add_subparsers(
        dest="calendar_command", required=True)
    p = cal.add_parser("due", help="срок: N рабочих (или календарных) дней после даты")
    p.add_argument("date")
    p.add_argument("n", type=int)
    p.add_argument("--calendar-days", action="store_true")
    p.set_defaults(handler=cmd_calendar_due)
    p = cal.add_parser("import", help="загрузить производственный календарь года (формат xmlcalendar)")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_calendar_import)


def cmd_init(args: argparse.Namespace) -> int:
    extra = {k: v for k, v in {"ca_bundle": args.ca_bundle, "centre_name": args.centre_name,
                               "centre_address": args.centre_address, "centre_phone": args.centre_phone}.items()
             if v is not None}
    token = workstation.read_token_file(args.token_file) if args.token_file else None
    current = context(args)
    try:
        if operators.has_admin(current) and workstation.changes_gateway(
                current, gateway_url=args.gateway, token=token, ca_bundle=args.ca_bundle):
            _admin(current, args, "Изменение шлюза")
    finally:
        current.close()
    ctx = workstation.init(args.data_dir, args.centre, args.workstation, args.gateway, token, **extra)
    s = ctx.settings()
    print(f"Рабочее место {s.workstation_id} центра {s.centre_code} готово: {ctx.data_dir}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    ctx = context(args)
    admin = _admin(ctx, args, "Создание оператора") if operators.has_admin(ctx) else None
    password = sys.stdin.readline().rstrip("\r\n")
    actor = operators.add_operator(ctx, args.login, args.name, args.role, password, actor=admin)
    print(f"Оператор {actor.login} ({actor.role.value}) создан")
    return 0


def _admin(ctx: AppContext, args: argparse.Namespace, what: str) -> Actor:
    """After set-up (an administrator exists) some commands need an administrator's session."""
    try:
        actor = operator(ctx, args)
    except DomainError as exc:
        raise CommandError(f"{what}: нужен сеанс администратора ({exc.message})") from exc
    if not actor.can(Perm.MANAGE_SETTINGS):
        raise CommandError(f"{what}: нужен сеанс администратора, а {actor.login} — не администратор")
    return actor


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    ctx = context(args)
    summary = catalogue.import_file(ctx, args.file)
    print(f"Каталог {summary.version} загружен: ведомств {summary.agencies}, "
          f"видов запросов {summary.request_kinds}, услуг {summary.services}")
    return 0


def cmd_catalogue_sync(args: argparse.Namespace) -> int:
    from clerk_app.sync.catalogue_sync import GatewayUnavailable, sync_catalogue

    ctx = configured_context(args)
    try:
        summary = sync_catalogue(ctx)
    except GatewayUnavailable as exc:
        raise CommandError(str(exc), 3) from exc
    if summary is None:
        print("Каталог не изменился")
    else:
        print(f"Каталог {summary.version} получен: услуг {summary.services}")
    return 0


def cmd_calendar_due(args: argparse.Namespace) -> int:
    try:
        start = ids.parse_date(args.date, field="date")
    except ValidationError as exc:
        raise CommandError(exc.message, EXIT_USAGE) from exc
    if args.n < 0:
        raise CommandError("N: не может быть отрицательным", EXIT_USAGE)
    cal = context(args).calendar() if (args.data_dir / DB_FILE).exists() else ProductionCalendar()
    due = cal.due(start, args.n, working=not args.calendar_days)
    print(due.date.isoformat())
    if due.provisional:
        print(f"внимание: производственный календарь на {due.date.year} год неизвестен, срок предварительный",
              file=sys.stderr)
    return 0


def cmd_calendar_import(args: argparse.Namespace) -> int:
    year, days = calendar_overrides.import_xmlcalendar(context(args), args.file)
    print(f"Производственный календарь {year} года загружен: особых дней {days}")
    return 0
