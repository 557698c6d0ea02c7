"""Files the operator saves (documents, attachments, reports): owner-only, atomic, one Russian line on failure."""

from __future__ import annotations

from pathlib import Path

from clerk_app.domain.errors import ValidationError
from clerk_app.services.faults import storage_fault_text
from clerk_app.storage.private import write_private


def save_private(path: Path, data: bytes, field: str = "output") -> Path:
    """Write `data` to `path` (0600 on POSIX) with its folder; a failed write leaves nothing behind and
    raises ValidationError naming the file and the reason."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, data)
    except OSError as exc:
        reason = storage_fault_text(exc) or exc.strerror or str(exc)
        raise ValidationError(f"Не удалось записать файл {path}: {reason}", field) from exc
    return path
