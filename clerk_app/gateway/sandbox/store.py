"""The sandbox gateway's own database: messages, queued answers and the centres' event logs."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, create_engine, event, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool

from clerk_app.gateway.sandbox.agencies import AgencyAnswer
from clerk_app.gateway.sandbox.validation import parse_rfc3339

MSK = timezone(timedelta(hours=3), "MSK")


def rfc3339(ts: float) -> str:
    return datetime.fromtimestamp(ts, MSK).isoformat(timespec="seconds")


class Base(DeclarativeBase):
    """Metadata of the sandbox gateway, separate from the clerk's local database."""


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
    __tablename__ = "sandbox_events"
    __table_args__ = (Index("ix_sandbox_events_centre_seq", "centre_code", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    centre_code: Mapped[str] = mapped_column(String(32))
    body_sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[float] = mapped_column(Float)


def make_engine(db_url: str) -> Engine:
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(db_url, pool_pre_ping=True)
    if url.database in (None, "", ":memory:"):
        return create_engine(db_url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(db_url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


Answerer = Callable[[str, dict[str, Any], "datetime | None"], AgencyAnswer]


class SandboxStore:
    """All queries of the sandbox; one lock serialises them (a sandbox, not a production server)."""

    def __init__(self, db_url: str, answerer: Answerer, clock: Callable[[], float] = time.time) -> None:
        self.engine = make_engine(db_url)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._answerer = answerer
        self.clock = clock
        self._lock = threading.RLock()

    def close(self) -> None:
        self.engine.dispose()

    # --- messages ------------------------------------------------------------------------

    def message_digest(self, message_id: str) -> tuple[str, str, float] | None:
        """(centre, body sha256, accepted_at) of a stored message, or None."""
        with self._lock, self._sessions() as s:
            row = s.get(MessageRow, message_id)
            return None if row is None else (row.centre_code, row.body_sha256, row.accepted_at)

    def insert_message(
        self, *, message_id: str, centre: str, workstation: str, kind: str, body: str, sha256: str,
        answer_delay: float,
    ) -> tuple[str, float]:
        """Store a new message and its pending answer: ("created" | "replayed" | "conflict", accepted_at)."""
        with self._lock, self._sessions() as s:
            existing = s.get(MessageRow, message_id)
            if existing is not None:
                same = existing.body_sha256 == sha256 and existing.centre_code == centre
                return ("replayed" if same else "conflict"), existing.accepted_at
            now = self.clock()
            s.add(MessageRow(message_id=message_id, centre_code=centre, workstation_id=workstation, kind=kind,
                             body_sha256=sha256, body=body, accepted_at=now))
            s.flush()
            s.add(ResponseRow(response_id=str(uuid.uuid4()), message_id=message_id, centre_code=centre,
                              workstation_id=workstation, due_at=now + answer_delay, acked=False,
                              cancelled=False, offered_count=0))
            try:
                s.commit()
            except IntegrityError:
                s.rollback()
                return self.insert_message(message_id=message_id, centre=centre, workstation=workstation,
                                           kind=kind, body=body, sha256=sha256, answer_delay=answer_delay)
            return "created", now

    def count_messages(self, message_id: str | None = None) -> int:
        with self._lock, self._sessions() as s:
            query = select(func.count()).select_from(MessageRow)
            if message_id is not None:
                query = query.where(MessageRow.message_id == message_id)
            return s.scalar(query) or 0

    def _materialise(self, s: Session, response: ResponseRow, message: MessageRow) -> dict[str, Any]:
        """The answer as the queue offers it; computed once, when it first becomes due."""
        if response.payload is None:
            body = json.loads(message.body)
            result = self._answerer(message.kind, body.get("subject") or {}, parse_rfc3339(body.get("created_at")))
            payload = {
                "response_id": response.response_id,
                "message_id": message.message_id,
                "status": result.status,
                "agency": body.get("recipient"),
                "answered_at": rfc3339(response.due_at),
                "data": result.data,
                "refusal_reason": result.refusal_reason,
                "attachments": result.attachments,
            }
            response.payload = json.dumps(payload, ensure_ascii=False)
            response.status = result.status
        return json.loads(response.payload)

    def message_status(self, message_id: str, centre: str, answer_delay: float) -> dict[str, Any] | None:
        with self._lock, self._sessions() as s:
            message = s.get(MessageRow, message_id)
            if message is None or message.centre_code != centre:
                return None
            response = s.scalar(select(ResponseRow).where(ResponseRow.message_id == message_id))
            now = self.clock()
            if message.cancelled_at is not None:
                status, updated = "cancelled", message.cancelled_at
            elif response is not None and response.due_at <= now:
                answered = self._materialise(s, response, message)
                status = "rejected" if answered["status"] == "rejected" else "answered"
                updated = response.due_at
                s.commit()
            elif now >= message.accepted_at + answer_delay / 2:
                status, updated = "delivered", message.accepted_at + answer_delay / 2
            else:
                status, updated = "accepted", message.accepted_at
            return {"message_id": message_id, "status": status, "updated_at": rfc3339(updated)}

    def cancel_message(self, message_id: str, centre: str) -> str | None:
        """"cancelled" (now or before), "already_answered", or None for an unknown id."""
        with self._lock, self._sessions() as s:
            message = s.get(MessageRow, message_id)
            if message is None or message.centre_code != centre:
                return None
            if message.cancelled_at is not None:
                return "cancelled"
            response = s.scalar(select(ResponseRow).where(ResponseRow.message_id == message_id))
            now = self.clock()
            if response is not None and response.due_at <= now:
                return "already_answered"
            message.cancelled_at = now
            if response is not None:
                response.cancelled = True
            s.commit()
            return "cancelled"

    # --- the response queue -------------------------------------------------------------

    def lease_responses(
        self, workstation: str, centre: str, limit: int, visibility_timeout: float
    ) -> tuple[list[dict[str, Any]], bool]:
        """Due, unacknowledged, unleased answers of a workstation, leased for ``visibility_timeout``."""
        with self._lock, self._sessions() as s:
            now = self.clock()
            rows = s.scalars(
                select(ResponseRow)
                .where(
                    ResponseRow.workstation_id == workstation,
                    ResponseRow.centre_code == centre,
                    ResponseRow.acked.is_(False),
                    ResponseRow.cancelled.is_(False),
                    ResponseRow.due_at <= now,
                    (ResponseRow.lease_until.is_(None)) | (ResponseRow.lease_until <= now),
                )
                .order_by(ResponseRow.due_at, ResponseRow.response_id)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            answers = []
            for row in rows[:limit]:
                message = s.get(MessageRow, row.message_id)
                answers.append(self._materialise(s, row, message))
                row.lease_until = now + visibility_timeout
                row.offered_count += 1
            s.commit()
            return answers, more

    def ack_responses(self, workstation: str, centre: str, response_ids: Sequence[str]) -> int:
        """Acknowledge answers of this workstation; returns how many of the ids are (now) acknowledged."""
        with self._lock, self._sessions() as s:
            now = self.clock()
            rows = s.scalars(
                select(ResponseRow).where(
                    ResponseRow.response_id.in_(set(response_ids)),
                    ResponseRow.workstation_id == workstation,
                    ResponseRow.centre_code == centre,
                    ResponseRow.due_at <= now,
                )
            ).all()
            for row in rows:
                row.acked = True
                row.lease_until = None
            s.commit()
            return len(rows)

    # --- the centres' event logs --------------------------------------------------------

    def add_events(self, centre: str, events: Sequence[tuple[str, str, str]]) -> dict[str, str]:
        """Append (event_id, body, sha256) items; maps each id to "accepted" or "conflict"."""
        outcome: dict[str, str] = {}
        with self._lock, self._sessions() as s:
            now = self.clock()
            ids = {event_id for event_id, _, _ in events}
            known = {
                row.event_id: row
                for row in s.scalars(select(EventRow).where(EventRow.event_id.in_(ids))).all()
            }
            for event_id, body, sha in events:
                row = known.get(event_id)
                if row is None:
                    row = EventRow(event_id=event_id, centre_code=centre, body_sha256=sha, body=body,
                                   received_at=now)
                    s.add(row)
                    known[event_id] = row
                    outcome[event_id] = "accepted"
                elif row.centre_code == centre and row.body_sha256 == sha:
                    outcome[event_id] = "accepted"
                else:
                    outcome[event_id] = "conflict"
            s.commit()
        return outcome

    def events_after(self, centre: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        with self._lock, self._sessions() as s:
            rows = s.scalars(
                select(EventRow)
                .where(EventRow.centre_code == centre, EventRow.seq > after)
                .order_by(EventRow.seq)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            events = []
            for row in rows[:limit]:
                item = json.loads(row.body)
                item["seq"] = row.seq
                events.append(item)
            cursor = events[-1]["seq"] if events else after
            return events, cursor, more
