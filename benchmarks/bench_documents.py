"""Time the document renderers: one receipt (median of N) and a 1,000-line intake register.

Run: .venv/bin/python benchmarks/bench_documents.py [--receipts 50] [--lines 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clerk_app.documents import (  # noqa: E402
    ApplicantInfo, CentreInfo, IntakeRegisterData, IntakeRegisterRow, PlannedRequest, ReceiptData,
    ReceivedDocument, render_intake_register, render_receipt,
)

CENTRE = CentreInfo("МФЦ (тестовый филиал)", "400066, г. Волгоград, ул. Тестовая, д. 1", "+7 (8442) 00-00-00")
DAY = date(2026, 11, 26)


def receipt() -> ReceiptData:
    return ReceiptData(
        centre=CENTRE, number="34-001-07-2026-000123", registered_at=datetime(2026, 11, 26, 9, 10),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=50)
    parser.add_argument("--lines", type=int, default=1000)
    args = parser.parse_args()

    data = receipt()
    render_receipt(data)  # warm-up: font parsing, imports
    times = []
    for _ in range(args.receipts):
        t0 = time.perf_counter()
        pdf = render_receipt(data)
        times.append(time.perf_counter() - t0)
    print(f"receipt: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
          f"over {args.receipts} renders, {len(pdf) // 1024} KiB")

    reg = register(args.lines)
    t0 = time.perf_counter()
    pdf = render_intake_register(reg)
    elapsed = time.perf_counter() - t0
    pages = pdf.count(b"/Type /Page\n")
    print(f"intake register: {args.lines} lines in {elapsed * 1000:.0f} ms, {pages} pages, {len(pdf) // 1024} KiB")


if __name__ == "__main__":
    main()
