"""`POST /cases`, `GET /cases/{id}` (protocol version 2): handing a case over to the deciding agency."""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from clerk_app.gateway.sandbox.case_agencies import decide_case
from clerk_app.gateway.sandbox.case_store import CaseStore
from clerk_app.gateway.sandbox.catalogue import CatalogueSource, LoadedCatalogue
from clerk_app.gateway.sandbox.errors import ApiError, validation_failed
from clerk_app.gateway.sandbox.store import rfc3339
from clerk_app.gateway.sandbox.validation import parse_rfc3339, require_json_object

_NUMBER_CHARS = set("0123456789-")


def _services(catalogue: LoadedCatalogue) -> dict[str, dict[str, Any]]:
    return {s["code"]: s for s in catalogue.data.get("services", []) if isinstance(s, dict) and "code" in s}


def _agency_names(catalogue: LoadedCatalogue) -> dict[str, str]:
    return {str(a["code"]): str(a.get("name", a["code"])) for a in catalogue.data.get("agencies", [])
            if isinstance(a, dict)}


def make_case_agency(catalogue: CatalogueSource) -> Callable[[dict[str, Any], str, float], dict[str, Any]]:
    def agency(body: dict[str, Any], stage: str, due_at: float) -> dict[str, Any]:
        current = catalogue.current()
        service = _services(current).get(str(body.get("service")))
        name = _agency_names(current).get(str(body.get("agency")), str(body.get("agency")))
        return decide_case(body, stage, due_at, service, name)
    return agency


def _check_scan(scan: Any, where: str) -> None:
    if not isinstance(scan, dict):
        raise validation_failed(where, "Скан документа должен быть объектом JSON")
    for key in ("name", "media_type", "sha256", "content_base64"):
        if not isinstance(scan.get(key), str) or not scan[key]:
            raise validation_failed(f"{where}.{key}", f"Не заполнено поле скана: {key}")
    try:
        content = base64.b64decode(scan["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise validation_failed(f"{where}.content_base64", "Содержимое скана не в кодировке base64") from None
    if hashlib.sha256(content).hexdigest() != scan["sha256"].lower():
        raise validation_failed(f"{where}.sha256", "Контрольная сумма скана не совпадает с содержимым")


def validate_case(body: dict[str, Any], catalogue: LoadedCatalogue) -> dict[str, Any]:
    """Raise ApiError(422) naming the field; returns the service of the case."""
    try:
        uuid.UUID(str(body.get("case_id")))
    except ValueError:
        raise validation_failed("case_id", "Идентификатор дела должен быть UUID") from None
    number = body.get("application_number")
    if not isinstance(number, str) or not number or not set(number) <= _NUMBER_CHARS:
        raise validation_failed("application_number", "Номер заявления указан неверно")
    code = body.get("service")
    service = _services(catalogue).get(code) if isinstance(code, str) else None
    if service is None:
        raise validation_failed("service", f"Неизвестная услуга: {body.get('service')}")
    if service.get("decided_by", "centre") != "agency":
        raise validation_failed("service", "Решение по этой услуге принимает МФЦ: дело в ведомство не передаётся")
    if body.get("agency") != service.get("agency"):
        raise validation_failed("agency", f"Дело по услуге «{service.get('name')}» передаётся в "
                                          f"{service.get('agency')}, а не в {body.get('agency')}",
                                code="unknown_recipient")
    applicant = body.get("applicant")
    if not isinstance(applicant, dict) or not (applicant.get("full_name") or applicant.get("name")):
        raise validation_failed("applicant", "Не заполнены сведения о заявителе")
    if body.get("representative") is not None and not isinstance(body["representative"], dict):
        raise validation_failed("representative", "Сведения о представителе должны быть объектом JSON")
    documents = body.get("documents")
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise validation_failed("documents", "Ожидается список документов дела")
    by_code = {d.get("code"): d for d in documents}
    for i, doc in enumerate(documents):
        scans = doc.get("scans", [])
        if not isinstance(scans, list):
            raise validation_failed(f"documents[{i}].scans", "Ожидается список сканов")
        for j, scan in enumerate(scans):
            _check_scan(scan, f"documents[{i}].scans[{j}]")
    for spec in service.get("documents", []):
        if spec.get("scan_required") and spec.get("code") in by_code and not by_code[spec["code"]].get("scans"):
            raise validation_failed(f"documents[{spec['code']}].scans",
                                    f"Для документа «{spec.get('name')}» нужен скан")
    if not isinstance(body.get("answers", []), list):
        raise validation_failed("answers", "Ожидается список ответов на межведомственные запросы")
    if parse_rfc3339(body.get("handed_over_at")) is None:
        raise validation_failed("handed_over_at", "Время передачи дела должно быть в формате RFC 3339 со смещением")
    if not isinstance(body.get("operator"), str) or not body["operator"].strip():
        raise validation_failed("operator", "Не указан оператор, передавший дело")
    if "test" in body and not isinstance(body["test"], bool):
        raise validation_failed("test", "Признак тестового дела должен быть true или false")
    return service


def cases_router(
    *, base_path: str, store: CaseStore, catalogue: CatalogueSource, answer_delay: Callable[[], float],
    authenticate: Callable[..., Any], json_body: Callable[[Request], Any], canonical_json: Callable[[Any], str],
) -> APIRouter:
    router = APIRouter(prefix=base_path)

    @router.post("/cases", tags=["cases"], status_code=202)
    async def post_case(request: Request, who: Any = Depends(authenticate)) -> JSONResponse:
        body = require_json_object(await json_body(request))
        case_id = body.get("case_id")
        if not isinstance(case_id, str) or not case_id:
            raise validation_failed("case_id", "Не указан идентификатор дела")
        text = canonical_json(body)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        known = await run_in_threadpool(store.digest, case_id)
        if known is None:
            validate_case(body, catalogue.current())
            outcome, accepted_at = await run_in_threadpool(
                lambda: store.insert(case_id=case_id, centre=who.centre, workstation=who.workstation,
                                     service=body["service"], agency=body["agency"], body=text, sha256=digest,
                                     answer_delay=answer_delay())
            )
        else:
            centre, known_digest, accepted_at = known
            outcome = "replayed" if centre == who.centre and known_digest == digest else "conflict"
        if outcome == "conflict":
            raise ApiError(409, "idempotency_conflict", "Идентификатор дела уже использован с другим содержимым",
                           field="case_id")
        answer = {"case_id": case_id, "status": "accepted", "accepted_at": rfc3339(accepted_at)}
        return JSONResponse(answer, status_code=202 if outcome == "created" else 200)

    @router.get("/cases/{case_id}", tags=["cases"])
    async def get_case(case_id: str, who: Any = Depends(authenticate)) -> dict[str, Any]:
        found = await run_in_threadpool(store.status, case_id, who.centre)
        if found is None:
            raise ApiError(404, "not_found", "Дело с таким идентификатором не найдено", field="case_id")
        return found

    return router
