"""Which attachments the window may open itself, and a safe file name for the rest (never the system opener)."""

from __future__ import annotations

import re
import unicodedata

VIEWABLE = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
_SIGNATURES = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))
_EXT = {"pdf": (".pdf",), "png": (".png",), "jpeg": (".jpg", ".jpeg")}
_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
MAX_NAME = 120


def viewable_kind(name: str, media_type: str, content: bytes) -> str | None:
    """"pdf", "png" or "jpeg" when the declared type, the extension and the bytes all agree; else None."""
    found = next((kind for magic, kind in _SIGNATURES if content.startswith(magic)), None)
    if found is None or (media_type or "").split(";")[0].strip().lower() != VIEWABLE[found]:
        return None
    return found if clean_name(name).lower().endswith(_EXT[found]) else None


def clean_name(name: str, fallback: str = "Вложение") -> str:
    """A file name safe on Windows and Linux: no folders, drive letters, control or bidi characters,
    no trailing dots or spaces, at most MAX_NAME characters with its extension kept."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Co"))
    text = text.replace("\\", "/").split("/")[-1]
    text = _BAD.sub("_", text).strip(" .")
    if text.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                                       *(f"LPT{i}" for i in range(10))}:
        text = "_" + text
    if not text or set(text) <= {"_", "."}:
        text = fallback
    if len(text) > MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        ext = ext[:10] if dot and stem else ""
        text = text[:MAX_NAME - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return text
