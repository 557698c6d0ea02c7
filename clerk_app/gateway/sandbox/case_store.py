"""The sandbox's cases handed over to agencies and their `case_status` items on the response queue."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_app.gateway.sandbox.database import GatewayDatabase
from clerk_app.gateway.sandbox.models import CaseItemRow, CaseRow
from clerk_app.gateway.sandbox.store import rfc3339

# (case body, item kind "accepted" | "final", due time) -> the item's status, comment, result, attachments
CaseAgency = Callable[[dict[str, Any], str, float], dict[str, Any]]


class CaseStore:
    """Cases and their status items; the agency callback decides what each item says."""

    def __init__(self, db: GatewayDatabase, agency: CaseAgency, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self._agency = agency
        self.clock = clock

    def digest(self, case_id: str) -> tuple[str, str, float] | None:
        """(centre, body sha256, accepted_at) of a stored case, or None."""
        with self.db.session() as s:
            row = s.get(CaseRow, case_id)
            return None if row is None else (row.centre_code, row.body_sha256, row.accepted_at)

    def insert(
        self, *, case_id: str, centre: str, workstation: str, service: str, agency: str, body: str, sha256: str,
        answer_delay: float,
    ) -> tuple[str, float]:
        """Store a new case with its two status items: ("created" | "replayed" | "conflict", accepted_at)."""

        def work(s: Session) -> tuple[str, float]:
            existing = s.get(CaseRow, case_id)
            if existing is not None:
                same = existing.body_sha256 == sha256 and existing.centre_code == centre
                return ("replayed" if same else "conflict"), existing.accepted_at
            now = self.clock()
            s.add(CaseRow(case_id=case_id, centre_code=centre, workstation_id=workstation, service=service,
                          agency=agency, body_sha256=sha256, body=body, accepted_at=now))
            s.flush()
            for stage, due in (("accepted", now), ("final", now + answer_delay)):
                s.add(CaseItemRow(response_id=str(uuid.uuid4()), case_id=case_id, stage=stage, centre_code=centre,
                                  workstation_id=workstation, due_at=due, acked=False, offered_count=0))
            return "created", now

        for attempt in range(5):  # a concurrent insert of the same id won: read its row
            try:
                return self.db.run(work)
            except IntegrityError:
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def count(self) -> int:
        with self.db.session() as s:
            return len(s.scalars(select(CaseRow.case_id)).all())

    def _materialise(self, item: CaseItemRow, case: CaseRow) -> dict[str, Any]:
        if item.payload is None:
            body = json.loads(case.body)
            said = self._agency(body, item.stage, item.due_at)
            payload = {
                "response_id": item.response_id,
                "type": "case_status",
                "case_id": case.case_id,
                "application_number": body.get("application_number"),
                "agency": case.agency,
                "status": said["status"],
                "at": rfc3339(item.due_at),
                "comment": said.get("comment"),
                "result": said.get("result"),
                "attachments": said.get("attachments") or [],
            }
            item.payload = json.dumps(payload, ensure_ascii=False)
            item.status = said["status"]
        return json.loads(item.payload)

    def status(self, case_id: str, centre: str) -> dict[str, Any] | None:
        """The case's latest status that is due now, or None for an unknown case (or another centre's)."""

        def work(s: Session) -> dict[str, Any] | None:
            case = s.get(CaseRow, case_id)
            if case is None or case.centre_code != centre:
                return None
            items = s.scalars(
                select(CaseItemRow).where(CaseItemRow.case_id == case_id, CaseItemRow.due_at <= self.clock())
                .order_by(CaseItemRow.due_at.desc(), CaseItemRow.stage.desc()).with_for_update()
            ).all()
            if not items:
                return {"case_id": case_id, "status": "accepted", "updated_at": rfc3339(case.accepted_at)}
            latest = self._materialise(items[0], case)
            return {"case_id": case_id, "status": latest["status"], "updated_at": latest["at"]}

        return self.db.run(work)

    def lease(
        self, workstation: str, centre: str, limit: int, visibility_timeout: float
    ) -> tuple[list[dict[str, Any]], bool]:
        """Due, unacknowledged, unleased items of a workstation, leased for ``visibility_timeout``;
        ``limit`` 0 only says whether any is waiting."""

        def work(s: Session) -> tuple[list[dict[str, Any]], bool]:
            now = self.clock()
            rows = s.scalars(
                select(CaseItemRow)
                .where(
                    CaseItemRow.workstation_id == workstation,
                    CaseItemRow.centre_code == centre,
                    CaseItemRow.acked.is_(False),
                    CaseItemRow.due_at <= now,
                    (CaseItemRow.lease_until.is_(None)) | (CaseItemRow.lease_until <= now),
                )
                .order_by(CaseItemRow.due_at, CaseItemRow.stage)
                .limit(limit + 1)
                .with_for_update(skip_locked=True)
            ).all()
            more = len(rows) > limit
            items = []
            for row in rows[:limit]:
                case = s.get(CaseRow, row.case_id)
                assert case is not None  # a status row belongs to its case (foreign key)
                items.append(self._materialise(row, case))
                row.lease_until = now + visibility_timeout
                row.offered_count += 1
            return items, more

        return self.db.run(work)

    def ack(self, workstation: str, centre: str, response_ids: Sequence[str]) -> int:
        def work(s: Session) -> int:
            rows = s.scalars(
                select(CaseItemRow).where(
                    CaseItemRow.response_id.in_(sorted(set(response_ids))),
                    CaseItemRow.workstation_id == workstation,
                    CaseItemRow.centre_code == centre,
                    CaseItemRow.due_at <= self.clock(),
                ).order_by(CaseItemRow.response_id).with_for_update()
            ).all()
            for row in rows:
                row.acked = True
                row.lease_until = None
            return len(rows)

        return self.db.run(work)
