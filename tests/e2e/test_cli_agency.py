"""The agency leg through the real command line against `clerk-app gateway-sandbox` in its own process:
electronic handover and the gateway's result, the paper register and result, unclaimed results and the
return register; every step checked in `show --json`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.e2e.cli_runner import add_user, run_cli
from tests.e2e.test_cli_sync import gateway  # noqa: F401  (the sandbox in its own process)
from tests.factories import sample_application

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
REPRESENTATIVE = {"full_name": "Петров Пётр Петрович",
                  "document": {"kind": "passport", "series": "18 07", "number": "654321"},
                  "power_of_attorney": {"number": "34 АА 1234567", "date": "2026-01-10",
                                        "issued_by": "нотариус Сидорова Н. Н.", "valid_until": "2030-01-10"}}
QUEUE_KINDS = ["egrn_rights", "mvd_registration", "fns_income", "kszn_benefits"]


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path, gateway):  # noqa: F811
    d = tmp_path / "ws"
    token = tmp_path / "token.txt"
    token.write_text("sandbox-token\n", encoding="utf-8")
    assert run_cli(d, "init", "--centre", "34-001", "--workstation", "34-001-07", "--gateway", gateway,
                   "--token-file", str(token)).code == 0
    assert run_cli(d, "catalogue", "sync").code == 0
    add_user(d, "boss", "пароль-руководителя", name="Руководитель Р. Р.")
    add_user(d, "ivanova", "пароль-оператора", role="clerk", name="Иванова М. П.")
    return d


def show(ws, number):
    res = run_cli(ws, "show", number, "--json", operator="ivanova")
    assert res.code == 0, res.err
    return res.json()


def sync_until(ws, number, status, passes=15):
    app = show(ws, number)
    for _ in range(passes):
        if app["status"] == status:
            return app
        res = run_cli(ws, "sync", "--once")
        assert res.code == 0, res.err
        app = show(ws, number)
    assert app["status"] == status, app
    return app


def test_electronic_handover_result_from_the_gateway_issue_to_a_representative(ws, tmp_path):
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "passport.pdf").write_bytes(PDF)
    data = sample_application()
    data["documents"][0]["scans"] = ["scans/passport.pdf"]
    number = run_cli(ws, "apply", str(_write(tmp_path / "app.json", data)), operator="ivanova").json()["number"]
    app = show(ws, number)
    assert app["decided_by"] == "agency" and app["handover"] is None and app["storage_until"] is None

    early = run_cli(ws, "handover", number, operator="ivanova")
    assert early.code == 1 and "не направлены межведомственные запросы" in early.err
    assert run_cli(ws, "attach-scan", number, "passport", str(tmp_path / "app.json"), operator="ivanova").code == 1
    attached = run_cli(ws, "attach-scan", number, "passport", str(tmp_path / "scans" / "passport.pdf"),
                       operator="ivanova")
    assert attached.code == 0 and attached.json()["document"] == "passport"
    assert run_cli(ws, "decide", number, "--approve", operator="boss").code == 1  # the agency decides

    assert len(run_cli(ws, "request", number, operator="ivanova").json()) == 3
    sync_until(ws, number, "ready_for_handover")
    done = run_cli(ws, "handover", number, operator="ivanova")
    assert done.code == 0, done.err
    handed = done.json()
    assert handed["number"] == number and handed["status"] == "handed_over" and handed["case_id"]
    app = show(ws, number)
    assert app["handover"]["way"] == "electronic" and app["handover"]["case_id"] == handed["case_id"]
    assert app["handover"]["agency"] == "KSZN-34"

    app = sync_until(ws, number, "result_received")
    result = app["result"]
    assert result["source"] == "gateway" and result["document_number"] and result["signed_by"]
    assert result["approved"] is False and result["legal_ground"] == "income_over"  # odd СНИЛС check number
    assert app["storage_until"] == (date.fromisoformat(result["received_at"][:10]) + timedelta(days=30)).isoformat()
    types = [e["type"] for e in app["events"]]
    assert types.count("handed_over") == 1 and types.count("result_received") == 1

    expired = {**REPRESENTATIVE, "power_of_attorney": {**REPRESENTATIVE["power_of_attorney"],
                                                        "valid_until": "2026-02-01"}}
    refused = run_cli(ws, "issue", number, "--representative", str(_write(tmp_path / "old.json", expired)),
                      operator="ivanova")
    assert refused.code == 1 and "Доверенность истекла" in refused.err
    assert show(ws, number)["status"] == "result_received"
    ok = run_cli(ws, "issue", number, "--representative", str(_write(tmp_path / "rep.json", REPRESENTATIVE)),
                 operator="ivanova")
    assert ok.code == 0, ok.err
    app = show(ws, number)
    assert app["status"] == "issued" and app["issue"]["collector"] == "representative"
    text = run_cli(ws, "show", number, operator="ivanova").out
    assert "Результат ведомства: отказ" in text and "Выдано:" in text and "Петров Пётр Петрович" in text
    assert app["issue"]["representative"]["full_name"] == "Петров Пётр Петрович"
    assert app["issue"]["operator"] == "ivanova"
    final = run_cli(ws, "sync", "--once").json()
    assert final["pending"] == 0 and final["needs_attention"] == 0


def _queue_application(ws, tmp_path, name):
    data = sample_application(service="housing_queue", provided_by_applicant=QUEUE_KINDS, documents=[
        {"code": "passport", "original": True, "sheets": 1},
        {"code": "family_composition", "original": True, "sheets": 2}])
    res = run_cli(ws, "apply", str(_write(tmp_path / name, data)), operator="ivanova")
    assert res.code == 0, res.err
    return res.json()["number"]


def test_paper_register_result_issue_then_unclaimed_and_the_return_register(ws, tmp_path):
    collected, unclaimed = _queue_application(ws, tmp_path, "a.json"), _queue_application(ws, tmp_path, "b.json")
    today = date.today().isoformat()
    ready = run_cli(ws, "handover", collected, operator="ivanova")
    assert ready.code == 0 and ready.json()["case_id"] is None  # by register: handed over when printed
    assert show(ws, collected)["handover"] is None

    res = run_cli(ws, "print", "handover", "ADM-VLG", "--date", today, "-o", str(tmp_path / "h.pdf"),
                  operator="ivanova")
    assert res.code == 0, res.err
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    for number in (collected, unclaimed):
        app = show(ws, number)
        assert app["status"] == "handed_over" and app["handover"]["way"] == "register"
        assert app["handover"]["register_number"].endswith("-ADM-VLG-1")
    again = run_cli(ws, "print", "handover", "ADM-VLG", "--date", today, "-o", str(tmp_path / "h2.pdf"),
                    operator="ivanova")
    assert again.code == 1 and "Нет дел" in again.err  # each case in one register only
    register = show(ws, collected)["handover"]["register_number"]
    copy = run_cli(ws, "print", "register-copy", register, "-o", str(tmp_path / "h-copy.pdf"), operator="ivanova")
    assert copy.code == 0, copy.err
    assert show(ws, collected)["handover"]["register_number"] == register  # a copy hands nothing over again

    (tmp_path / "decision.pdf").write_bytes(PDF)
    res = run_cli(ws, "result", collected, "--approve", "--document-number", "15-р", "--document-date", today,
                  "--signed-by", "Сидоров С. С., заместитель главы", "--attach", str(tmp_path / "decision.pdf"),
                  operator="ivanova")
    assert res.code == 0, res.err
    app = show(ws, collected)
    assert app["status"] == "result_received"
    assert app["result"] == {**app["result"], "approved": True, "document_number": "15-р", "document_date": today,
                             "signed_by": "Сидоров С. С., заместитель главы", "source": "paper"}
    bad = run_cli(ws, "result", unclaimed, "--refuse", "--ground", "no_such", "--reason", "нет права",
                  "--document-number", "16-р", "--document-date", today, operator="ivanova")
    assert bad.code == 1 and show(ws, unclaimed)["status"] == "handed_over"
    assert run_cli(ws, "result", unclaimed, "--refuse", "--ground", "not_eligible", "--reason", "Нет права",
                   "--document-number", "16-р", "--document-date", today, operator="ivanova").code == 0
    assert run_cli(ws, "issue", collected, operator="ivanova").code == 0
    assert show(ws, collected)["issue"]["collector"] == "applicant"

    until = date.fromisoformat(show(ws, unclaimed)["storage_until"])
    assert until == date.today() + timedelta(days=60)  # housing_queue keeps results 60 days
    before = run_cli(ws, "unclaimed", "--as-of", (until - timedelta(days=1)).isoformat(), "--json",
                     operator="ivanova")
    assert before.code == 0 and before.json() == []
    listed = run_cli(ws, "unclaimed", "--as-of", until.isoformat(), "--json", operator="ivanova").json()
    assert [a["number"] for a in listed] == [unclaimed]
    res = run_cli(ws, "print", "return", "ADM-VLG", "--as-of", until.isoformat(), "-o", str(tmp_path / "r.pdf"),
                  operator="ivanova")
    assert res.code == 0, res.err
    app = show(ws, unclaimed)
    assert app["status"] == "returned_to_agency"
    assert [e["type"] for e in app["events"]][-1] == "returned_to_agency"
    assert run_cli(ws, "unclaimed", "--as-of", until.isoformat(), "--json", operator="ivanova").json() == []
    assert run_cli(ws, "issue", unclaimed, operator="ivanova").code == 1
