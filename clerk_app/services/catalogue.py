"""The catalogue of agencies, request kinds and services: imported from a file or the gateway."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from clerk_app.domain.errors import NotFound, ValidationError
from clerk_app.services.context import AppContext
from clerk_app.services.settings import get_value, set_value
from clerk_app.storage.models import Agency, RequestKind, Service, ServiceDocument

LEVELS = {"federal", "regional", "municipal"}
DECIDED_BY = ("agency", "centre")
HANDOVER_WAYS = ("electronic", "register")


def _need(obj: dict, key: str, where: str, kind: type = str):  # type: ignore[no-untyped-def]
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ValidationError(f"Каталог: {where}: поле «{key}» отсутствует или неверно", f"{where}.{key}")
    return value


def validate_catalogue(data: object) -> dict:
    """Check the `/catalogue` shape and its references; raise ValidationError naming the place."""
    if not isinstance(data, dict):
        raise ValidationError("Каталог: ожидается объект JSON", "catalogue")
    agencies = {_need(a, "code", "agencies"): a for a in _need(data, "agencies", "catalogue", list)}
    for code, a in agencies.items():
        _need(a, "name", f"agencies[{code}]")
        if a.get("level") not in LEVELS:
            raise ValidationError(f"Каталог: ведомство {code}: неизвестный уровень", f"agencies[{code}].level")
    kinds = {}
    for k in _need(data, "request_kinds", "catalogue", list):
        code = _need(k, "code", "request_kinds")
        where = f"request_kinds[{code}]"
        if _need(k, "agency", where) not in agencies:
            raise ValidationError(f"Каталог: запрос {code}: неизвестное ведомство", f"{where}.agency")
        _need(k, "name", where)
        if not isinstance(k.get("answer_due_working_days"), int) or k["answer_due_working_days"] < 0:
            raise ValidationError(f"Каталог: запрос {code}: неверный срок ответа", f"{where}.answer_due_working_days")
        _need(k, "subject_fields", where, list)
        kinds[code] = k
    if not data["services"]:
        raise ValidationError("Каталог без единой услуги не принят: он удалил бы все услуги и остановил приём",
                              "catalogue.services")
    for s in _need(data, "services", "catalogue", list):
        code = _need(s, "code", "services")
        where = f"services[{code}]"
        _need(s, "name", where)
        if _need(s, "agency", where) not in agencies:
            raise ValidationError(f"Каталог: услуга {code}: неизвестное ведомство", f"{where}.agency")
        due = _need(s, "due", where, dict)
        if not isinstance(due.get("days"), int) or due["days"] < 0 or not isinstance(due.get("working"), bool):
            raise ValidationError(f"Каталог: услуга {code}: неверный срок", f"{where}.due")
        for d in _need(s, "documents", where, list):
            _need(d, "code", f"{where}.documents")
            _need(d, "name", f"{where}.documents")
            if not isinstance(d.get("scan_required", False), bool):
                raise ValidationError(f"Каталог: услуга {code}: признак скана не true/false",
                                      f"{where}.documents.scan_required")
        _check_version_2(s, code, where)
        for rk in s.get("request_kinds", []):
            if rk not in kinds:
                raise ValidationError(f"Каталог: услуга {code}: неизвестный вид запроса {rk}", f"{where}.request_kinds")
    return data


def _check_version_2(s: dict, code: str, where: str) -> None:
    """The optional fields of protocol version 2; absent means version 1's behaviour."""
    if s.get("decided_by", "centre") not in DECIDED_BY:
        raise ValidationError(f"Каталог: услуга {code}: decided_by должно быть agency или centre",
                              f"{where}.decided_by")
    if s.get("handover", "register") not in HANDOVER_WAYS:
        raise ValidationError(f"Каталог: услуга {code}: handover должно быть electronic или register",
                              f"{where}.handover")
    for key, default in (("handover_working_days", 0), ("return_working_days", 0), ("result_storage_days", 30)):
        value = s.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(f"Каталог: услуга {code}: {key} должно быть целым неотрицательным числом",
                                  f"{where}.{key}")
    grounds = s.get("refusal_grounds", [])
    if not isinstance(grounds, list):
        raise ValidationError(f"Каталог: услуга {code}: refusal_grounds должно быть списком", f"{where}.refusal_grounds")
    for g in grounds:
        if not isinstance(g, dict):
            raise ValidationError(f"Каталог: услуга {code}: основание отказа должно быть объектом",
                                  f"{where}.refusal_grounds")
        _need(g, "code", f"{where}.refusal_grounds")
        _need(g, "text", f"{where}.refusal_grounds")


def _replace(session: Session, data: dict) -> None:
    session.execute(delete(ServiceDocument))
    session.execute(delete(Service))
    session.execute(delete(RequestKind))
    session.execute(delete(Agency))
    session.flush()
    for a in data["agencies"]:
        session.add(Agency(code=a["code"], name=a["name"], level=a["level"]))
    session.flush()
    for k in data["request_kinds"]:
        session.add(RequestKind(code=k["code"], agency_code=k["agency"], name=k["name"],
                                answer_due_working_days=k["answer_due_working_days"],
                                subject_fields=list(k["subject_fields"])))
    for s in data["services"]:
        svc = Service(code=s["code"], name=s["name"], agency_code=s["agency"], due_days=s["due"]["days"],
                      due_working=s["due"]["working"], request_kind_codes=list(s.get("request_kinds", [])),
                      decided_by=s.get("decided_by", "centre"), handover=s.get("handover", "register"),
                      handover_working_days=s.get("handover_working_days", 0),
                      return_working_days=s.get("return_working_days", 0),
                      result_storage_days=s.get("result_storage_days", 30),
                      refusal_grounds=[{"code": g["code"], "text": g["text"]} for g in s.get("refusal_grounds", [])])
        svc.documents = [ServiceDocument(code=d["code"], name=d["name"], original=bool(d.get("original", False)),
                                         required=bool(d.get("required", False)),
                                         scan_required=bool(d.get("scan_required", False)), position=i)
                         for i, d in enumerate(s["documents"])]
        session.add(svc)


@dataclass(frozen=True)
class CatalogueSummary:
    version: str
    agencies: int
    request_kinds: int
    services: int


def store_catalogue(ctx: AppContext, data: object, etag: str | None = None) -> CatalogueSummary:
    data = validate_catalogue(data)
    ctx.cache.clear()
    with ctx.db.write() as s:
        _replace(s, data)
        set_value(s, "catalogue_version", str(data.get("version", "")))
        if etag is not None:
            set_value(s, "catalogue_etag", etag)
    ctx.cache.clear()
    ctx.changes.catalogue()
    return CatalogueSummary(str(data.get("version", "")), len(data["agencies"]),
                            len(data["request_kinds"]), len(data["services"]))


def import_file(ctx: AppContext, path: Path) -> CatalogueSummary:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"Каталог: не удалось прочитать файл {path}: {exc.strerror}", "file") from exc
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, too deep, a huge integer
        raise ValidationError(f"Каталог: файл не является корректным JSON ({str(exc)[:120]})", "file") from exc
    return store_catalogue(ctx, data)


def catalogue_etag(ctx: AppContext) -> str | None:
    with ctx.db.read() as s:
        value = get_value(s, "catalogue_etag")
        return str(value) if value else None


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    name: str
    original: bool
    required: bool
    scan_required: bool = False


@dataclass(frozen=True)
class RefusalGround:
    code: str
    text: str


@dataclass(frozen=True)
class KindSpec:
    code: str
    name: str
    agency_code: str
    agency_name: str
    answer_due_working_days: int
    subject_fields: tuple[str, ...]


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    agency_code: str
    agency_name: str
    level: str
    due_days: int
    due_working: bool
    documents: tuple[DocumentSpec, ...]
    request_kinds: tuple[KindSpec, ...]
    decided_by: str = "centre"
    handover: str = "register"
    handover_working_days: int = 0
    return_working_days: int = 0
    result_storage_days: int = 30
    refusal_grounds: tuple[RefusalGround, ...] = ()

    @property
    def agency_decides(self) -> bool:
        return self.decided_by == "agency"

    def ground_text(self, code: str | None) -> str | None:
        """The text of a refusal ground of this service; None when the code is not one of them."""
        return next((g.text for g in self.refusal_grounds if g.code == code), None)


def _kind_spec(k: RequestKind) -> KindSpec:
    return KindSpec(k.code, k.name, k.agency_code, k.agency.name, k.answer_due_working_days, tuple(k.subject_fields))


def _service_spec(session: Session, svc: Service) -> ServiceSpec:
    kinds = {k.code: k for k in session.scalars(
        select(RequestKind).options(selectinload(RequestKind.agency))
        .where(RequestKind.code.in_(svc.request_kind_codes)))}
    return ServiceSpec(
        svc.code, svc.name, svc.agency_code, svc.agency.name, svc.agency.level, svc.due_days, svc.due_working,
        tuple(DocumentSpec(d.code, d.name, d.original, d.required, bool(d.scan_required)) for d in svc.documents),
        tuple(_kind_spec(kinds[c]) for c in svc.request_kind_codes if c in kinds),
        decided_by=svc.decided_by or "centre", handover=svc.handover or "register",
        handover_working_days=svc.handover_working_days or 0, return_working_days=svc.return_working_days or 0,
        result_storage_days=30 if svc.result_storage_days is None else svc.result_storage_days,
        refusal_grounds=tuple(RefusalGround(g["code"], g["text"]) for g in svc.refusal_grounds or []),
    )


def service_spec(session: Session, code: str, field: str = "service") -> ServiceSpec:
    svc = session.get(Service, code)
    if svc is None or not svc.active:
        raise ValidationError(f"Услуга: «{code}» нет в каталоге", field)
    return _service_spec(session, svc)


def list_services(ctx: AppContext) -> list[ServiceSpec]:
    with ctx.db.read() as s:
        svcs = s.scalars(select(Service).where(Service.active.is_(True)).order_by(Service.name)).all()
        return [_service_spec(s, svc) for svc in svcs]


def get_service(ctx: AppContext, code: str) -> ServiceSpec:
    with ctx.db.read() as s:
        try:
            return service_spec(s, code)
        except ValidationError as exc:
            raise NotFound(exc.message, "service") from exc


def kind_spec(session: Session, code: str) -> KindSpec:
    k = session.get(RequestKind, code)
    if k is None:
        raise ValidationError(f"Вид запроса: «{code}» нет в каталоге", "kind")
    return _kind_spec(k)


def cached_service_spec(ctx: AppContext, session: Session, code: str) -> ServiceSpec:
    """service_spec, remembered until the catalogue is stored again through this context."""
    key = ("service", code)
    if key not in ctx.cache:
        ctx.cache[key] = service_spec(session, code)
    return ctx.cache[key]


def cached_kind_spec(ctx: AppContext, session: Session, code: str) -> KindSpec:
    key = ("kind", code)
    if key not in ctx.cache:
        ctx.cache[key] = kind_spec(session, code)
    return ctx.cache[key]
