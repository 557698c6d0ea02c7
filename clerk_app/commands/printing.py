"""Printing commands: receipt, decision, registers."""

from __future__ import annotations

import argparse
from pathlib import Path

from clerk_app.commands.common import CommandError, add_operator_arg, configured_context, operator
from clerk_app.domain import identifiers as ids


def register(sub: argparse._SubParsersAction) -> None:
    pr = sub.add_parser("print", help="печать документов в PDF").add_subparsers(dest="print_command", required=True)
    for name, help_text in (("receipt", "расписка в приёме документов"), ("decision", "уведомление о решении")):
        p = pr.add_parser(name, help=help_text)
        p.add_argument("number")
        p.add_argument("-o", "--output", type=Path, required=True)
        add_operator_arg(p)
        p.set_defaults(handler=cmd_print, document=name)
    p = pr.add_parser("register", help="реестр принятых заявлений за день")
    p.add_argument("--date", required=True)
    p.add_argument("-o", "--output", type=Path, required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_print, document="register")
    p = pr.add_parser("handover", help="реестр передачи дел в ведомство")
    p.add_argument("--agency", required=True)
    p.add_argument("--date", required=True, help="первый день периода")
    p.add_argument("--to", default=None, help="последний день периода (по умолчанию тот же)")
    p.add_argument("-o", "--output", type=Path, required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_print, document="handover")


def cmd_print(args: argparse.Namespace) -> int:
    from clerk_app.services import printing  # reportlab and fonts load only when printing

    ctx = configured_context(args)
    actor = operator(ctx, args)
    if args.document == "receipt":
        pdf = printing.receipt_pdf(ctx, actor, args.number)
    elif args.document == "decision":
        pdf = printing.decision_pdf(ctx, actor, args.number)
    elif args.document == "register":
        pdf = printing.intake_register_pdf(ctx, actor, ids.parse_date(args.date, field="date"))
    else:
        first = ids.parse_date(args.date, field="date")
        last = ids.parse_date(args.to, field="to") if args.to else first
        pdf = printing.handover_register_pdf(ctx, actor, args.agency, first, last)
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.output.with_name(args.output.name + ".part")
        tmp.write_bytes(pdf)
        tmp.replace(args.output)
    except OSError as exc:
        raise CommandError(f"не удалось записать файл {args.output}: {exc.strerror}") from exc
    print(str(args.output))
    return 0
