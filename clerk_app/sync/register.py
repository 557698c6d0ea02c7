"""The centre's shared register: pulling events with a durable cursor and recomputing projections."""

from __future__ import annotations

from clerk_app.gateway.client import GatewayClient
from clerk_app.services.context import AppContext
from clerk_app.services.events import reproject_many, store_remote_event
from clerk_app.services.settings import get_value, set_value

CURSOR_KEY = "events_cursor"
PAGE = 500
MAX_PAGES = 40
REQUIRED = ("event_id", "application_id", "application_number", "type", "occurred_at", "workstation",
            "operator", "seq")


def pull_events(ctx: AppContext, client: GatewayClient) -> int:
    """Apply new events page by page; the cursor is stored in the same transaction as the events."""
    new = 0
    for _ in range(MAX_PAGES):
        with ctx.db.read() as s:
            cursor = get_value(s, CURSOR_KEY)
        events, next_cursor, more = client.pull_events(str(cursor) if cursor else None, PAGE)
        with ctx.db.write() as s:
            touched = []
            for ev in events:
                if any(k not in ev for k in REQUIRED):
                    continue
                if store_remote_event(s, ev):
                    new += 1
                touched.append(ev["application_id"])
            reproject_many(s, ctx, touched)
            if next_cursor is not None:
                set_value(s, CURSOR_KEY, next_cursor)
        if not more or not events:
            break
    return new
