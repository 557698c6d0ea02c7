"""The report as JSON (the contract), CSV (Russian header, UTF-8 with BOM, `;`) and PDF."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from clerk_app.domain.errors import ValidationError
from clerk_app.services.reports.figures import ALL_KEYS, TITLES
from clerk_app.services.reports.query import GROUP_RU, Report

FORMATS = ("json", "csv", "pdf")
TOTAL_RU = "Итого"


def cell_text(value: Any) -> str:
    """A figure as a Russian spreadsheet reads it: decimal comma, empty when there is nothing to count."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def csv_header(report: Report) -> list[str]:
    return [GROUP_RU[report.by], "Код", *(TITLES[k] for k in ALL_KEYS)]


def to_csv(report: Report) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_header(report))
    for row in report.rows:
        writer.writerow([row.name, row.key, *(cell_text(row.values[k]) for k in ALL_KEYS)])
    writer.writerow([TOTAL_RU, "", *(cell_text(report.total[k]) for k in ALL_KEYS)])
    return out.getvalue().encode("utf-8-sig")


def to_json(report: Report) -> bytes:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


def render(report: Report, fmt: str, *, centre: str = "", author: str = "") -> bytes:
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv(report)
    if fmt == "pdf":
        from clerk_app.services.reports.pdf_data import pdf_data
        from clerk_app.documents.report import render_report

        return render_report(pdf_data(report, centre, author))
    raise ValidationError(f"Формат: «{fmt}» не поддерживается (json, csv, pdf)", "format")
