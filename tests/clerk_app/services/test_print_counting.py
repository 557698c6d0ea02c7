"""A print counts only once its file is written; a failed write leaves no `.part` and no «КОПИЯ»."""

from __future__ import annotations

import errno
import io
import stat

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from clerk_app.commands.printing import write_output
from clerk_app.domain.errors import ValidationError
from clerk_app.services import applications, printing
from clerk_app.storage import private
from clerk_app.storage.models import AuditEntry, DocumentPrint
from tests.factories import CLERK, SUPERVISOR, sample_application


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _decided(ctx):
    number = applications.register(ctx, CLERK, sample_application(
        service="pension_certificate", subject=None,
        documents=[{"code": "passport", "original": True, "sheets": 1}])).number
    applications.decide(ctx, SUPERVISOR, number, approve=True)
    return number


def _disk_full(monkeypatch):
    real_fdopen = private.os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, fd):
            self.fd = fd

        def write(self, _data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            private.os.close(self.fd)

    monkeypatch.setattr(private.os, "fdopen", lambda fd, *a, **k: Full(fd))
    return real_fdopen


def test_a_failed_write_does_not_count_and_leaves_nothing(ctx, tmp_path, monkeypatch):
    number = _decided(ctx)
    out = tmp_path / "out" / "decision.pdf"
    _disk_full(monkeypatch)
    with pytest.raises(ValidationError, match="Диск заполнен"):
        printing.decision_pdf(ctx, CLERK, number, deliver=write_output(out))
    assert not out.exists() and not list((tmp_path / "out").iterdir())  # no *.part
    with ctx.db.read() as s:
        assert s.scalars(select(DocumentPrint)).all() == []
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "print")).all()
    monkeypatch.undo()
    first = printing.decision_pdf(ctx, CLERK, number, deliver=write_output(out))
    assert "КОПИЯ" not in _text(first) and out.read_bytes() == first
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    second = printing.decision_pdf(ctx, CLERK, number, deliver=write_output(out))
    assert "КОПИЯ" in _text(second)


def _prints(ctx, document):
    with ctx.db.read() as s:
        return sum(r.count for r in s.scalars(select(DocumentPrint).where(DocumentPrint.document == document)))


def test_a_preview_counts_only_when_printed_or_saved(ctx):
    number = _decided(ctx)
    for _ in range(2):  # previews closed without printing: no count, still the original
        assert "КОПИЯ" not in _text(printing.decision_pdf(ctx, CLERK, number, count=False))
        printing.receipt_pdf(ctx, CLERK, number, count=False)
    assert _prints(ctx, "decision") == 0 and _prints(ctx, "receipt") == 0
    assert printing.record_delivery(ctx, CLERK, number, "decision", "print") == 1
    assert printing.record_delivery(ctx, CLERK, number, "receipt", "save") == 1
    assert "КОПИЯ" in _text(printing.decision_pdf(ctx, CLERK, number, count=False))  # delivered before
    with ctx.db.read() as s:
        delivered = [e.details for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "print"))]
    assert {"delivered": "print", "copy": False} in delivered and {"delivered": "save", "copy": False} in delivered
