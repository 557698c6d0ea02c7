"""Printing commands: receipt, decision, registers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from clerk_app.commands.common import add_operator_arg, configured_context, operator
from clerk_app.domain import identifiers as ids
from clerk_app.services.files import save_private


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


def write_output(path: Path) -> Callable[[bytes], None]:
    """Write a PDF owner-only and atomically; a failed write leaves no `.part` and raises one line."""
    def deliver(pdf: bytes) -> None:
        save_private(path, pdf)
    return deliver


def cmd_print(args: argparse.Namespace) -> int:
    from clerk_app.services import printing  # reportlab and fonts load only when printing

    ctx = configured_context(args)
    actor = operator(ctx, args)
    deliver = write_output(args.output)
    if args.document == "receipt":
        printing.receipt_pdf(ctx, actor, args.number, deliver=deliver)
    elif args.document == "decision":
        printing.decision_pdf(ctx, actor, args.number, deliver=deliver)
    elif args.document == "register":
        printing.intake_register_pdf(ctx, actor, ids.parse_date(args.date, field="date"), deliver=deliver)
    else:
        first = ids.parse_date(args.date, field="date")
        last = ids.parse_date(args.to, field="to") if args.to else first
        printing.handover_register_pdf(ctx, actor, args.agency, first, last, deliver=deliver)
    print(str(args.output))
    return 0
