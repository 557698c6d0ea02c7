"""A minimal gateway on the standard library, for benchmarks only: not the sandbox.

It speaks just enough of protocol 2 for a sync pass (health, catalogue 304, messages answered at
once, the response queue with ack, events in and out), keeps everything in memory and does no
validation, so that what a benchmark measures is the client. HTTP/1.1 keep-alive, a thread per
connection. Run: python benchmarks/fast_gateway.py PORT (prints "ready" when listening).
"""

from __future__ import annotations

import json
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BASE = "/api/v1"


class State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: dict[str, dict] = {}
        self.queues: dict[str, dict[str, dict]] = {}  # workstation -> response_id -> answer
        self.leased: set[str] = set()
        self.events: list[dict] = []
        self.event_ids: set[str] = set()


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _queue(self) -> dict[str, dict]:
        return STATE.queues.setdefault(self.headers.get("X-Workstation-Id", ""), {})

    def log_message(self, *args: object) -> None:
        return None

    def _send(self, status: int, body: dict | None) -> None:
        raw = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else {}

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        path, query = url.path[len(BASE):], parse_qs(url.query)
        limit = int(query.get("limit", ["100"])[0])
        if path == "/health":
            self._send(200, {"status": "ok", "time": "2026-12-01T10:00:00+03:00", "protocol": 2})
        elif path == "/catalogue":
            self.send_response(304)
            self.send_header("ETag", self.headers.get("If-None-Match") or '"none"')
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/responses":
            with STATE.lock:
                free = [a for rid, a in self._queue().items() if rid not in STATE.leased][:limit + 1]
                page = free[:limit]
                STATE.leased.update(a["response_id"] for a in page)
            self._send(200, {"responses": page, "more": len(free) > limit})
        elif path == "/events":
            after = int(query.get("after", ["0"])[0] or 0)
            with STATE.lock:
                page = STATE.events[after:after + limit + 1]
            events = page[:limit]
            cursor = str(events[-1]["seq"]) if events else str(after)
            self._send(200, {"events": events, "cursor": cursor, "more": len(page) > limit})
        else:
            self._send(404, {"error": {"code": "not_found", "message": "Адрес не найден"}})

    def do_POST(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path[len(BASE):]
        body = self._body()
        if path == "/messages":
            mid = body["message_id"]
            with STATE.lock:
                created = mid not in STATE.messages
                if created:
                    STATE.messages[mid] = body
                    rid = str(uuid.uuid4())
                    self._queue()[rid] = {
                        "response_id": rid, "message_id": mid, "status": "answered", "agency": body.get("recipient"),
                        "answered_at": "2026-12-01T10:00:00+03:00", "data": {"found": True},
                        "refusal_reason": None, "attachments": []}
            self._send(202 if created else 200, {"message_id": mid, "status": "accepted",
                                                 "accepted_at": "2026-12-01T10:00:00+03:00"})
        elif path == "/responses/ack":
            ids = body.get("response_ids") or []
            with STATE.lock:
                for rid in ids:
                    self._queue().pop(rid, None)
                    STATE.leased.discard(rid)
            self._send(200, {"acknowledged": len(ids)})
        elif path == "/events":
            accepted = []
            with STATE.lock:
                for ev in body.get("events") or []:
                    if ev["event_id"] not in STATE.event_ids:
                        STATE.event_ids.add(ev["event_id"])
                        STATE.events.append({**ev, "seq": len(STATE.events) + 1})
                    accepted.append(ev["event_id"])
            self._send(200, {"accepted": accepted, "rejected": []})
        elif path.startswith("/messages/") and path.endswith("/cancel"):
            self._send(200, {"message_id": path.split("/")[2], "status": "cancelled"})
        else:
            self._send(404, {"error": {"code": "not_found", "message": "Адрес не найден"}})


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
