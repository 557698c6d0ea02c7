"""Helpers of the document tests: text extraction, rasterising, font checks."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject

BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
    "Symbol", "ZapfDingbats",
}


def norm(text: str) -> str:
    """Collapse whitespace so that wrapped lines compare as one."""
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def pypdf_text(pdf: bytes) -> str:
    return norm("\n".join(page_texts(pdf)))


def metadata(pdf: bytes) -> dict:
    return dict(pypdf.PdfReader(io.BytesIO(pdf)).metadata or {})


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pdftotext(pdf: bytes) -> str:
    exe = require_tool("pdftotext")
    out = subprocess.run([exe, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return norm(out.stdout.decode("utf-8"))


def render_page(pdf: bytes, page: int = 1, dpi: int = 200):
    """Rasterise one page with pdftoppm and return it as a PIL image."""
    from PIL import Image

    exe = require_tool("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [exe, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(source),
             str(Path(tmp) / "page")],
            capture_output=True, check=True,
        )
        with Image.open(Path(tmp) / "page.png") as image:
            return image.convert("L")


def font_problems(pdf: bytes) -> tuple[list[str], list[str]]:
    """Return (all font names, names of fonts without an embedded font file)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names: list[str] = []
    problems: list[str] = []
    seen: set[int] = set()

    def check_font(font: DictionaryObject) -> None:
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        names.append(name)
        descriptors = []
        if font.get("/Subtype") == "/Type0":
            for desc in font["/DescendantFonts"]:
                descriptors.append(desc.get_object().get("/FontDescriptor"))
        else:
            descriptors.append(font.get("/FontDescriptor"))
        for desc in descriptors:
            desc = desc.get_object() if desc is not None else None
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(name)
        if name.split("+")[-1] in BASE14:
            problems.append(name)

    def walk(obj) -> None:
        obj = obj.get_object() if hasattr(obj, "get_object") else obj
        if isinstance(obj, DictionaryObject):
            if id(obj) in seen:
                return
            seen.add(id(obj))
            if obj.get("/Type") == "/Font":
                check_font(obj)
            for key, value in obj.items():
                if key != "/Parent":
                    walk(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value)

    walk(reader.trailer["/Root"])
    return names, problems


def decode_barcodes(image) -> dict[str, set[str]]:
    """Decode every barcode of an image: {format name: {texts}}."""
    import zxingcpp

    found: dict[str, set[str]] = {}
    for result in zxingcpp.read_barcodes(image):
        found.setdefault(result.format.name, set()).add(result.text)
    return found
