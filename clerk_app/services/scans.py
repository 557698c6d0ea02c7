"""Scans of documents taken at intake (PDF, PNG or JPEG), stored with their sha256; an electronic
handover sends those of the service's `scan_required` documents with the case."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.attachments import safe_filename, sniff
from clerk_app.domain.errors import ValidationError
from clerk_app.gateway.limits import MAX_BODY
from clerk_app.services import audit
from clerk_app.services.application_rows import load
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.events import state_of
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import ApplicationScan

MAX_SCAN = MAX_BODY // 2  # base64 grows it by a third; the case must stay under the 10 MiB body


@dataclass(frozen=True, slots=True)
class ScanFile:
    """A scan as the clerk gives it: the document it belongs to, a file name and the bytes."""

    document_code: str
    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class ScanRef:
    id: int
    document_code: str
    name: str
    media_type: str
    sha256: str
    size: int


def checked(scan: ScanFile) -> tuple[str, str]:
    """(safe name, media type) of a scan; ValidationError naming the document otherwise."""
    media_type = sniff(scan.content)
    where = f"documents[{scan.document_code}].scans"
    if media_type is None:
        raise ValidationError(f"Скан «{scan.name[:80]}»: ожидается PDF, PNG или JPEG", where)
    if len(scan.content) > MAX_SCAN:
        raise ValidationError(f"Скан «{scan.name[:80]}» больше {MAX_SCAN // (1024 * 1024)} МиБ", where)
    return safe_filename(scan.name, media_type), media_type


def store_scans(session: Session, ctx: AppContext, application_id: str, scans: Iterable[ScanFile],
                documents: Iterable[str]) -> int:
    """Store scans of documents the application lists (checked first: all or nothing)."""
    known = set(documents)
    rows = []
    for scan in scans:
        if scan.document_code not in known:
            raise ValidationError(f"Скан «{scan.name[:80]}»: документа «{scan.document_code}» нет в заявлении",
                                  "documents.scans")
        name, media_type = checked(scan)
        rows.append(ApplicationScan(application_id=application_id, document_code=scan.document_code, name=name,
                                    media_type=media_type, sha256=hashlib.sha256(scan.content).hexdigest(),
                                    content=scan.content, added_at=rfc3339(ctx.now())))
    session.add_all(rows)
    return len(rows)


def scan_rows(session: Session, application_id: str) -> list[ApplicationScan]:
    return list(session.scalars(select(ApplicationScan).where(ApplicationScan.application_id == application_id)
                                .order_by(ApplicationScan.id)))


def add_scan(ctx: AppContext, actor: Actor, number: str, scan: ScanFile) -> ScanRef:
    """Attach a scan to a document of an application (e.g. before an electronic handover)."""
    actor.require(Perm.CHANGE)
    with ctx.db.write() as s:
        row = load(s, number)
        store_scans(s, ctx, row.id, [scan], [d.code for d in state_of(row).documents])
        s.flush()
        added = scan_rows(s, row.id)[-1]
        audit.record(s, ctx, actor.login, "change", "application", number,
                     details={"scan": added.document_code})
        ctx.changes.application(row.id)
        return ScanRef(added.id, added.document_code, added.name, added.media_type, added.sha256, len(added.content))


def scans_of(ctx: AppContext, actor: Actor, number: str) -> list[ScanRef]:
    actor.require(Perm.VIEW)
    with ctx.db.read() as s:
        return [ScanRef(r.id, r.document_code, r.name, r.media_type, r.sha256, len(r.content))
                for r in scan_rows(s, load(s, number).id)]
