"""Application commands: apply, request, show, list, decide, issue, withdraw."""

from __future__ import annotations

import argparse
from pathlib import Path

from clerk_app.commands.common import add_operator_arg, configured_context, operator, print_json, read_json_file
from clerk_app.domain.errors import ValidationError
from clerk_app.domain.enums import AppStatus
from clerk_app.domain.labels import APP_STATUS_RU
from clerk_app.commands.agency import read_scan
from clerk_app.domain.application_form import scan_paths
from clerk_app.services import applications, issuing, queries, requests
from clerk_app.services.application_views import ApplicationView


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("apply", help="зарегистрировать заявление из файла")
    p.add_argument("file", type=Path)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_apply)

    p = sub.add_parser("request", help="создать и поставить в очередь межведомственные запросы")
    p.add_argument("number")
    p.add_argument("--kind", action="append", default=None, help="вид запроса (можно несколько)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_request)

    p = sub.add_parser("show", help="одно заявление")
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("list", help="заявления")
    p.add_argument("--status", choices=[s.value for s in AppStatus])
    p.add_argument("--json", action="store_true")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("decide", help="записать решение")
    p.add_argument("number")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--approve", action="store_true")
    g.add_argument("--refuse", action="store_true")
    p.add_argument("--reason", default=None)
    p.add_argument("--ground", "--legal-ground", dest="legal_ground", default=None,
                   help="правовое основание отказа (код из каталога, если в нём есть основания)")
    p.add_argument("--override-open-requests", default=None, metavar="REASON",
                   help="разрешение руководителя принять решение при незавершённых запросах (основание)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_decide)

    p = sub.add_parser("issue", help="отметить выдачу результата")
    p.add_argument("number")
    p.add_argument("--representative", type=Path, default=None,
                   help="файл JSON с представителем (ФИО, документ, доверенность)")
    add_operator_arg(p)
    p.set_defaults(handler=cmd_issue)

    p = sub.add_parser("withdraw", help="заявитель отозвал заявление")
    p.add_argument("number")
    p.add_argument("--reason", required=True)
    add_operator_arg(p)
    p.set_defaults(handler=cmd_withdraw)


def cmd_apply(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    actor = operator(ctx, args)
    data = read_json_file(Path(args.file), "Файл заявления")
    base = Path(args.file).resolve().parent
    scans = [read_scan(base / path, code) for code, path in scan_paths(data)]
    print_json(applications.register(ctx, actor, data, scans).to_json())
    return 0


def cmd_request(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    queued = requests.create_requests(ctx, operator(ctx, args), args.number, args.kind)
    print_json([q.to_json() for q in queued])
    return 0


def _text(view: ApplicationView) -> str:
    st = view.state
    lines = [f"Заявление {st.number}: {APP_STATUS_RU[st.status]}",
             f"Заявитель: {st.applicant.full_name}", f"Услуга: {st.service}",
             f"Зарегистрировано: {st.registered_at}", f"Срок: {st.due_date}"]
    for r in view.requests:
        lines.append(f"  запрос {r.kind}: {r.status.value}")
    if st.decision:
        d = st.decision
        lines.append(f"Решение: {'положительное' if d.approved else 'отказ'}"
                     + (f" ({d.reason})" if d.reason else ""))
    if st.handover:
        h = st.handover
        how = f"по реестру № {h.register_number}" if h.register_number else f"в электронном виде (дело {h.case_id})"
        lines.append(f"Передано в {h.agency} {how}: {h.handed_over_at}")
    if st.returned_comment:
        lines.append(f"Требует внимания: {st.returned_comment}")
    if st.result:
        res = st.result
        lines.append(f"Результат ведомства: {'положительный' if res.approved else 'отказ'}, "
                     f"№ {res.document_number or 'б/н'} от {res.document_date or '—'}"
                     + (f" ({res.reason})" if res.reason else ""))
    if st.storage_until and st.issued is None:
        lines.append(f"Хранится до: {st.storage_until}")
    if st.issued:
        who = st.issued.representative.full_name if st.issued.representative else "заявителю"
        lines.append(f"Выдано: {st.issued.issued_at} ({who})")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    view = queries.show(ctx, operator(ctx, args), args.number)
    if args.json:
        print_json(view.to_json())
    else:
        print(_text(view))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    views = queries.list_applications(ctx, operator(ctx, args), queries.ListFilter(status=args.status))
    if args.json:
        print_json([v.to_json() for v in views])
    else:
        for v in views:
            print(f"{v.state.number}\t{v.state.status.value}\t{v.state.due_date}\t{v.state.applicant.full_name}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    if args.refuse and not (args.reason or "").strip():
        raise ValidationError("Причина отказа: не заполнена (--reason)", "reason")
    row = applications.decide(ctx, operator(ctx, args), args.number, approve=args.approve,
                              reason=args.reason, legal_ground=args.legal_ground,
                              override_reason=args.override_open_requests)
    print(f"Решение по заявлению {row.number} записано: {'положительное' if args.approve else 'отказ'}")
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    actor = operator(ctx, args)
    rep = read_json_file(args.representative, "Файл представителя") if args.representative else None
    row = issuing.issue(ctx, actor, args.number, rep)
    who = f"представителю {row.issued.representative.full_name}" if row.issued and row.issued.representative \
        else "заявителю"
    print(f"Результат по заявлению {row.number} выдан {who}")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    row = applications.withdraw(ctx, operator(ctx, args), args.number, args.reason)
    print(f"Заявление {row.number} отозвано")
    return 0
