"""`clerk-app report`: the supervisor's report as JSON, CSV or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clerk_app.commands.common import EXIT_USAGE, CommandError, add_operator_arg, configured_context, operator
from clerk_app.domain import identifiers as ids


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="отчёт руководителя за период")
    p.add_argument("--from", dest="date_from", default=None, help="первый день (по умолчанию 1-е число месяца)")
    p.add_argument("--to", dest="date_to", default=None, help="последний день включительно (по умолчанию сегодня)")
    p.add_argument("--by", choices=("service", "agency", "operator"), default="service")
    p.add_argument("--format", choices=("json", "csv", "pdf"), default="json")
    p.add_argument("-o", "--output", type=Path, default=None, help="файл (для pdf обязателен)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from clerk_app.services.reports import service
    from clerk_app.services.reports.query import Period

    if args.format == "pdf" and args.output is None:
        raise CommandError("для формата pdf укажите файл: -o FILE", EXIT_USAGE)
    ctx = configured_context(args)
    actor = operator(ctx, args)
    today = ctx.now().date()
    start = ids.parse_date(args.date_from, field="from") if args.date_from else today.replace(day=1)
    end = ids.parse_date(args.date_to, field="to") if args.date_to else today
    report = service.build_report(ctx, actor, Period(start, end), args.by)
    if args.output is None:
        data = service.export(ctx, actor, report, args.format)
        sys.stdout.flush()
        sys.stdout.buffer.write(data if args.format != "json" else data + b"\n")
        sys.stdout.buffer.flush()
        return 0
    print(str(service.export_to_file(ctx, actor, report, args.format, args.output)))
    return 0
