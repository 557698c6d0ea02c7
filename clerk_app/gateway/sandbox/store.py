"""The gateway server's queries: messages, queued answers and the centres' event logs.

Safe under concurrency on PostgreSQL (many requests at once, several server processes) and on SQLite
(one process; its writers are serialised): idempotent inserts survive a race on the same id, each
centre's event sequence is gap-free and committed in order, an answer is leased to one caller at a time.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_app.gateway.sandbox.agencies import AgencyAnswer
from clerk_app.gateway.sandbox.database import GatewayDatabase, make_engine  # noqa: F401  (make_engine: API)
from clerk_app.gateway.sandbox.models import Base, EventCounterRow, EventRow, MessageRow, ResponseRow  # noqa: F401
from clerk_app.gateway.sandbox.validation import parse_rfc3339

MSK = timezone(timedelta(hours=3), "MSK")
_RACE_ATTEMPTS = 5


def rfc3339(ts: float) -> str:
    return datetime.fromtimestamp(ts, MSK).isoformat(timespec="seconds")


Answerer = Callable[[str, dict[str, Any], "datetime | None"], AgencyAnswer]


class SandboxStore:
    """All queries of the gateway server (the sandbox's and the hub's)."""

    def __init__(self, db_url: str, answerer: Answerer, clock: Callable[[], float] = time.time,
                 durable: bool = True) -> None:
        self.db = GatewayDatabase(db_url, durable=durable)
        self.engine = self.db.engine
        self._answerer = answerer
        self.clock = clock

    def close(self) -> None:
        self.db.dispose()

    def _insert_ignoring_conflict(self, s: Session, row: type, **values: Any) -> None:
        insert = pg_insert if self.db.is_postgresql else sqlite_insert
        s.execute(insert(row).values(**values).on_conflict_do_nothing())

    # --- messages ------------------------------------------------------------------------

    def insert_message(
        self, *, message_id: str, centre: str, workstation: str, kind: str, body: str, sha256: str,
        answer_delay: float, check_new: Callable[[], None] | None = None,
    ) -> tuple[str, float]:
        """Store a new message and its pending answer: ("created" | "replayed" | "conflict", accepted_at).
        `check_new` (validation) runs only for a message not stored yet; its exception rolls back.

        Two callers racing with the same id: the unique key lets one insert; the other reads its row."""

        def work(s: Session) -> tuple[str, float]:
            existing = s.get(MessageRow, message_id)
            if existing is not None:
                same = existing.body_sha256 == sha256 and existing.centre_code == centre
                return ("replayed" if same else "conflict"), existing.accepted_at
            if check_new is not None:
                check_new()
            now = self.clock()
            s.add(MessageRow(message_id=message_id, centre_code=centre, workstation_id=workstation, kind=kind,
                             body_sha256=sha256, body=body, accepted_at=now))
            s.flush()
            s.add(ResponseRow(response_id=str(uuid.uuid4()), message_id=message_id, centre_code=centre,
                              workstation_id=workstation, due_at=now + answer_delay, acked=False,
                              cancelled=False, offered_count=0))
            s.flush()
            return "created", now

        return self._racing(work)

    def _racing(self, work: Callable[[Session], Any]) -> Any:
        """Run ``work``; a unique-key violation means a concurrent insert won: run again to read its row."""
        for attempt in range(_RACE_ATTEMPTS):
            try:
                return self.db.run(work)
            except IntegrityError:
                if attempt == _RACE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def count_messages(self, message_id: str | None = None) -> int:
        with self.db.session() as s:
            query = select(func.count()).select_from(MessageRow)
            if message_id is not None:
                query = query.where(MessageRow.message_id == message_id)
            return s.scalar(query) or 0

    def _materialise(self, response: ResponseRow, message: MessageRow) -> dict[str, Any]:
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
        def work(s: Session) -> dict[str, Any] | None:
            message = s.get(MessageRow, message_id)
            if message is None or message.centre_code != centre:
                return None
            response = s.scalar(select(ResponseRow).where(ResponseRow.message_id == message_id).with_for_update())
            now = self.clock()
            if message.cancelled_at is not None:
                status, updated = "cancelled", message.cancelled_at
            elif response is not None and response.due_at <= now:
                answered = self._materialise(response, message)
                status = "rejected" if answered["status"] == "rejected" else "answered"
                updated = response.due_at
            elif now >= message.accepted_at + answer_delay / 2:
                status, updated = "delivered", message.accepted_at + answer_delay / 2
            else:
                status, updated = "accepted", message.accepted_at
            return {"message_id": message_id, "status": status, "updated_at": rfc3339(updated)}

        return self.db.run(work)

    def cancel_message(self, message_id: str, centre: str) -> str | None:
        """"cancelled" (now or before), "already_answered", or None for an unknown id."""
        def work(s: Session) -> str | None:
            message = s.get(MessageRow, message_id, with_for_update=True)
            if message is None or message.centre_code != centre:
                return None
            if message.cancelled_at is not None:
                return "cancelled"
            response = s.scalar(select(ResponseRow).where(ResponseRow.message_id == message_id).with_for_update())
            now = self.clock()
            if response is not None and response.due_at <= now:
                return "already_answered"
            message.cancelled_at = now
            if response is not None:
                response.cancelled = True
            return "cancelled"

        return self.db.run(work)

    # --- the response queue -------------------------------------------------------------

    def lease_responses(
        self, workstation: str, centre: str, limit: int, visibility_timeout: float
    ) -> tuple[list[dict[str, Any]], bool]:
        """Due, unacknowledged, unleased answers of a workstation, leased for ``visibility_timeout``.

        On PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED: two concurrent calls never get the same
        answer; a row another call is leasing right now is skipped, not waited for."""

        def work(s: Session) -> tuple[list[dict[str, Any]], bool]:
            now = self.clock()
            offered = (
                ResponseRow.workstation_id == workstation,
                ResponseRow.centre_code == centre,
                ResponseRow.acked.is_(False),
                ResponseRow.cancelled.is_(False),
                ResponseRow.due_at <= now,
                (ResponseRow.lease_until.is_(None)) | (ResponseRow.lease_until <= now),
            )
            taken = s.scalars(
                select(ResponseRow).where(*offered)
                .order_by(ResponseRow.due_at, ResponseRow.response_id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            more = len(taken) == limit and s.scalar(
                select(ResponseRow.response_id).where(
                    *offered, ResponseRow.response_id.not_in([r.response_id for r in taken])).limit(1)
            ) is not None
            messages = {
                m.message_id: m
                for m in s.scalars(select(MessageRow).where(MessageRow.message_id.in_([r.message_id for r in taken])))
            } if taken else {}
            answers = []
            for row in taken:
                answers.append(self._materialise(row, messages[row.message_id]))
                row.lease_until = now + visibility_timeout
                row.offered_count += 1
            return answers, more

        return self.db.run(work)

    def ack_responses(self, workstation: str, centre: str, response_ids: Sequence[str]) -> int:
        """Acknowledge answers of this workstation; returns how many of the ids are (now) acknowledged."""
        def work(s: Session) -> int:
            now = self.clock()
            rows = s.scalars(
                select(ResponseRow).where(
                    ResponseRow.response_id.in_(sorted(set(response_ids))),
                    ResponseRow.workstation_id == workstation,
                    ResponseRow.centre_code == centre,
                    ResponseRow.due_at <= now,
                ).order_by(ResponseRow.response_id).with_for_update()
            ).all()
            for row in rows:
                row.acked = True
                row.lease_until = None
            return len(rows)

        return self.db.run(work)

    # --- the centres' event logs --------------------------------------------------------

    def add_events(
        self, centre: str, events: Sequence[tuple[str, str, str]], workstation: str | None = None
    ) -> dict[str, str]:
        """Append (event_id, body, sha256) items; maps each id to "accepted" or "conflict".

        The centre's counter row is locked (SELECT … FOR UPDATE) from numbering to commit, so the centre's
        events are numbered without gaps and committed in the order of their numbers: a reader that has
        seen number n never later finds a new event below n."""

        def work(s: Session) -> dict[str, str]:
            outcome: dict[str, str] = {}
            now = self.clock()
            self._insert_ignoring_conflict(s, EventCounterRow, centre_code=centre, last_seq=0)
            counter = s.scalars(
                select(EventCounterRow).where(EventCounterRow.centre_code == centre).with_for_update()
            ).one()
            ids = {event_id for event_id, _, _ in events}
            known = {
                row.event_id: (row.centre_code, row.body_sha256)
                for row in s.scalars(select(EventRow).where(EventRow.event_id.in_(ids))).all()
            }
            next_seq = counter.last_seq
            for event_id, body, sha in events:
                seen = known.get(event_id)
                if seen is None:
                    next_seq += 1
                    s.add(EventRow(event_id=event_id, centre_code=centre, centre_seq=next_seq,
                                   origin_workstation=workstation, body_sha256=sha, body=body, received_at=now))
                    known[event_id] = (centre, sha)
                    outcome[event_id] = "accepted"
                elif seen == (centre, sha):
                    outcome[event_id] = "accepted"
                else:
                    outcome[event_id] = "conflict"
            counter.last_seq = next_seq
            s.flush()
            return outcome

        return self._racing(work)

    def events_after(self, centre: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        with self.db.read() as s:
            rows = s.execute(
                select(EventRow.centre_seq, EventRow.body, EventRow.origin_workstation)
                .where(EventRow.centre_code == centre, EventRow.centre_seq > after)
                .order_by(EventRow.centre_seq)
                .limit(limit + 1)
            ).all()
        more = len(rows) > limit
        events = []
        for seq, body, origin in rows[:limit]:
            item = json.loads(body)
            item["seq"] = seq
            if origin is not None:
                item["origin_workstation"] = origin
            events.append(item)
        cursor = events[-1]["seq"] if events else after
        return events, cursor, more

    def last_event_seq(self, centre: str) -> int:
        with self.db.session() as s:
            return s.scalar(select(EventCounterRow.last_seq).where(EventCounterRow.centre_code == centre)) or 0


GatewayStore = SandboxStore
