"""The gateway's OpenAPI as it really behaves: request bodies, limits, every status a route can answer.

FastAPI's generated schema does not see bodies read by hand, the checks made in the handlers, the
middlewares (413, injected 429/503) or the authentication (401/403); `document(app)` adds them.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from clerk_app.gateway.sandbox.faults import MAX_BODY

MAX_BATCH = 500
ERROR = {"$ref": "#/components/schemas/Error"}
AUTH_HEADERS = {"authorization", "x-centre-code", "x-workstation-id"}

_TEXTS = {
    "200": "Готово", "202": "Принято", "304": "Не изменился (ETag)",
    "400": "Тело не является объектом JSON или не указано рабочее место (X-Workstation-Id)",
    "401": "Токен отсутствует, истёк или отозван", "403": "Код центра или рабочее место не совпадают с токеном",
    "404": "Не найдено", "409": "Идентификатор уже использован с другим содержимым или действие уже невозможно",
    "413": f"Тело запроса больше {MAX_BODY // (1024 * 1024)} МиБ",
    "422": "Значение не прошло проверку (поле названо в error.field): формат, контрольные числа, каталог",
    "429": "Слишком много запросов (Retry-After)", "500": "Внутренняя ошибка шлюза",
    "503": "Шлюз временно недоступен (Retry-After)",
}
_UUID = {"type": "string", "format": "uuid"}
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_TIME = {"type": "string", "format": "date-time"}
_NUMBER = {"type": "string", "pattern": r"^\S+-[0-9]{4}-[0-9]{6}$"}

MESSAGE = {
    "type": "object",
    "required": ["message_id", "kind", "recipient", "application_number", "created_at", "operator", "subject"],
    "properties": {"message_id": _UUID, "kind": _TEXT, "recipient": _TEXT, "application_number": _NUMBER,
                   "created_at": _TIME, "operator": _TEXT, "subject": {"type": "object"},
                   "test": {"type": "boolean"}},
}
EVENT = {  # what an accepted event looks like (a malformed one is rejected by item)
    "type": "object",
    "required": ["event_id", "application_id", "application_number", "type", "occurred_at", "workstation"],
    "properties": {"event_id": _UUID, "application_id": _UUID, "application_number": _NUMBER,
                   "type": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,39}$"}, "occurred_at": _TIME,
                   "workstation": _TEXT, "operator": {"type": ["string", "null"]}, "data": {"type": "object"}},
}
CASE = {
    "type": "object",
    "required": ["case_id", "service", "agency", "application_number", "applicant", "documents",
                 "handed_over_at", "operator"],
    "properties": {"case_id": _UUID, "service": _TEXT, "agency": _TEXT,
                   "application_number": {"type": "string", "pattern": r"^[0-9A-Za-z-]+$"},
                   "applicant": {"type": "object"}, "representative": {"type": ["object", "null"]},
                   "documents": {"type": "array", "items": {"type": "object"}},
                   "answers": {"type": "array"}, "handed_over_at": _TIME, "operator": _TEXT,
                   "test": {"type": "boolean"}},
}
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/messages"): MESSAGE,
    ("post", "/responses/ack"): {"type": "object", "required": ["response_ids"], "properties": {
        "response_ids": {"type": "array", "maxItems": MAX_BATCH, "items": {"type": "string", "minLength": 1}}}},
    # any item is taken: a malformed event comes back in "rejected" with its reason (200), see EVENT
    ("post", "/events"): {"type": "object", "required": ["events"], "properties": {
        "events": {"type": "array", "maxItems": MAX_BATCH, "items": {}}}},
    ("post", "/cases"): CASE,
}


SUBJECT_FIELDS = {  # what validation.check_subject_field takes (check digits aside)
    "full_name": {"type": "string", "pattern": r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*( [A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'’.\-]*)+$"},
    "birth_date": {"type": "string", "format": "date"},
    "snils": {"type": "string", "pattern": r"^[0-9]{3}-[0-9]{3}-[0-9]{3} [0-9]{2}$"},
    "inn": {"type": "string", "pattern": r"^[0-9]{10}([0-9]{2})?$"},
    "passport": {"type": "string", "pattern": r"^[0-9]{2} [0-9]{2} [0-9]{6}$"},
    "division_code": {"type": "string", "pattern": r"^[0-9]{3}-[0-9]{3}$"},
    "cadastral_number": {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}:[0-9]{6,7}:[0-9]{1,10}$"},
    "phone": {"type": "string", "pattern": r"^\+7[0-9]{10}$"},
    "address": {"type": "string", "minLength": 5, "pattern": r"^\S.{3,}\S$"},
}


def _subject(fields: Any) -> dict[str, Any]:
    names = [f for f in fields if isinstance(f, str)] if isinstance(fields, list) else []
    return {"type": "object", "required": names,
            "properties": {n: SUBJECT_FIELDS.get(n, {"type": "string", "pattern": r"\S"}) for n in names}}


def _with_catalogue(key: tuple[str, str], schema: dict[str, Any], catalogue: dict[str, Any]) -> dict[str, Any]:
    """Kinds (and agency-decided services) from the current catalogue, each with its own recipient."""
    if key == ("post", "/messages"):
        kinds = [k for k in catalogue.get("request_kinds", []) if isinstance(k, dict)
                 and isinstance(k.get("code"), str) and isinstance(k.get("agency"), str)]
        if not kinds:
            return schema
        return {"allOf": [schema, {"oneOf": [{"properties": {
            "kind": {"const": k["code"]}, "recipient": {"const": k["agency"]},
            "subject": _subject(k.get("subject_fields", []))}} for k in kinds]}]}
    if key == ("post", "/cases"):
        pairs = [(s.get("code"), s.get("agency")) for s in catalogue.get("services", [])
                 if s.get("decided_by", "centre") == "agency"]
        names = ("service", "agency")
    else:
        return schema
    pairs = [(a, b) for a, b in pairs if isinstance(a, str) and isinstance(b, str)]
    if not pairs:
        return schema
    return {"allOf": [schema, {"oneOf": [{"properties": {names[0]: {"const": a}, names[1]: {"const": b}}}
                                         for a, b in pairs]}]}


# Statuses each route answers besides 200 and the ones every authenticated route may give.
STATUSES: dict[tuple[str, str], tuple[str, ...]] = {
    ("get", "/health"): (),
    ("get", "/catalogue"): ("304",),
    ("post", "/messages"): ("202", "400", "409", "413", "422"),
    ("get", "/messages/{message_id}"): ("404",),
    ("post", "/messages/{message_id}/cancel"): ("400", "404", "409", "413"),
    ("get", "/responses"): ("422",),
    ("post", "/responses/ack"): ("400", "413", "422"),
    ("post", "/events"): ("400", "413", "422"),
    ("get", "/events"): ("422",),
    ("post", "/cases"): ("202", "400", "409", "413", "422"),
    ("get", "/cases/{case_id}"): ("404",),
}
AUTHENTICATED = ("400", "401", "403", "429", "500", "503")
QUERY_LIMITS: dict[str, dict[str, object]] = {
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_BATCH, "default": 100},
    "after": {"type": "string", "pattern": r"^[0-9]{0,18}$"}}
LINKS = {
    ("post", "/messages"): {"GetMessage": {"operationId": "get_message", "parameters": {
        "message_id": "$request.body#/message_id"}}, "CancelMessage": {"operationId": "cancel_message", "parameters": {
            "message_id": "$request.body#/message_id"}}},
    ("post", "/cases"): {"GetCase": {"operationId": "get_case", "parameters": {"case_id": "$request.body#/case_id"}}},
}


def _response(code: str) -> dict[str, Any]:
    out: dict[str, Any] = {"description": _TEXTS.get(code, "Ответ")}
    if code not in ("200", "202", "304"):
        out["content"] = {"application/json": {"schema": ERROR}}
    return out


def _operation(path: str, method: str, op: dict[str, Any], base: str, catalogue: dict[str, Any]) -> None:
    key = (method, path[len(base):])
    params = [p for p in op.get("parameters", []) if p.get("name", "").lower() not in AUTH_HEADERS]
    authenticated = key[1] != "/health"
    for p in params:
        if p.get("in") == "query" and p["name"] in QUERY_LIMITS:
            p["schema"] = dict(QUERY_LIMITS[p["name"]])
    op["parameters"] = params
    if not params:
        op.pop("parameters")
    if key in BODIES:
        op["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": _with_catalogue(key, BODIES[key], catalogue)}}}
    responses = op.setdefault("responses", {})
    responses.pop("422", None)  # FastAPI's own validation-error shape is not what the gateway sends
    codes = {"200", *STATUSES.get(key, ("400", "404", "409", "413", "422"))}
    if authenticated:
        codes |= set(AUTHENTICATED)
        op["security"] = [{"bearer": [], "centre": [], "workstation": []}]
    for code in sorted(codes):
        existing = responses.get(code, {})
        responses[code] = {**_response(code), **({"content": existing["content"]} if code in ("200", "202")
                                                  and "content" in existing else {})}
    if key in LINKS:
        for code in ("200", "202"):
            responses[code]["links"] = LINKS[key]
    op["operationId"] = {("get", "/messages/{message_id}"): "get_message",
                         ("post", "/messages/{message_id}/cancel"): "cancel_message",
                         ("get", "/cases/{case_id}"): "get_case"}.get(key, op.get("operationId"))


def document(app: FastAPI, base_path: str) -> None:
    """Replace FastAPI's schema with one that says what the routes accept and answer; kinds and
    services follow the catalogue the gateway serves now."""

    def openapi() -> dict[str, Any]:
        catalogue = app.state.catalogue.current()
        if app.openapi_schema is None or app.state.openapi_etag != catalogue.etag:
            spec = get_openapi(title=app.title, version=app.version, routes=app.routes,
                               description="Шлюз межведомственного взаимодействия (песочница); протокол в "
                                           "gateway-protocol.md. Ошибки: {\"error\": {code, message, field}}.")
            for path, item in spec.get("paths", {}).items():
                for method, op in item.items():
                    _operation(path, method, op, base_path, catalogue.data)
            components = spec.setdefault("components", {})
            schemas = components.setdefault("schemas", {})
            for unused in ("HTTPValidationError", "ValidationError"):
                schemas.pop(unused, None)
            schemas["Event"] = EVENT
            schemas["Error"] = {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                               "field": {"type": "string"}}}}}
            components["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer"},
                "centre": {"type": "apiKey", "in": "header", "name": "X-Centre-Code"},
                "workstation": {"type": "apiKey", "in": "header", "name": "X-Workstation-Id"},
            }
            app.openapi_schema, app.state.openapi_etag = spec, catalogue.etag
        return app.openapi_schema

    app.state.openapi_etag = None
    app.openapi = openapi  # type: ignore[method-assign]


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the routes of `path` take (a 405's Allow header lists them all)."""
    from starlette.routing import Match

    methods: set[str] = set()
    scope = {"type": "http", "path": path, "method": "GET"}
    for route in app.routes:
        match, _ = route.matches(scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)
