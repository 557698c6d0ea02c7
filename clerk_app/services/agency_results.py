"""The agency's result: entered from paper (document number, date, signer, optional scan), or taken from the
gateway's queue (sync.case_statuses); its document stored and openable, the case's statuses readable."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from clerk_app.domain import identifiers as ids
from clerk_app.domain.application import ApplicationState
from clerk_app.domain.enums import AppAction, EventType, ResultSource
from clerk_app.domain.errors import NotFound, ValidationError
from clerk_app.domain.text_checks import check_text
from clerk_app.services import audit
from clerk_app.services.acts import gate, reason_text
from clerk_app.services.application_rows import load
from clerk_app.services.applications import legal_ground_of
from clerk_app.services.catalogue import service_spec
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import append_event, reproject, state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.scans import ScanFile, checked
from clerk_app.storage.models import AgencyDocument, CaseStatus


@dataclass(frozen=True, slots=True)
class AgencyDocumentRef:
    id: int
    name: str
    media_type: str
    size: int
    source: ResultSource
    received_at: str


@dataclass(frozen=True, slots=True)
class CaseStatusView:
    case_id: str
    status: str  # accepted | returned | result
    at: str
    comment: str | None
    received_at: str


def _short(value: str | None, label: str, field: str, max_len: int = 300, required: bool = False) -> str | None:
    text = " ".join(check_text(value or "", label, field).split())
    if not text:
        if required:
            raise ValidationError(f"{label}: не заполнено", field)
        return None
    if len(text) > max_len:
        raise ValidationError(f"{label}: не длиннее {max_len} символов", field)
    return text


def record_paper_result(ctx: AppContext, actor: Actor, number: str, approve: bool, document_number: str,
                        document_date: date | str, signed_by: str | None = None, legal_ground: str | None = None,
                        reason: str | None = None, scan: ScanFile | None = None) -> ApplicationState:
    """Record an agency's result that came back on paper; a refusal names its legal ground and reason."""
    actor.require(Perm.CHANGE)
    doc_number = _short(document_number, "Номер документа", "document_number", 60, required=True)
    day = document_date if isinstance(document_date, date) else ids.parse_date(document_date, field="document_date")
    if day > ctx.now().date():
        raise ValidationError("Дата документа: не может быть в будущем", "document_date")
    signer = _short(signed_by, "Подписал", "signed_by")
    scan_meta = checked(scan) if scan is not None else None
    with ctx.db.write() as s:
        row = load(s, number)
        st = state_of(row)
        gate(s, st, AppAction.RECORD_RESULT, actor)
        ground = None
        if not approve:
            reason = reason_text(reason)
            ground = legal_ground_of(service_spec(s, st.service), legal_ground, required=True)
            if ground is None:
                raise ValidationError("Правовое основание отказа: не указано (--ground)", "ground")
        data = {"case_id": st.handover.case_id if st.handover else None, "approved": approve,
                "document_number": doc_number, "document_date": day.isoformat(), "signed_by": signer,
                "legal_ground": ground, "reason": reason if not approve else None,
                "source": ResultSource.PAPER.value}
        append_event(s, ctx, actor.login, row.id, number, EventType.RESULT_RECEIVED, data)
        if scan is not None and scan_meta is not None:
            s.add(AgencyDocument(application_id=row.id, source=ResultSource.PAPER.value, response_id=None,
                                 name=scan_meta[0], media_type=scan_meta[1],
                                 sha256=hashlib.sha256(scan.content).hexdigest(), content=scan.content,
                                 received_at=rfc3339(ctx.now())))
        state = reproject(s, ctx, row.id)
        assert state is not None
        audit.record(s, ctx, actor.login, "change", "application", number,
                     details={"event": EventType.RESULT_RECEIVED.value, "source": "paper", "scan": scan is not None})
        return state


def agency_documents(ctx: AppContext, actor: Actor, number: str) -> list[AgencyDocumentRef]:
    """The agency's decision documents of an application (from the gateway, or scans of paper ones)."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        app_id = load(s, number).id
        return [AgencyDocumentRef(d.id, d.name, d.media_type, len(d.content), ResultSource(d.source), d.received_at)
                for d in s.scalars(select(AgencyDocument).where(AgencyDocument.application_id == app_id)
                                   .order_by(AgencyDocument.id))]


def agency_document_content(ctx: AppContext, actor: Actor, document_id: int) -> tuple[str, str, bytes]:
    """(name, media type, bytes) of one agency document, to open or save; the view is audited."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        doc = s.get(AgencyDocument, document_id)
        if doc is None:
            raise NotFound("Документ ведомства не найден", "document")
        out, app_id = (doc.name, doc.media_type, doc.content), doc.application_id
    audit.record_view(ctx, actor.login, "view", "agency_document", str(document_id), details={"application": app_id})
    return out


def case_history(ctx: AppContext, actor: Actor, number: str) -> list[CaseStatusView]:
    """What the agency said about the application's cases, in the order it said it."""
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        app_id = load(s, number).id
        return [CaseStatusView(c.case_id, c.status, c.at, c.comment, c.received_at)
                for c in s.scalars(select(CaseStatus).where(CaseStatus.application_id == app_id)
                                   .order_by(CaseStatus.at, CaseStatus.received_at))]
