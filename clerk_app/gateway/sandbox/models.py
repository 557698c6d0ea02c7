"""Tables of the gateway server (sandbox and hub): messages, queued answers, the centres' event logs, tokens,
cases handed over to agencies and their status items.

The schema is owned by the alembic migrations in ``migrations/``; these classes describe the head revision.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Metadata of the gateway server, separate from the clerk's local database."""


class MessageRow(Base):
    __tablename__ = "sandbox_messages"

    message_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    workstation_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    body_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    accepted_at: Mapped[float] = mapped_column(Float)
    cancelled_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class ResponseRow(Base):
    __tablename__ = "sandbox_responses"
    __table_args__ = (Index("ix_sandbox_responses_queue", "workstation_id", "centre_code", "acked", "due_at"),)

    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("sandbox_messages.message_id"), unique=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    workstation_id: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[float] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)
    acked: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_until: Mapped[float | None] = mapped_column(Float, nullable=True)
    offered_count: Mapped[int] = mapped_column(Integer, default=0)


class EventRow(Base):
    """One event of a centre's register; ``centre_seq`` is the centre's gap-free order (the cursor)."""

    __tablename__ = "sandbox_events"
    __table_args__ = (
        Index("ix_sandbox_events_centre_seq", "centre_code", "seq"),
        UniqueConstraint("centre_code", "centre_seq", name="uq_sandbox_events_centre_seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    centre_seq: Mapped[int] = mapped_column(BigInteger)
    origin_workstation: Mapped[str | None] = mapped_column(String(64), nullable=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[float] = mapped_column(Float)


class EventCounterRow(Base):
    """The last ``centre_seq`` handed out per centre; its row lock serialises appends of one centre."""

    __tablename__ = "gateway_event_counters"

    centre_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class TokenRow(Base):
    """A workstation token issued by ``clerk-app hub token issue``: only its SHA-256 is kept."""

    __tablename__ = "gateway_tokens"
    __table_args__ = (Index("ix_gateway_tokens_workstation", "centre_code", "workstation_id"),)

    token_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    workstation_id: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    revoked_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class WorkstationBindingRow(Base):
    """Which token a workstation id belongs to (the sandbox binds a workstation to the token it first saw)."""

    __tablename__ = "gateway_workstation_bindings"

    centre_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    workstation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64))
    bound_at: Mapped[float] = mapped_column(Float)


class CaseRow(Base):
    """A case handed over to the deciding agency (protocol version 2, ``POST /cases``)."""

    __tablename__ = "sandbox_cases"

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    workstation_id: Mapped[str] = mapped_column(String(64))
    service: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str] = mapped_column(String(64))
    body_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    accepted_at: Mapped[float] = mapped_column(Float)


class CaseItemRow(Base):
    """A ``case_status`` item of the response queue: ``accepted`` at once, ``final`` after the answer delay."""

    __tablename__ = "sandbox_case_items"
    __table_args__ = (Index("ix_sandbox_case_items_queue", "workstation_id", "centre_code", "acked", "due_at"),)

    response_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("sandbox_cases.case_id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    centre_code: Mapped[str] = mapped_column(String(32))
    workstation_id: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[float] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)
    acked: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_until: Mapped[float | None] = mapped_column(Float, nullable=True)
    offered_count: Mapped[int] = mapped_column(Integer, default=0)
