"""Gateway commands: sync and the sandbox gateway."""

from __future__ import annotations

import argparse
import time

from clerk_app.commands.common import add_operator_arg, configured_context, operator, print_json
from clerk_app.domain.labels import QUARANTINE_SOURCE_RU
from clerk_app.sync import quarantine
from clerk_app.sync.engine import SyncEngine, SyncSummary

MAX_SLEEP = 30.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="отправить очередь, принять ответы, обменяться событиями")
    p.add_argument("--once", action="store_true", help="один проход, без ожидания повторных попыток")
    p.add_argument("--timeout", type=float, default=120.0, help="наибольшее время работы, секунд")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("quarantine", help="ответы и события шлюза, не прошедшие проверку (отложены)")
    add_operator_arg(p)
    p.add_argument("--json", action="store_true", help="вывести JSON")
    p.set_defaults(handler=cmd_quarantine)

    p = sub.add_parser("gateway-sandbox", help="учебный шлюз (песочница)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="порт (0 — любой свободный)")
    p.add_argument("--db", default=None, help="URL базы SQLAlchemy (по умолчанию файл в папке данных)")
    p.add_argument("--answer-delay", type=float, default=5.0)
    p.add_argument("--fail-rate", type=float, default=0.0)
    p.add_argument("--exit-with-parent", action="store_true", help="завершиться вместе с запустившим процессом")
    p.set_defaults(handler=cmd_sandbox)


def _add(total: SyncSummary, part: SyncSummary) -> None:
    for key in ("sent", "failed", "answers", "events_in", "events_out"):
        setattr(total, key, getattr(total, key) + getattr(part, key))
    total.pending, total.needs_attention = part.pending, part.needs_attention
    total.online, total.error, total.next_due_in = part.online, part.error, part.next_due_in


def cmd_sync(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    engine = SyncEngine(ctx)
    total = SyncSummary()
    deadline = time.monotonic() + max(args.timeout, 0.0)
    try:
        while True:
            part = engine.run_pass()
            _add(total, part)
            if args.once or not part.online or part.pending == 0 or part.next_due_in is None:
                break
            wait = part.next_due_in
            if time.monotonic() + wait > deadline:
                break
            time.sleep(min(wait, MAX_SLEEP) + 0.05)
    finally:
        engine.close()
    print_json({k: v for k, v in total.to_json().items() if k != "next_due_in"})
    return 0


def cmd_quarantine(args: argparse.Namespace) -> int:
    ctx = configured_context(args)
    items = quarantine.list_quarantine(ctx, operator(ctx, args))
    if args.json:
        print_json([item.to_json() for item in items])
    elif not items:
        print("Отложенных ответов и событий нет")
    for item in [] if args.json else items:
        print(f"{item.received_at}  {QUARANTINE_SOURCE_RU[item.source]}  {item.item_id}  "
              f"{item.origin or '—'}  {item.reason}")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from clerk_app.gateway.sandbox.server import main as sandbox_main

    argv = ["--host", args.host, "--port", str(args.port), "--answer-delay", str(args.answer_delay),
            "--fail-rate", str(args.fail_rate)]
    db = args.db or f"sqlite:///{args.data_dir / 'sandbox-gateway.sqlite3'}"
    if args.db is None:
        args.data_dir.mkdir(parents=True, exist_ok=True)
    argv += ["--db", db] + (["--exit-with-parent"] if args.exit_with_parent else [])
    return int(sandbox_main(argv) or 0)
