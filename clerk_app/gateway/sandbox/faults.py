"""Fault injection and the body limit, as pure ASGI middleware.

With ``fail_rate`` F, that share of calls (all but /health and the API docs) fails in one of
these ways, some of them only after the request was carried out and stored:

- 429 with ``Retry-After: 1``;
- 503 with the error body (sometimes with ``Retry-After``), before or after processing;
- a dropped connection: the status line and headers go out, then the socket is closed in
  the middle of the body (the client sees a broken read), before or after processing.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Iterable

from clerk_app.gateway.sandbox.errors import error_body

log = logging.getLogger(__name__)

MAX_BODY = 10 * 1024 * 1024

# (mode, weight): "after" modes run the request first and then lose its answer.
FAULT_MODES = (
    ("rate_limited", 0.15),
    ("unavailable", 0.25),
    ("drop", 0.15),
    ("unavailable_after", 0.2),
    ("drop_after", 0.25),
)


class InjectedDisconnect(Exception):
    """Raised after the response has started, so that the server closes the connection."""


class _QuietDisconnects(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, InjectedDisconnect)


def _install_log_filter() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDisconnects) for f in logger.filters):
        logger.addFilter(_QuietDisconnects())


async def _send_json(send, status: int, body: dict, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                    *headers],
    })
    await send({"type": "http.response.body", "body": payload})


class FaultPlan:
    """How often and how calls fail; shared with the app (``app.state.faults``) so tests can change it."""

    def __init__(self, fail_rate: float = 0.0, seed: int | None = None) -> None:
        self.fail_rate = max(0.0, min(1.0, float(fail_rate)))
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.injected: dict[str, int] = {mode: 0 for mode, _ in FAULT_MODES}

    def draw(self) -> str | None:
        with self._lock:
            if self.fail_rate <= 0 or self._rng.random() >= self.fail_rate:
                return None
            mode = self._rng.choices([m for m, _ in FAULT_MODES], weights=[w for _, w in FAULT_MODES])[0]
            self.injected[mode] += 1
            return mode

    def retry_after_hint(self) -> list[tuple[bytes, bytes]]:
        with self._lock:
            return [(b"retry-after", b"1")] if self._rng.random() < 0.5 else []


class FaultInjector:
    """Fails a share of the calls on purpose, to exercise the client's retries and idempotency."""

    def __init__(self, app, plan: FaultPlan,
                 exempt_suffixes: tuple[str, ...] = ("/health", "/openapi.json", "/docs", "/redoc")) -> None:
        self.app = app
        self.plan = plan
        self.exempt_suffixes = exempt_suffixes
        _install_log_filter()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"].endswith(self.exempt_suffixes):
            await self.app(scope, receive, send)
            return
        mode = self.plan.draw()
        if mode is None:
            await self.app(scope, receive, send)
            return
        log.info("injected fault %s on %s %s", mode, scope["method"], scope["path"])
        if mode.endswith("_after"):
            async def discard(message) -> None:
                return None
            await self.app(scope, receive, discard)
        if mode == "rate_limited":
            await _send_json(send, 429, error_body("rate_limited", "Слишком много запросов: повторите позже"),
                             [(b"retry-after", b"1")])
        elif mode.startswith("unavailable"):
            await _send_json(send, 503, error_body("unavailable", "Шлюз временно недоступен"),
                             self.plan.retry_after_hint())
        else:
            await send({
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            })
            await send({"type": "http.response.body", "body": b'{"respon', "more_body": True})
            raise InjectedDisconnect(f"injected connection drop on {scope['path']}")


class BodyLimit:
    """413 for a request body over ``limit`` bytes; the body is drained first so the client reads the answer."""

    def __init__(self, app, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        too_large = False
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                too_large = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.limit:
                too_large = True
            if not too_large:
                chunks.append(body)
            if not message.get("more_body", False):
                break
        if too_large:
            await _send_json(send, 413, error_body(
                "payload_too_large", f"Тело запроса больше допустимых {self.limit // (1024 * 1024)} МиБ"))
            return
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replay_receive():
            if replay:
                return replay.pop()
            return await receive()

        await self.app(scope, replay_receive, send)
