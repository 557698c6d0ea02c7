"""Attachment policy: only PDF, PNG and JPEG by content are viewable; hostile names are cleaned."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.attachments import plan, safe_filename, sniff

PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"
EXE = b"MZ\x90\x00\x03\x00\x00\x00"


@pytest.mark.parametrize(("content", "expected"), [(PDF, "application/pdf"), (PNG, "image/png"),
                                                   (JPEG, "image/jpeg"), (EXE, None), (b"", None),
                                                   (b"<html>%PDF-", None)])
def test_types_are_recognised_by_content(content, expected):
    assert sniff(content) == expected


@pytest.mark.parametrize(("name", "declared", "content", "action", "file_name"), [
    ("выписка.pdf", "application/pdf", PDF, "view", "выписка.pdf"),
    ("report.pdf.exe", "application/pdf", EXE, "save", "report_pdf.exe.bin"),
    ("report.pdf.exe", "application/pdf", PDF, "view", "report_pdf_exe.pdf"),
    ("C:evil.lnk", "application/pdf", EXE, "save", "evil.lnk.bin"),
    ("..", "image/png", PNG, "view", "вложение.png"),
    ("../../etc/passwd", "text/plain", b"root:x:0:0", "save", "passwd"),
    ("scan\x00.jpg", "image/jpeg", JPEG, "view", "scan.jpg"),
    ("photo.png", "image/png", JPEG, "view", "photo_png.jpg"),
    ("CON.pdf", "application/pdf", PDF, "view", "_CON.pdf"),
    ("отчёт\u202egpj.exe", "image/jpeg", EXE, "save", "отчётgpj.exe.bin"),
    ("a\u200bb.docx", "application/msword", b"PK\x03\x04", "save", "ab.docx"),
    (None, None, PDF, "view", "вложение.pdf"),
    (12345, "application/pdf", b"", "save", "вложение"),
])
def test_plan(name, declared, content, action, file_name):
    p = plan(name, declared, content)
    assert (p.action, p.file_name) == (action, file_name)
    assert p.note or action == "view"


def test_very_long_names_are_cut_keeping_the_extension():
    name = safe_filename("я" * 5000 + ".pdf", "application/pdf")
    assert len(name) <= 120 and name.endswith(".pdf")


@given(st.text(max_size=300), st.sampled_from([None, "application/pdf", "image/png", "image/jpeg"]))
def test_any_name_gives_a_plain_file_name(name, media_type):
    cleaned = safe_filename(name, media_type)
    assert cleaned and len(cleaned) <= 120
    assert not set(cleaned) & set('<>:"/\\|?*\x00')
    assert all(unicodedata.category(ch)[0] not in "C" for ch in cleaned)
    assert cleaned not in (".", "..") and not cleaned.endswith((".", " "))
    if media_type is None:
        assert not cleaned.lower().endswith((".exe", ".lnk", ".bat", ".js"))


def test_cleaned_names_can_be_created(tmp_path):
    for name in ("..", "x" * 5000, "a\x00b.pdf", "C:evil.lnk", "report.pdf.exe", "ном/ер\\1.png", "  .  "):
        path = tmp_path / safe_filename(name)
        path.write_bytes(b"x")
        assert path.parent == tmp_path and os.path.exists(path)
