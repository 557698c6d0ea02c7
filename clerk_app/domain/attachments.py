"""What the application may do with an attachment from outside: view it or only offer to save it.

Only PDF, PNG and JPEG, recognised by their content (not by the name or the declared type), open in
the application's own viewer; anything else is only offered for saving under a cleaned name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

MAGIC: tuple[tuple[str, bytes, str], ...] = (
    ("application/pdf", b"%PDF-", ".pdf"),
    ("image/png", b"\x89PNG\r\n\x1a\n", ".png"),
    ("image/jpeg", b"\xff\xd8\xff", ".jpg"),
)
EXTENSIONS = {"application/pdf": (".pdf",), "image/png": (".png",), "image/jpeg": (".jpg", ".jpeg")}
# Names a double click would run or follow: saved with ".bin" appended.
RISKY_SUFFIXES = frozenset(
    ".exe .com .bat .cmd .scr .pif .cpl .msi .msp .lnk .url .js .jse .vbs .vbe .wsf .wsh .hta .ps1 .psm1 "
    ".reg .jar .sh .desktop .appimage .run .py .pyw .dll .sys .inf .chm .iso .img .vhd .vhdx .scf .library-ms"
    .split())
WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))])
FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
MAX_NAME = 120
DEFAULT_NAME = "вложение"


def sniff(content: bytes) -> str | None:
    """The media type of a PDF, PNG or JPEG by its first bytes; None for anything else."""
    head = bytes(content[:16])
    for media_type, magic, _ext in MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def _visible(ch: str) -> bool:
    return unicodedata.category(ch)[0] not in "CZ" or ch == " "


def safe_filename(name: object, media_type: str | None = None) -> str:
    """A name safe to create on Windows and POSIX: no folders, drives, control or invisible characters,
    no reserved device names, at most 120 characters; a viewable type gets its own extension and a
    runnable extension gets ".bin" appended."""
    text = name if isinstance(name, str) else ""
    text = unicodedata.normalize("NFC", text)
    text = re.split(r"[/\\]", text)[-1]  # no folders
    text = re.sub(r"^[A-Za-z]:", "", text)  # no drive (C:evil.lnk)
    text = "".join(ch if _visible(ch) else "" for ch in text)
    text = FORBIDDEN.sub("_", text)
    text = " ".join(text.split()).strip(" .")
    if not text:
        text = DEFAULT_NAME
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    ext = ("." + ext) if dot else ""
    stem = stem.replace(".", "_")  # report.pdf.exe -> report_pdf.exe: one visible extension
    if stem.lower() in WINDOWS_RESERVED or not stem:
        stem = f"_{stem}" if stem else DEFAULT_NAME
    if media_type in EXTENSIONS and ext.lower() not in EXTENSIONS[media_type]:
        ext = (ext.replace(".", "_") if ext else "") + EXTENSIONS[media_type][0]
    elif media_type is None and ext.lower() in RISKY_SUFFIXES:
        ext = ext + ".bin"
    if len(ext) > 20:
        ext = ext[-20:]
    return stem[:MAX_NAME - len(ext)] + ext


@dataclass(frozen=True)
class AttachmentPlan:
    """`action` "view" opens `media_type` in the application's viewer; "save" only offers to save."""

    action: Literal["view", "save"]
    media_type: str | None
    file_name: str
    note: str


def plan(name: object, declared_media_type: object, content: bytes) -> AttachmentPlan:
    """Decide how the window treats an attachment (the content decides, never the name)."""
    media_type = sniff(content)
    file_name = safe_filename(name, media_type)
    if media_type is None:
        return AttachmentPlan("save", None, file_name,
                              "Файл этого типа не открывается в программе (открываются только PDF, PNG и JPEG); "
                              "его можно сохранить и проверить антивирусом")
    if isinstance(declared_media_type, str) and declared_media_type.split(";")[0].strip().lower() not in (
            media_type, "", "application/octet-stream"):
        note = "Тип файла указан неверно; по содержимому это " + media_type
    else:
        note = ""
    return AttachmentPlan("view", media_type, file_name, note)
