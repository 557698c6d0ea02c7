"""The agency leg's commands: handover, result (from paper), unclaimed."""

from __future__ import annotations

import argparse
from pathlib import Path

from clerk_app.commands.common import add_operator_arg, configured_context, operator, print_json
from clerk_app.domain import identifiers as ids
from clerk_app.domain.errors import ValidationError
from clerk_app.services import agency_results, applications, handover, issuing, scans
from clerk_app.services.scans import ScanFile

MAX_SCAN_FILE = 10 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("handover", help="передать дело в ведомство")
    p.add_argument("number")
    p.add_argument("--override-open-requests", default=None, metavar="REASON",
                   help="разрешение руководителя передать дело при незавершённых запросах (основание)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_handover)

    p = sub.add_parser("result", help="внести результат ведомства, поступивший на бумаге")
    p.add_argument("number")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--approve", action="store_true")
    g.add_argument("--refuse", action="store_true")
    p.add_argument("--ground", default=None, help="правовое основание отказа (код из каталога)")
    p.add_argument("--reason", default=None)
    p.add_argument("--document-number", required=True)
    p.add_argument("--document-date", required=True)
    p.add_argument("--signed-by", default=None)
    p.add_argument("--attach", type=Path, default=None, help="скан документа ведомства (PDF, PNG, JPEG)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_result)

    p = sub.add_parser("attach-scan", help="приложить скан документа заявления (PDF, PNG, JPEG)")
    p.add_argument("number")
    p.add_argument("document", help="код документа заявления (например, passport)")
    p.add_argument("file", type=Path)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_attach_scan)

    p = sub.add_parser("refuse-intake", help="отказать в приёме документов (уведомление: print refusal)")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    p.add_argument("--ground", default=None, help="правовое основание (код из каталога, если в нём есть основания)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_refuse_intake)

    p = sub.add_parser("unclaimed", help="невостребованные результаты")
    p.add_argument("--as-of", default=None, help="на дату ГГГГ-ММ-ДД (по умолчанию сегодня)")
    p.add_argument("--json", action="store_true")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_unclaimed)


def read_scan(path: Path, document_code: str, label: str = "Скан") -> ScanFile:
    try:
        with open(path, "rb") as f:
            content = f.read(MAX_SCAN_FILE + 1)
    except OSError as exc:
        raise ValidationError(f"{label}: не удалось прочитать {path}: {exc.strerror}", "file") from exc
    if len(content) > MAX_SCAN_FILE:
        raise ValidationError(f"{label}: файл {path.name} больше 10 МиБ", "file")
    return ScanFile(document_code, path.name, content)


def cmd_handover(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    done = handover.handover(ctx, operator(ctx, args), args.number, args.override_open_requests)
    print_json(done.to_json())
    return 0


def cmd_result(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    actor = operator(ctx, args)
    if args.refuse and not (args.ground or "").strip():
        raise ValidationError("Правовое основание отказа: не указано (--ground)", "ground")
    if args.refuse and not (args.reason or "").strip():
        raise ValidationError("Причина отказа: не заполнена (--reason)", "reason")
    scan = read_scan(args.attach, "result", "Скан документа ведомства") if args.attach else None
    st = agency_results.record_paper_result(
        ctx, actor, args.number, approve=args.approve, document_number=args.document_number,
        document_date=ids.parse_date(args.document_date, field="document_date"), signed_by=args.signed_by,
        legal_ground=args.ground, reason=args.reason, scan=scan)
    print(f"Результат ведомства по заявлению {st.number} внесён: {'положительный' if args.approve else 'отказ'}")
    return 0


def cmd_attach_scan(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    ref = scans.add_scan(ctx, operator(ctx, args), args.number, read_scan(args.file, args.document))
    print_json({"number": args.number, "document": ref.document_code, "name": ref.name, "sha256": ref.sha256})
    return 0


def cmd_refuse_intake(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    st = applications.refuse_intake(ctx, operator(ctx, args), args.number, args.reason, args.ground)
    print(f"В приёме документов по заявлению {st.number} отказано")
    return 0


def cmd_unclaimed(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    actor = operator(ctx, args)
    as_of = ids.parse_date(args.as_of, field="as_of") if args.as_of else ctx.now().date()
    views = issuing.unclaimed(ctx, actor, as_of)
    if args.json:
        print_json([v.to_json() for v in views])
    else:
        for v in views:
            print(f"{v.state.number}\t{v.state.agency}\t{v.state.storage_until}\t{v.state.applicant.full_name}")
    return 0
