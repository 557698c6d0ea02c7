"""SQLAlchemy mappings of the workstation's local store."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from clerk_app.domain.enums import OutboxState

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (`__table__` is declared as a FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


# --- workstation -----------------------------------------------------------


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[float | None] = mapped_column(Float)  # epoch seconds
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))
    last_failed_at: Mapped[float | None] = mapped_column(Float)  # epoch seconds


class OperatorSession(Base):
    """A command-line session: the sha256 of the secret kept in the owner-only session file."""

    __tablename__ = "operator_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40), index=True)
    operator: Mapped[str] = mapped_column(String(64), index=True)
    workstation: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(80), index=True)
    result: Mapped[str] = mapped_column(String(20))
    details: Mapped[dict | None] = mapped_column(JSON)


class CalendarOverride(Base):
    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[int] = mapped_column(Integer)


class NumberSequence(Base):
    __tablename__ = "number_sequences"
    prefix: Mapped[str] = mapped_column(String(40), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


# --- catalogue -------------------------------------------------------------


class Agency(Base):
    __tablename__ = "agencies"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))


class RequestKind(Base):
    __tablename__ = "request_kinds"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    name: Mapped[str] = mapped_column(String(300))
    answer_due_working_days: Mapped[int] = mapped_column(Integer)
    subject_fields: Mapped[list] = mapped_column(JSON)
    agency: Mapped[Agency] = relationship()


class Service(Base):
    __tablename__ = "services"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    due_days: Mapped[int] = mapped_column(Integer)
    due_working: Mapped[bool] = mapped_column(Boolean)
    request_kind_codes: Mapped[list] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # protocol version 2; the defaults are version 1's behaviour
    decided_by: Mapped[str] = mapped_column(String(10), default="centre", server_default="centre")
    handover: Mapped[str] = mapped_column(String(12), default="register", server_default="register")
    handover_working_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    return_working_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    result_storage_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    refusal_grounds: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    agency: Mapped[Agency] = relationship()
    documents: Mapped[list[ServiceDocument]] = relationship(
        order_by="ServiceDocument.position", cascade="all, delete-orphan"
    )


class ServiceDocument(Base):
    __tablename__ = "service_documents"
    __table_args__ = (UniqueConstraint("service_code", "code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(300))
    original: Mapped[bool] = mapped_column(Boolean)
    required: Mapped[bool] = mapped_column(Boolean)
    scan_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    position: Mapped[int] = mapped_column(Integer)


# --- applications ----------------------------------------------------------


class Applicant(Base):
    __tablename__ = "applicants"
    __table_args__ = (Index("ix_applicants_passport", "passport_series", "passport_number"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(320), index=True)  # lower-case "фамилия имя отчество"
    birth_date: Mapped[date] = mapped_column(Date)
    snils: Mapped[str | None] = mapped_column(String(14), index=True)
    inn: Mapped[str | None] = mapped_column(String(12))
    passport_series: Mapped[str | None] = mapped_column(String(5))
    passport_number: Mapped[str | None] = mapped_column(String(6))
    passport_issued_by: Mapped[str | None] = mapped_column(String(300))
    passport_issued_on: Mapped[date | None] = mapped_column(Date)
    division_code: Mapped[str | None] = mapped_column(String(7))
    phone: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[str] = mapped_column(String(40))


# Registered cases of agency services: «Готовы к передаче» finds them without reading every registered case.
AGENCY_REGISTERED = "status = 'registered' AND json_extract(state, '$.decided_by') = 'agency'"


class Application(Base):
    """Projection of an application's events, kept for fast lists."""

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_list_order", "registered_on", "number"),
        Index("ix_applications_status_order", "status", "registered_on", "number"),
        Index("ix_applications_service_order", "service_code", "registered_on", "number"),
        Index("ix_applications_number_key", "number_key"),
        Index("ix_applications_name_order", "applicant_name_key", text("registered_on DESC"), text("number DESC")),
        Index("ix_applications_initials_order", "applicant_initials_key", text("registered_on DESC"),
              text("number DESC")),
        Index("ix_applications_agency_registered", "status", sqlite_where=text(AGENCY_REGISTERED)),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    service_code: Mapped[str] = mapped_column(String(60))
    applicant_id: Mapped[str | None] = mapped_column(ForeignKey("applicants.id"), index=True)
    applicant_name: Mapped[str] = mapped_column(String(320))
    applicant_name_key: Mapped[str] = mapped_column(String(320))  # search_keys.name_key
    applicant_initials_key: Mapped[str] = mapped_column(String(320), default="")  # search_keys.initials_key
    number_key: Mapped[str] = mapped_column(String(40), default="")  # search_keys.number_key
    status: Mapped[str] = mapped_column(String(30))
    registered_at: Mapped[str] = mapped_column(String(40))
    registered_on: Mapped[date] = mapped_column(Date, index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    workstation: Mapped[str] = mapped_column(String(40))
    operator: Mapped[str] = mapped_column(String(64))
    open_requests: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[dict] = mapped_column(JSON)  # the full projected state
    updated_at: Mapped[str] = mapped_column(String(40))


class ApplicationEvent(Base):
    __tablename__ = "application_events"
    __table_args__ = (Index("ix_application_events_app_order", "application_id", "seq", "local_seq"),)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36))
    application_number: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[str] = mapped_column(String(40))
    workstation: Mapped[str] = mapped_column(String(40))
    operator: Mapped[str] = mapped_column(String(64))
    operator_role: Mapped[str | None] = mapped_column(String(20))  # as the origin workstation knows it
    data: Mapped[dict] = mapped_column(JSON)
    seq: Mapped[int | None] = mapped_column(Integer)  # the gateway's order, once known
    local_seq: Mapped[int] = mapped_column(Integer, index=True)
    synced: Mapped[bool] = mapped_column(Boolean, default=False)


# Projection order: the gateway's numbering first, then this workstation's unsent events as they were made.
EVENT_ORDER = (ApplicationEvent.application_id, ApplicationEvent.seq.is_(None), ApplicationEvent.seq,
               ApplicationEvent.local_seq)


class InteragencyRequest(Base):
    __tablename__ = "interagency_requests"
    message_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    kind_code: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), index=True)
    body: Mapped[dict] = mapped_column(JSON)  # exactly what is sent, frozen
    created_at: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[str | None] = mapped_column(String(40))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    answered_at: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(64))
    replaces: Mapped[str | None] = mapped_column(String(36))


class Response(Base):
    __tablename__ = "responses"
    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str] = mapped_column(String(40))
    answered_at: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict | None] = mapped_column(JSON)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(40))
    attachments: Mapped[list[ResponseAttachment]] = relationship(cascade="all, delete-orphan")


class ResponseAttachment(Base):
    __tablename__ = "response_attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[str] = mapped_column(ForeignKey("responses.response_id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class OutboxItem(Base):
    """A message or event the gateway must hear of; `body` never changes once written."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("kind", "ref_id"),
        Index("ix_outbox_state_next", "state", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # an OutboxKind
    ref_id: Mapped[str] = mapped_column(String(36))
    body: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default=OutboxState.PENDING.value)  # an OutboxState
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float, default=0.0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    done_at: Mapped[str | None] = mapped_column(String(40))


class DocumentPrint(Base):
    """How many times a document was printed: reprints of a decision say «КОПИЯ»."""

    __tablename__ = "document_prints"
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), primary_key=True)
    document: Mapped[str] = mapped_column(String(30), primary_key=True)  # "receipt" | "decision"
    version_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # e.g. the decision's event id
    count: Mapped[int] = mapped_column(Integer, default=0)
    first_printed_at: Mapped[str] = mapped_column(String(40))


# --- the agency leg (protocol version 2) -------------------------------------


class ApplicationScan(Base):
    """A scan of a document taken at intake (PDF, PNG or JPEG), sent with an electronic handover."""

    __tablename__ = "application_scans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36), index=True)
    document_code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[str] = mapped_column(String(40))


class CaseStatus(Base):
    """A `case_status` item taken from the gateway's queue; its response_id makes storing it idempotent."""

    __tablename__ = "case_statuses"
    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    application_id: Mapped[str | None] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict | None] = mapped_column(JSON)
    at: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[str] = mapped_column(String(40))


class AgencyDocument(Base):
    """The agency's decision document: from the gateway (with its case status) or a scan of the paper one."""

    __tablename__ = "agency_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36), index=True)
    source: Mapped[str] = mapped_column(String(10))  # gateway | paper
    response_id: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[str] = mapped_column(String(40))


class QuarantineItem(Base):
    """An incoming answer or event that did not pass the checks: kept aside with its reason, never applied."""

    __tablename__ = "quarantine"
    __table_args__ = (UniqueConstraint("source", "item_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(20))  # "answer" | "event"
    item_id: Mapped[str] = mapped_column(String(80))  # response_id / event_id as given (or a digest)
    origin: Mapped[str | None] = mapped_column(String(80))  # the workstation or agency it claims
    reason: Mapped[str] = mapped_column(Text)  # Russian, names fields, never their values
    body: Mapped[str] = mapped_column(Text)  # the item as received, cut to 64 KiB
    received_at: Mapped[str] = mapped_column(String(40), index=True)


# registered on Base.metadata with the rest (alembic and the tests read one metadata)
from clerk_app.storage.report_models import ReportCase, ReportRequest  # noqa: E402,F401
