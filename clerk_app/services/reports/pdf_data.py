"""The report mapped into the PDF renderer's data (clerk_app.documents.report)."""

from __future__ import annotations

from clerk_app.documents.report import ReportPdfData, ReportTable
from clerk_app.services.reports.figures import ALL_KEYS, SHORT_TITLES, TITLES
from clerk_app.services.reports.formats import cell_text
from clerk_app.services.reports.query import GROUP_RU, Report

_SPLIT = ALL_KEYS.index("issued")
TABLE_KEYS = (ALL_KEYS[:_SPLIT], ALL_KEYS[_SPLIT:])
OVERDUE_CAUSES = (("overdue_agency", "Ждут результата ведомства"), ("overdue_requests", "Ждут ответа на запрос"),
                  ("overdue_centre", "За МФЦ"))

LEGEND = ("«Принято» — заявления, зарегистрированные в периоде (даты по местному времени, включительно); остальные "
          "показатели — события этих заявлений, случившиеся в периоде. «Просрочено» и «Невостребовано» — на конец "
          "периода (или на сегодня). «Передано поздно» — позже рабочего дня, следующего за днём готовности дела "
          "(получения последнего ответа). «Результат поздно» — результат или решение позже срока заявления; по вине "
          "МФЦ, если дело передано поздно или решение за МФЦ. «Дней до выдачи» — календарные дни от регистрации до "
          "выдачи: среднее и 90-й процентиль.")


def pdf_data(report: Report, centre: str, author: str) -> ReportPdfData:
    group = GROUP_RU[report.by]
    tables = tuple(ReportTable(
        headers=(group, *(SHORT_TITLES[k] for k in keys)),
        rows=tuple((r.name, *(cell_text(r.values[k]) for k in keys)) for r in report.rows),
        total=("Итого", *(cell_text(report.total[k]) for k in keys)),
    ) for keys in TABLE_KEYS)
    by_size = sorted(report.rows, key=lambda r: -r.values["accepted"])
    p = report.period
    return ReportPdfData(
        centre_name=centre,
        title="Отчёт о работе МФЦ",
        subtitle=f"за период с {p.start:%d.%m.%Y} по {p.end:%d.%m.%Y}, по группам: {group.lower()}"
                 + (f"; составил {author}" if author else ""),
        totals=tuple((TITLES[k], cell_text(report.total[k]) or "—") for k in ALL_KEYS),
        tables=tables,
        groups_chart=tuple((r.name, r.values["accepted"], r.values["issued"]) for r in by_size),
        overdue_chart=tuple((name, report.total[k]) for k, name in OVERDUE_CAUSES),
        requests_chart=tuple((a["name"], a["sent"], a["answered"], a["late"]) for a in report.requests_by_agency),
        group_title=group,
        legend=LEGEND,
    )
