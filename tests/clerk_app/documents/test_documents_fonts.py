from __future__ import annotations

import io
import sys

import pytest
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.platypus import SimpleDocTemplate

from clerk_app.documents import render_decision, render_handover_register, render_intake_register, render_receipt
from clerk_app.documents.fonts import FONT, FONT_BOLD, register_fonts
from clerk_app.resources_path import resources_dir
from doc_samples import decision_data, handover_register_data, intake_register_data, receipt_data
from pdf_tools import font_problems

RENDERS = {
    "receipt": lambda: render_receipt(receipt_data(), copies=2),
    "decision": lambda: render_decision(decision_data(), copy=True, draft=True),
    "approval": lambda: render_decision(decision_data(approved=True)),
    "intake": lambda: render_intake_register(intake_register_data(60)),
    "handover": lambda: render_handover_register(handover_register_data(60)),
}


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_every_font_is_embedded(name: str) -> None:
    pdf = RENDERS[name]()
    names, problems = font_problems(pdf)
    assert problems == []
    assert {n.split("+")[-1] for n in names} <= {FONT, FONT_BOLD}
    assert b"Helvetica" not in pdf


def test_checker_catches_an_unembedded_base14_font() -> None:
    # The trap the renderers avoid: a drawing without initialFontName.
    buffer = io.BytesIO()
    drawing = Drawing(50, 50)
    drawing.add(Rect(0, 0, 10, 10))
    SimpleDocTemplate(buffer).build([drawing])
    _, problems = font_problems(buffer.getvalue())
    assert any("Helvetica" in p for p in problems)


def test_font_registration_is_idempotent() -> None:
    register_fonts()
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    names = pdfmetrics.getRegisteredFontNames()
    assert names.count(FONT) == 1 and names.count(FONT_BOLD) == 1


def test_fonts_and_licence_are_bundled() -> None:
    fonts = resources_dir() / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (fonts / name).is_file(), name
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_resources_dir_prefers_a_pyinstaller_bundle(tmp_path, monkeypatch) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_resources_dir_from_a_checkout(monkeypatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert (resources_dir() / "fonts" / "DejaVuSans.ttf").is_file()
