"""The sandbox gateway: a FastAPI application implementing gateway protocol version 2 under /api/v1."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk_app.gateway.sandbox import agencies
from clerk_app.gateway.sandbox.auth import Authenticator, Caller
from clerk_app.gateway.sandbox.case_store import CaseStore
from clerk_app.gateway.sandbox.cases import cases_router, make_case_agency
from clerk_app.gateway.sandbox.catalogue import CatalogueSource, default_catalogue_path, etag_matches
from clerk_app.gateway.sandbox.errors import ApiError, error_response, validation_failed
from clerk_app.gateway.sandbox.faults import BodyLimit, FaultInjector, FaultPlan, InjectedDisconnect
from clerk_app.gateway.sandbox.openapi_spec import allowed_methods, document
from clerk_app.gateway.sandbox.store import SandboxStore, rfc3339
from clerk_app.gateway.sandbox.validation import FieldProblem, check_event, require_json_object, validate_message

log = logging.getLogger(__name__)

BASE_PATH = "/api/v1"
PROTOCOL_VERSION = 2
MAX_BATCH = 500
# token -> centre code; the first one is the default workstation token (SandboxServer.token).
DEFAULT_TOKENS: Mapping[str, str] = {"sandbox-token": "34-001", "sandbox-token-34-002": "34-002"}

_HTTP_CODES = {
    404: ("not_found", "Адрес не найден"),
    405: ("method_not_allowed", "Метод не поддерживается"),
}


@dataclass
class SandboxSettings:
    answer_delay: float
    visibility_timeout: float
    tokens: dict[str, str]  # the training tokens (none in the hub)


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "validation_failed", "Тело запроса не является корректным JSON в UTF-8") from None


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "Запрос не может быть выполнен"))
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request.app, request.url.path))
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        field = None
        if errors:
            loc = [str(part) for part in errors[0].get("loc", ()) if part not in ("query", "body", "header", "path")]
            field = ".".join(loc) or None
        return error_response(422, "validation_failed", "Неверное значение параметра запроса", field)

    @app.exception_handler(Exception)
    async def _internal_error(_request: Request, exc: Exception) -> JSONResponse:
        if not isinstance(exc, InjectedDisconnect):  # a planned fault, not a bug
            log.exception("sandbox gateway failed", exc_info=exc)
        return error_response(500, "internal_error", "Внутренняя ошибка шлюза")


def create_app(
    db_url: str,
    catalogue_path: Path | None = None,
    answer_delay: float = 5.0,
    fail_rate: float = 0.0,
    tokens: Mapping[str, str] | None = None,
    visibility_timeout: float = 60.0,
    seed: int | None = None,
    durable: bool | None = None,
) -> FastAPI:
    """The gateway server. ``tokens`` maps the sandbox's training tokens to their centre code; with none
    (``tokens={}``, the hub) only tokens issued by ``clerk-app hub token issue`` are accepted.
    ``durable`` (default: only for the hub) makes every SQLite commit reach the disk before the answer."""
    catalogue = CatalogueSource(Path(catalogue_path) if catalogue_path else default_catalogue_path())
    durable = (tokens is not None and not tokens) if durable is None else durable
    store = SandboxStore(db_url, answerer=agencies.answer, durable=durable)
    case_store = CaseStore(store.db, make_case_agency(catalogue), clock=lambda: store.clock())
    settings = SandboxSettings(
        answer_delay=float(answer_delay),
        visibility_timeout=float(visibility_timeout),
        tokens=dict(tokens if tokens is not None else DEFAULT_TOKENS),
    )
    faults = FaultPlan(fail_rate, seed)

    app = FastAPI(
        title="Песочница шлюза межведомственного взаимодействия",
        version=str(PROTOCOL_VERSION),
        openapi_url=f"{BASE_PATH}/openapi.json",
        docs_url=f"{BASE_PATH}/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.case_store = case_store
    app.state.catalogue = catalogue
    app.state.settings = settings
    app.state.faults = faults
    _install_error_handlers(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(FaultInjector, plan=faults)

    authenticator = Authenticator(store.db, settings.tokens, clock=lambda: store.clock())
    app.state.authenticator = authenticator

    def authenticate(
        authorization: str | None = Header(None),
        centre: str | None = Header(None, alias="X-Centre-Code"),
        workstation: str | None = Header(None, alias="X-Workstation-Id"),
    ) -> Caller:
        return authenticator.check(authorization, centre, workstation)

    router = APIRouter(prefix=BASE_PATH)

    @router.get("/health", tags=["health"])
    async def health() -> dict[str, Any]:
        return {"status": "ok", "time": rfc3339(time.time()), "protocol": PROTOCOL_VERSION}

    @router.get("/catalogue", tags=["catalogue"])
    async def get_catalogue(
        who: Caller = Depends(authenticate),
        if_none_match: str | None = Header(None),
    ) -> Response:
        current = await run_in_threadpool(catalogue.current)
        headers = {"ETag": current.etag, "Cache-Control": "no-cache"}
        if etag_matches(if_none_match, current.etag):
            return Response(status_code=304, headers=headers)
        return Response(current.raw, media_type="application/json", headers=headers)

    @router.post("/messages", tags=["messages"], status_code=202)
    async def post_message(
        request: Request,
        who: Caller = Depends(authenticate),
    ) -> JSONResponse:
        body = require_json_object(await _json_body(request))
        message_id = body.get("message_id")
        if not isinstance(message_id, str) or not message_id:
            raise validation_failed("message_id", "Не указан идентификатор сообщения")
        text = canonical_json(body)
        digest = _sha256(text)
        outcome, accepted_at = await run_in_threadpool(  # one transaction: a retry is never validated again
            lambda: store.insert_message(
                message_id=message_id, centre=who.centre, workstation=who.workstation, kind=str(body.get("kind")),
                body=text, sha256=digest, answer_delay=settings.answer_delay,
                check_new=lambda: validate_message(body, catalogue.current()),
            )
        )
        if outcome == "conflict":
            raise ApiError(409, "idempotency_conflict",
                           "Идентификатор сообщения уже использован с другим содержимым", field="message_id")
        answer = {"message_id": message_id, "status": "accepted", "accepted_at": rfc3339(accepted_at)}
        return JSONResponse(answer, status_code=202 if outcome == "created" else 200)

    @router.get("/messages/{message_id}", tags=["messages"])
    async def get_message(
        message_id: str,
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        found = await run_in_threadpool(store.message_status, message_id, who.centre, settings.answer_delay)
        if found is None:
            raise ApiError(404, "not_found", "Сообщение с таким идентификатором не найдено", field="message_id")
        return found

    @router.post("/messages/{message_id}/cancel", tags=["messages"])
    async def cancel_message(
        message_id: str,
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        outcome = await run_in_threadpool(store.cancel_message, message_id, who.centre)
        if outcome is None:
            raise ApiError(404, "not_found", "Сообщение с таким идентификатором не найдено", field="message_id")
        if outcome == "already_answered":
            raise ApiError(409, "already_answered", "Ведомство уже ответило на этот запрос: отменить его нельзя")
        return {"message_id": message_id, "status": "cancelled"}

    @router.get("/responses", tags=["responses"])
    async def get_responses(
        limit: int = Query(100),
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        if not 1 <= limit <= MAX_BATCH:
            raise validation_failed("limit", f"Параметр limit должен быть от 1 до {MAX_BATCH}")
        answers, more = await run_in_threadpool(
            store.lease_responses, who.workstation, who.centre, limit, settings.visibility_timeout
        )
        # case_status items share the queue: offered after the answers, within the same limit
        statuses, more_statuses = await run_in_threadpool(
            case_store.lease, who.workstation, who.centre, limit - len(answers), settings.visibility_timeout
        )
        return {"responses": answers + statuses, "more": more or more_statuses}

    @router.post("/responses/ack", tags=["responses"])
    async def ack_responses(
        request: Request,
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        body = require_json_object(await _json_body(request))
        ids = body.get("response_ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
            raise validation_failed("response_ids", "Ожидается список идентификаторов ответов")
        if len(ids) > MAX_BATCH:
            raise validation_failed("response_ids", f"Не больше {MAX_BATCH} идентификаторов за раз")
        count = await run_in_threadpool(store.ack_responses, who.workstation, who.centre, ids)
        count += await run_in_threadpool(case_store.ack, who.workstation, who.centre, ids)
        return {"acknowledged": count}

    @router.post("/events", tags=["events"])
    async def post_events(
        request: Request,
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        body = require_json_object(await _json_body(request))
        events = body.get("events")
        if not isinstance(events, list):
            raise validation_failed("events", "Ожидается список событий")
        if len(events) > MAX_BATCH:
            raise validation_failed("events", f"Не больше {MAX_BATCH} событий за раз")
        rejected: list[dict[str, Any]] = []
        valid: list[tuple[str, str, str]] = []
        for event in events:
            try:
                check_event(event)
                if event.get("workstation") != who.workstation:
                    raise FieldProblem("workstation", "Событие другого рабочего места: рабочее место отправляет "
                                                      "только свои события")
            except FieldProblem as problem:
                event_id = event.get("event_id") if isinstance(event, dict) else None
                rejected.append({"event_id": str(event_id) if event_id is not None else "",
                                 "error": {"code": "validation_failed", "message": problem.message,
                                           "field": problem.field}})
                continue
            text = canonical_json(event)
            valid.append((event["event_id"], text, _sha256(text)))
        outcome = await run_in_threadpool(store.add_events, who.centre, valid, who.workstation) if valid else {}
        accepted = []
        for event_id, _, _ in valid:
            if outcome[event_id] == "accepted":
                if event_id not in accepted:
                    accepted.append(event_id)
            else:
                rejected.append({"event_id": event_id, "error": {
                    "code": "idempotency_conflict",
                    "message": "Идентификатор события уже использован с другим содержимым",
                    "field": "event_id"}})
        return {"accepted": accepted, "rejected": rejected}

    @router.get("/events", tags=["events"])
    async def get_events(
        after: str | None = Query(None),
        limit: int = Query(100),
        who: Caller = Depends(authenticate),
    ) -> dict[str, Any]:
        if not 1 <= limit <= MAX_BATCH:
            raise validation_failed("limit", f"Параметр limit должен быть от 1 до {MAX_BATCH}")
        position = 0
        if after not in (None, ""):
            if not (after.isascii() and after.isdigit()) or len(after) > 18:
                raise validation_failed("after", "Курсор должен быть значением cursor из предыдущего ответа")
            position = int(after)
        events, cursor, more = await run_in_threadpool(store.events_after, who.centre, position, limit)
        return {"events": events, "cursor": str(cursor), "more": more}

    app.include_router(router)
    app.include_router(cases_router(
        base_path=BASE_PATH, store=case_store, catalogue=catalogue, answer_delay=lambda: settings.answer_delay,
        authenticate=authenticate, json_body=_json_body, canonical_json=canonical_json,
    ))
    document(app, BASE_PATH)
    return app
