"""`clerk-app report` through the real command line: JSON, CSV and PDF; clerks are refused."""

from __future__ import annotations

import csv
import json
from datetime import date

from tests.e2e.cli_runner import add_user, run_cli
from tests.e2e.test_cli_flow import _write, ws  # noqa: F401 (fixture)
from tests.factories import sample_application


def test_report_json_csv_pdf_and_refusal(ws, tmp_path):  # noqa: F811
    assert run_cli(ws, "apply", str(_write(tmp_path, sample_application())), operator="ivanova.mp").code == 0
    today = date.today().isoformat()
    res = run_cli(ws, "report", "--from", today, "--to", today, "--by", "operator", operator="ivanova.mp")
    assert res.code == 0, res.err
    data = res.json()
    assert (data["from"], data["to"], data["by"]) == (today, today, "operator")
    assert [(r["key"], r["name"], r["accepted"], r["issued"]) for r in data["rows"]] == \
        [("ivanova.mp", "Иванова М. П.", 1, 0)]
    assert data["total"]["days_to_issue_mean"] is None

    out = tmp_path / "report.csv"
    res = run_cli(ws, "report", "--from", today, "--format", "csv", "-o", str(out), operator="ivanova.mp")
    assert res.code == 0, res.err
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert rows[-1]["Услуга"] == "Итого" and rows[-1]["Принято"] == "1" and rows[-1]["Выдано"] == "0"

    pdf = tmp_path / "report.pdf"
    res = run_cli(ws, "report", "--from", today, "--format", "pdf", "-o", str(pdf), operator="ivanova.mp")
    assert res.code == 0, res.err and pdf.read_bytes().startswith(b"%PDF")
    assert run_cli(ws, "report", "--format", "pdf", operator="ivanova.mp").code == 2  # a PDF needs -o

    add_user(ws, "kassir", "пароль-кассира-1", role="clerk")
    refused = run_cli(ws, "report", operator="kassir")
    assert refused.code == 1 and "Недостаточно прав" in refused.err
    bad = run_cli(ws, "report", "--from", "2026-13-01", operator="ivanova.mp")
    assert bad.code == 1 and bad.err.strip()
    assert json.loads(run_cli(ws, "report", "--from", "2020-01-01", "--to", "2020-01-31",
                              operator="ivanova.mp").out)["rows"] == []
