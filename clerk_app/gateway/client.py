"""HTTP client of the central gateway (protocol version 2, see gateway-protocol.md).

One requests.Session with a connection pool of 8, a timeout on every call and TLS
verification always on. Idempotent GETs are retried by urllib3 a couple of times;
POSTs are never retried here: the outbox decides, by the error class raised
(clerk_app.gateway.errors), whether and when to send again.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from clerk_app import __version__
from clerk_app.gateway.attachments import verify_attachment
from clerk_app.gateway.limits import read_capped
from clerk_app.gateway.safejson import loads_page
from clerk_app.gateway.errors import (
    AuthError,
    ConflictError,
    GatewayError,
    PermanentError,
    RateLimited,
    TransientError,
)

__all__ = ["GatewayClient", "verify_attachment", "is_case_status", "MAX_BATCH", "POOL_SIZE"]

log = logging.getLogger(__name__)

POOL_SIZE = 8
MAX_BATCH = 500
ANSWER_STATUSES = frozenset({"answered", "rejected", "error"})
MESSAGE_STATUSES = frozenset({"accepted", "delivered", "answered", "rejected", "cancelled", "expired"})
PERMANENT_STATUSES = frozenset({400, 403, 404, 413, 422})
CASE_STATUSES = frozenset({"accepted", "delivered", "returned", "result"})
CASE_ITEM_STATUSES = frozenset({"accepted", "returned", "result"})


def _is_answer(item: Any) -> bool:
    return (
        isinstance(item.get("message_id"), str)
        and item.get("status") in ANSWER_STATUSES
        and isinstance(item.get("data", {}), (dict, type(None)))
    )


def _is_case_status(item: Any) -> bool:
    result = item.get("result")
    return (
        isinstance(item.get("case_id"), str) and bool(item["case_id"])
        and item.get("status") in CASE_ITEM_STATUSES
        and (item["status"] != "result" or (isinstance(result, dict) and isinstance(result.get("approved"), bool)))
        and isinstance(item.get("comment"), (str, type(None)))
    )


def is_case_status(item: Any) -> bool:
    """True for a `case_status` item of the response queue (items without a type are answers)."""
    return isinstance(item, dict) and item.get("type") == "case_status"


class _GetOnlyRetry(Retry):
    """urllib3 Retry that never repeats a non-idempotent request, not even after a connect error."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        allowed = self.allowed_methods or frozenset()
        idempotent = method is not None and method.upper() in allowed
        if error is not None and not idempotent and not self._is_read_error(error):
            # Connect and other errors are retried for any method by urllib3; not here.
            # (Read errors of a non-idempotent request are re-raised by Retry itself.)
            raise MaxRetryError(_pool, url, reason=error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)


def _get_retry() -> Retry:
    return _GetOnlyRetry(
        total=3,
        connect=2,
        read=2,
        status=2,
        other=0,
        redirect=0,
        allowed_methods=frozenset({"GET"}),
        status_forcelist=(502, 503, 504),
        backoff_factor=0.2,
        backoff_max=2.0,
        respect_retry_after_header=False,
        raise_on_status=False,
        raise_on_redirect=False,
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        seconds = (when - datetime.now(timezone.utc)).total_seconds()
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def _malformed(what: str, status: int | None = None) -> TransientError:
    return TransientError(
        f"Шлюз вернул ответ неожиданного формата ({what})", status=status, code="malformed_response"
    )


class GatewayClient:
    """Calls of the gateway protocol; every failure is raised as a GatewayError subclass."""

    def __init__(
        self,
        base_url: str,
        token: str,
        centre_code: str,
        workstation_id: str,
        ca_bundle: str | None = None,
        timeout: float | tuple[float, float] = (3.05, 15),
        session: requests.Session | None = None,
    ) -> None:
        if not base_url:
            raise ValueError("base_url is required")
        self.base_url = base_url.rstrip("/")
        self.centre_code = centre_code
        self.workstation_id = workstation_id
        self.timeout = timeout
        self._verify: str | bool = ca_bundle if ca_bundle else True
        self._token = token
        self.session = session if session is not None else requests.Session()
        # pool_block: at most POOL_SIZE requests at once, as the protocol asks.
        adapter = HTTPAdapter(pool_connections=POOL_SIZE, pool_maxsize=POOL_SIZE, pool_block=True,
                              max_retries=_get_retry())
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self._headers = {
            "Authorization": f"Bearer {token}",
            "X-Centre-Code": centre_code,
            "X-Workstation-Id": workstation_id,
            "Accept": "application/json",
            "User-Agent": f"clerk-app/{__version__}",
        }

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport -------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
    ) -> requests.Response:
        url = self.base_url + path
        all_headers = dict(self._headers) if auth else {"Accept": "application/json"}
        if headers:
            all_headers.update(headers)
        try:
            response = self.session.request(
                method,
                url,
                json=json_body,
                params=params,
                headers=all_headers,
                timeout=self.timeout,
                verify=self._verify,
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.SSLError as exc:
            raise TransientError(
                "Не удалось проверить сертификат шлюза: соединение не защищено", code="tls_error"
            ) from exc
        except requests.exceptions.Timeout as exc:
            raise TransientError("Шлюз не ответил вовремя", code="timeout") from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as exc:
            raise TransientError(
                f"Адрес шлюза задан неверно: {self.base_url}", code="bad_configuration"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise TransientError("Нет связи со шлюзом", code="network_error") from exc
        log.debug("%s %s -> %s", method, path, response.status_code)
        response._content = read_capped(response)  # the protocol's 10 MiB, never read whole beyond it
        response._content_consumed = True
        return response

    @staticmethod
    def _error_from(response: requests.Response) -> GatewayError:
        status = response.status_code
        code, message, field = f"http_{status}", None, None
        try:
            body = response.json()
        except ValueError:
            body = None
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str):
            code, message = error["code"], error["message"]
            field = error.get("field") if isinstance(error.get("field"), str) else None
        retry_after = _retry_after(response.headers.get("Retry-After"))
        if status == 429:
            return RateLimited(
                message or "Шлюз ограничил частоту запросов",
                status=status, code=code, field=field,
                retry_after=retry_after if retry_after is not None else 1.0,
            )
        if status >= 500 or message is None and status not in PERMANENT_STATUSES | {401, 409}:
            # 5xx, or an answer without the protocol's error body (a proxy page, a redirect).
            return TransientError(
                message or f"Шлюз временно недоступен (HTTP {status})",
                status=status, code=code, field=field, retry_after=retry_after,
            )
        if status == 401:
            return AuthError(
                message or "Шлюз не принял токен рабочего места: требуется повторный вход",
                status=status, code=code, field=field,
            )
        if status == 409:
            return ConflictError(message or "Конфликт с данными шлюза", status=status, code=code, field=field)
        if 400 <= status < 500:
            return PermanentError(
                message or f"Шлюз отклонил запрос (HTTP {status})", status=status, code=code, field=field
            )
        return TransientError(f"Неожиданный ответ шлюза (HTTP {status})", status=status, code=code)

    def _json(self, response: requests.Response, expected: Iterable[int] = (200,)) -> dict[str, Any]:
        if response.status_code not in tuple(expected):
            raise self._error_from(response)
        try:
            body = response.json()
        except ValueError as exc:
            raise _malformed("не JSON", response.status_code) from exc
        if not isinstance(body, dict):
            raise _malformed("ожидался объект", response.status_code)
        return body

    # --- calls -----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """GET /health; returns the body when the gateway is up, raises otherwise."""
        body = self._json(self._request("GET", "/health", auth=False))
        if body.get("status") != "ok":
            raise _malformed("health.status")
        return body

    def is_online(self) -> bool:
        """True when /health answers; never raises."""
        try:
            self.health()
        except GatewayError:
            return False
        return True

    def catalogue(self, etag: str | None = None) -> tuple[dict[str, Any] | None, str | None]:
        """GET /catalogue; (None, etag) when unchanged (304), else (catalogue, new etag)."""
        headers = {"If-None-Match": etag} if etag else None
        response = self._request("GET", "/catalogue", headers=headers)
        if response.status_code == 304:
            return None, response.headers.get("ETag") or etag
        body = self._json(response)
        for key in ("agencies", "request_kinds", "services"):
            if not isinstance(body.get(key), list):
                raise _malformed(f"catalogue.{key}")
        if not isinstance(body.get("version"), str):
            raise _malformed("catalogue.version")
        return body, response.headers.get("ETag")

    def send_message(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """POST /messages; 202 (accepted) and 200 (an identical retry) both return the body."""
        message_id = payload.get("message_id")
        body = self._json(self._request("POST", "/messages", json_body=dict(payload)), expected=(200, 202))
        if body.get("message_id") != message_id or not isinstance(body.get("status"), str):
            raise _malformed("messages")
        return body

    def message_status(self, message_id: str) -> dict[str, Any]:
        body = self._json(self._request("GET", f"/messages/{quote(message_id, safe='')}"))
        if body.get("message_id") != message_id or body.get("status") not in MESSAGE_STATUSES:
            raise _malformed("messages/{id}")
        return body

    def cancel_message(self, message_id: str) -> dict[str, Any]:
        """POST /messages/{id}/cancel; ConflictError(code='already_answered') when an answer exists."""
        body = self._json(self._request("POST", f"/messages/{quote(message_id, safe='')}/cancel", json_body={}))
        if body.get("message_id") != message_id or body.get("status") != "cancelled":
            raise _malformed("messages/{id}/cancel")
        return body

    def send_case(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """POST /cases (protocol 2); 202 and 200 (an identical retry) both return the body."""
        case_id = payload.get("case_id")
        body = self._json(self._request("POST", "/cases", json_body=dict(payload)), expected=(200, 202))
        if body.get("case_id") != case_id or not isinstance(body.get("status"), str):
            raise _malformed("cases")
        return body

    def case_status(self, case_id: str) -> dict[str, Any]:
        body = self._json(self._request("GET", f"/cases/{quote(case_id, safe='')}"))
        if body.get("case_id") != case_id or body.get("status") not in CASE_STATUSES:
            raise _malformed("cases/{id}")
        return body

    def _page(self, path: str, params: Mapping[str, Any], key: str) -> dict[str, Any]:
        """A page of items; an item too deep to parse comes back marked (see safejson), never a wall."""
        response = self._request("GET", path, params=params)
        if response.status_code != 200:
            raise self._error_from(response)
        try:
            body = loads_page(response.content, key)
        except (ValueError, RecursionError) as exc:
            raise _malformed("не JSON", response.status_code) from exc
        if not isinstance(body, dict) or not isinstance(body.get(key), list):
            raise _malformed(key)
        return body

    def fetch_responses(self, limit: int = 100) -> tuple[list[Any], bool]:
        """GET /responses; (items, more). Items must be stored (or set aside) before they are acknowledged;
        each item is checked by the caller, so that one malformed answer never stops the others."""
        limit = max(1, min(MAX_BATCH, int(limit)))
        body = self._page("/responses", {"limit": limit}, "responses")
        if not isinstance(body.get("more"), bool):
            raise _malformed("responses")
        return body["responses"], body["more"]

    def ack_responses(self, response_ids: Sequence[str]) -> int:
        """POST /responses/ack in batches of at most 500; returns the gateway's acknowledged count."""
        total = 0
        ids = list(response_ids)
        for start in range(0, len(ids), MAX_BATCH):
            chunk = ids[start:start + MAX_BATCH]
            body = self._json(self._request("POST", "/responses/ack", json_body={"response_ids": chunk}))
            count = body.get("acknowledged")
            if not isinstance(count, int) or isinstance(count, bool):
                raise _malformed("responses/ack")
            total += count
        return total

    def push_events(self, events: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
        """POST /events in batches of at most 500; (accepted event ids, rejected entries)."""
        accepted: list[str] = []
        rejected: list[dict[str, Any]] = []
        items = [dict(e) for e in events]
        for start in range(0, len(items), MAX_BATCH):
            chunk = items[start:start + MAX_BATCH]
            body = self._json(self._request("POST", "/events", json_body={"events": chunk}))
            ok, bad = body.get("accepted"), body.get("rejected")
            if not isinstance(ok, list) or not isinstance(bad, list):
                raise _malformed("events")
            if not all(isinstance(i, str) for i in ok) or not all(
                isinstance(r, dict) and isinstance(r.get("event_id"), str) for r in bad
            ):
                raise _malformed("events[]")
            accepted.extend(ok)
            rejected.extend(bad)
        return accepted, rejected

    def pull_events(self, after: str | None = None, limit: int = 100) -> tuple[list[Any], str | None, bool]:
        """GET /events; (events in gateway order, cursor to store after applying them, more).
        Each event is checked by the caller (a malformed one is set aside, the cursor moves on)."""
        params: dict[str, Any] = {"limit": max(1, min(MAX_BATCH, int(limit)))}
        if after:
            params["after"] = after
        body = self._page("/events", params, "events")
        events, cursor, more = body["events"], body.get("cursor"), body.get("more")
        if not isinstance(more, bool) or not isinstance(cursor, (str, type(None))):
            raise _malformed("events")
        return events, cursor if cursor is not None else after, more
