"""Time the document renderers beside bare reportlab with the same content and the same TTF
(benchmarks/bare_documents.py): one receipt (median of N) and a 1,000-line intake register.
Prints both medians, their ratio, and whether both PDFs hold the same words (pdftotext).

Run: .venv/bin/python benchmarks/bench_documents.py [--receipts 30] [--lines 1000] [--registers 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bare_documents as bare  # noqa: E402

from clerk_app.documents import (  # noqa: E402
    ApplicantInfo, CentreInfo, IntakeRegisterData, IntakeRegisterRow, PlannedRequest, ReceiptData,
    ReceivedDocument, render_intake_register, render_receipt,
)

CENTRE = CentreInfo("МФЦ (тестовый филиал)", "400066, г. Волгоград, ул. Тестовая, д. 1", "+7 (8442) 00-00-00")
DAY = date(2026, 11, 26)


def receipt(seq: int = 123) -> ReceiptData:
    """A receipt; each run gets its own number, so no cache of a QR code flatters a figure."""
    return ReceiptData(
        centre=CENTRE, number=f"34-001-07-2026-{seq:06d}", registered_at=datetime(2026, 11, 26, 9, 10),
        applicant=ApplicantInfo("Иванова Мария Петровна", "+7 917 123-45-67", "г. Волгоград, ул. Мира, д. 1, кв. 2"),
        service_name="Предоставление субсидии на оплату жилого помещения и коммунальных услуг",
        service_agency="Комитет социальной защиты населения",
        documents=tuple(ReceivedDocument(f"Документ {i}", i % 2 == 0, i) for i in range(1, 6)),
        due_date=date(2026, 12, 10), collect_at="в МФЦ, окно выдачи", operator_name="Петров Сергей Иванович",
        requests=(PlannedRequest("Выписка из ЕГРН", "Росреестр"), PlannedRequest("Сведения о регистрации", "МВД")),
    )


def register(lines: int) -> IntakeRegisterData:
    start = datetime(2026, 11, 26, 8, 0)
    services = ("Субсидия на оплату ЖКУ", "Регистрация прав на недвижимость", "Ежемесячная выплата на ребёнка")
    rows = tuple(
        IntakeRegisterRow(f"34-001-07-2026-{i:06d}", start + timedelta(seconds=40 * i), "Иванова Мария Петровна",
                          services[i % 3], 1 + i % 6, DAY + timedelta(days=10), "Петров С. И.")
        for i in range(1, lines + 1)
    )
    return IntakeRegisterData(CENTRE, DAY, rows, datetime(2026, 11, 26, 20, 0), "Петров Сергей Иванович")


def timed(render, data, repeats: int) -> tuple[list[float], bytes]:
    times, pdf = [], b""
    for _ in range(repeats):
        t0 = time.perf_counter()
        pdf = render(data)
        times.append(time.perf_counter() - t0)
    return times, pdf


def words(pdf: bytes) -> list[str] | None:
    """The words of the PDF's text layer (pdftotext), sorted; None without poppler."""
    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return sorted(out.decode("utf-8").split())


def compare(name: str, ours: list[float], bare: list[float], pdf: bytes, bare_pdf: bytes) -> None:
    o, b = statistics.median(ours), statistics.median(bare)
    same = words(pdf) == words(bare_pdf) if words(pdf) is not None else "pdftotext missing"
    fonts = b"/FontFile2" in pdf and b"/FontFile2" in bare_pdf
    print(f"{name:<16} clerk_app median {o * 1000:7.1f} ms | bare reportlab median {b * 1000:7.1f} ms | "
          f"ratio {o / b:4.2f}x | over {len(ours)} runs, {pdf.count(b'/Type /Page' + bytes([10]))} pages, "
          f"{len(pdf) // 1024} KiB vs {len(bare_pdf) // 1024} KiB; same words: {same}; TTF embedded: {fonts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=30)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--registers", type=int, default=3)
    args = parser.parse_args()

    reg = register(args.lines)
    for render in (render_receipt, bare.receipt):
        render(receipt(1))  # warm-up: font parsing, imports
    ours, bare_times, pdf, bare_pdf = [], [], b"", b""
    for i in range(args.receipts):  # interleaved, so that load on the machine hits both alike
        data = receipt(1000 + i)
        t, pdf = timed(render_receipt, data, 1)
        tb, bare_pdf = timed(bare.receipt, data, 1)
        ours += t
        bare_times += tb
    compare("receipt", ours, bare_times, pdf, bare_pdf)
    ours, bare_times = [], []
    for _ in range(args.registers):
        t, pdf = timed(render_intake_register, reg, 1)
        tb, bare_pdf = timed(bare.intake_register, reg, 1)
        ours += t
        bare_times += tb
    compare(f"register {args.lines}", ours, bare_times, pdf, bare_pdf)


if __name__ == "__main__":
    main()
