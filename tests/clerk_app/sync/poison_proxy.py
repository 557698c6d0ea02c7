"""A hostile gateway for tests: a stdlib HTTP proxy in front of the sandbox that can poison what it returns.

- `extra_answers`: raw JSON texts of answers added (once) to the next `/responses` page;
- `huge_responses`: `/responses` answers a 500 MB body, streamed (never held in memory), with its
  length declared ("declared") or not ("undeclared": read until the connection closes), counting
  what it managed to write before the client hung up;
- `extra_events`: events added (once) to the next `/events` page, as a gateway that does not vouch
  for their origin would pass them on;
- `catalogue`: a catalogue served instead of the sandbox's (with its own ETag);
- `delay`: seconds every call waits before it goes on (a far gateway); `most_in_flight` counts how many
  calls it ever held at once, `arrivals` how many each call found in flight (itself included), in order.
Everything else is passed to the sandbox unchanged, headers included.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
import requests.adapters

HUGE = 500 * 1024 * 1024


class PoisonProxy:
    def __init__(self, sandbox) -> None:  # type: ignore[no-untyped-def]
        self.sandbox = sandbox
        self.upstream = sandbox.base_url.rstrip("/")
        self.extra_answers: list[str] = []
        self.huge_responses: str | None = None
        self.huge_written = 0
        self.catalogue: dict | None = None
        self.extra_events: list[dict] = []
        self.delay = 0.0
        self.in_flight = self.most_in_flight = 0
        self.arrivals: list[int] = []
        self._lock = threading.Lock()
        self._session = requests.Session()
        self._session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=16))
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802
                proxy._handle(self, "GET")

            def do_POST(self) -> None:  # noqa: N802
                proxy._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        prefix = "/" + self.upstream.split("/", 3)[3]
        self.prefix = prefix
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def token_for(self, centre: str, workstation: str) -> str:
        return self.sandbox.token_for(centre, workstation)

    def __enter__(self) -> PoisonProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._session.close()

    def _reply(self, h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict | None = None) -> None:
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.arrivals.append(self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            self._forward(h, method)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _forward(self, h: BaseHTTPRequestHandler, method: str) -> None:
        path = h.path[len(self.prefix):]
        if method == "GET" and path.startswith("/responses") and self.huge_responses:
            self._stream_huge(h)
            return
        if method == "GET" and path.startswith("/catalogue") and self.catalogue is not None:
            self._reply(h, 200, json.dumps(self.catalogue, ensure_ascii=False).encode(), {"ETag": '"poison-1"'})
            return
        length = int(h.headers.get("Content-Length") or 0)
        data = h.rfile.read(length) if length else None
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("host", "content-length")}
        r = self._session.request(method, self.upstream + path, data=data, headers=headers, timeout=30)
        body = r.content
        if method == "GET" and path.startswith("/responses") and r.status_code == 200 and self.extra_answers:
            page = body.decode()
            extra = ", ".join(self.extra_answers)
            self.extra_answers = []
            head, sep, tail = page.partition('"responses": [') if '"responses": [' in page else \
                page.partition('"responses":[')
            body = (head + sep + extra + ("," if not tail.lstrip().startswith("]") else "") + tail).encode()
        if method == "GET" and path.startswith("/events") and r.status_code == 200 and self.extra_events:
            page = json.loads(body)
            page["events"] += self.extra_events
            self.extra_events = []
            body = json.dumps(page, ensure_ascii=False).encode()
        keep = {k: v for k, v in r.headers.items() if k.lower() in ("etag", "retry-after")}
        self._reply(h, r.status_code, body, keep)

    def _stream_huge(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        if self.huge_responses == "declared":
            h.send_header("Content-Length", str(HUGE))
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        chunk = b'{"responses": [' + b" " * (1024 * 1024 - 15)
        try:
            written = 0
            while written < HUGE:
                h.wfile.write(chunk)
                written += len(chunk)
                self.huge_written = written
                chunk = b" " * (1024 * 1024)
        except OSError:
            pass
        h.close_connection = True
