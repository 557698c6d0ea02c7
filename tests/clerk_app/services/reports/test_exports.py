"""The report's files: CSV that the csv module reads back with Cyrillic, a PDF whose text carries the
totals with every font embedded, JSON as the contract; every export audited."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest

from clerk_app.services import audit
from clerk_app.services.reports import service
from clerk_app.services.reports.figures import ALL_KEYS, TITLES
from clerk_app.services.reports.formats import cell_text
from tests.clerk_app.documents.pdf_tools import font_problems, norm, pdftotext, require_tool
from tests.clerk_app.services.reports.fixtures import NOW, build
from tests.clerk_app.services.reports.test_figures import PERIOD, TOTAL
from tests.factories import SUPERVISOR


@pytest.fixture
def report(ctx):
    ctx.clock = lambda: NOW
    build(ctx)
    return service.build_report(ctx, SUPERVISOR, PERIOD, "service")


def test_csv_round_trips_with_cyrillic(ctx, report, tmp_path):
    path = service.export_to_file(ctx, SUPERVISOR, report, "csv", tmp_path / "отчёт.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to see UTF-8
    assert path.stat().st_mode & 0o077 == 0
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    assert header == ["Услуга", "Код", *(TITLES[k] for k in ALL_KEYS)]
    body = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:-1]}
    total = dict(zip(header, rows[-1], strict=True))
    assert total["Услуга"] == "Итого" and total["Принято"] == "14" and total["Выдано"] == "4"
    assert total["Дней до выдачи, среднее"] == "20,5"
    assert body["housing_subsidy"]["Услуга"].startswith("Назначение субсидии")
    assert body["housing_subsidy"]["Передано с опозданием"] == "1"
    assert body["inn_issue"]["Дней до выдачи, среднее"] == ""  # nothing issued: no mean


def _layout_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([require_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_pdf_text_carries_the_totals_and_embeds_its_fonts(ctx, report, tmp_path):
    pdf = service.export(ctx, SUPERVISOR, report, "pdf")
    text = norm(pdftotext(pdf))
    assert "Отчёт о работе МФЦ" in text and "01.09.2026 по 30.11.2026" in text
    assert "Просроченные открытые дела по причинам" in text and "Ждут ответа на запрос" in text
    lines = _layout_text(pdf, tmp_path)
    for key in ALL_KEYS:  # the totals block: every figure beside its total
        value = cell_text(TOTAL[key])
        assert re.search(rf"{re.escape(TITLES[key])} +{re.escape(value)}(\s|$)", lines, re.M), key
    totals = [line.split() for line in lines.splitlines() if line.strip().startswith("Итого")]
    assert [t[1:] for t in totals] == [  # the total rows of the two tables
        [cell_text(TOTAL[k]) for k in ALL_KEYS[:12]], [cell_text(TOTAL[k]) for k in ALL_KEYS[12:]]]
    names, problems = font_problems(pdf)
    assert names and not problems


def test_json_export_is_the_report_and_exports_are_audited(ctx, report):
    data = json.loads(service.export(ctx, SUPERVISOR, report, "json"))
    assert data["total"]["accepted"] == 14 and data["by"] == "service"
    entries = [e for e in audit.read_log(ctx, SUPERVISOR) if e.object_type == "report"]
    assert [(e.action, e.object_id, e.operator) for e in entries] == [("export", "json", "boss")]
    assert entries[0].details["from"] == "2026-09-01"
