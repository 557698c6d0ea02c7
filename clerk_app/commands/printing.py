"""Printing commands: receipt, decision, registers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from clerk_app.commands.common import add_operator_arg, configured_context, operator
from clerk_app.domain import identifiers as ids
from clerk_app.services.files import save_private


def register(sub: argparse._SubParsersAction) -> None:
    pr = sub.add_parser("print", help="печать документов в PDF").add_subparsers(dest="print_command", required=True)
    for name, help_text in (("receipt", "расписка в приёме документов"), ("decision", "уведомление о решении"),
                            ("refusal", "уведомление об отказе в приёме документов")):
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
    p = pr.add_parser("handover", help="реестр передачи дел в ведомство (печать реестра передаёт дела)")
    p.add_argument("agency", help="код ведомства")
    p.add_argument("--date", required=True, help="дата реестра ГГГГ-ММ-ДД")
    p.add_argument("-o", "--output", type=Path, required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_print, document="handover")
    p = pr.add_parser("register-copy", help="повторная печать реестра передачи или возврата (по его номеру)")
    p.add_argument("register_number")
    p.add_argument("-o", "--output", type=Path, required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_print, document="register-copy")
    p = pr.add_parser("return", help="реестр возврата невостребованных результатов (печать возвращает их)")
    p.add_argument("agency", help="код ведомства")
    p.add_argument("--as-of", default=None, help="на дату ГГГГ-ММ-ДД (по умолчанию сегодня)")
    p.add_argument("-o", "--output", type=Path, required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_print, document="return")


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
    elif args.document == "refusal":
        from clerk_app.services.agency_documents import intake_refusal_pdf

        intake_refusal_pdf(ctx, actor, args.number, deliver=deliver)
    elif args.document == "register-copy":
        from clerk_app.services import registers

        registers.reprint_register(ctx, actor, args.register_number, deliver=deliver)
    elif args.document == "handover":
        from clerk_app.services import registers

        printed = registers.print_handover_register(ctx, actor, args.agency, ids.parse_date(args.date, field="date"),
                                                    deliver=deliver)
        print(f"Реестр № {printed.register_number}: передано дел — {len(printed.numbers)}", file=sys.stderr)
    else:
        from clerk_app.services import registers

        as_of = ids.parse_date(args.as_of, field="as_of") if args.as_of else ctx.now().date()
        printed = registers.print_return_register(ctx, actor, args.agency, as_of, deliver=deliver)
        print(f"Реестр № {printed.register_number}: возвращено результатов — {len(printed.numbers)}",
              file=sys.stderr)
    print(str(args.output))
    return 0
