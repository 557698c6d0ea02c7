"""The supervisor's report as a PDF: totals, charts and the table (landscape A4, embedded fonts)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from clerk_app.documents.register_common import WIDTH, build_register_pdf
from clerk_app.documents.report_charts import bar_chart, pie_chart
from reportlab.lib.styles import ParagraphStyle

from clerk_app.documents.styles import CELL_HEAD, SECTION, SMALL, SUBTITLE, TITLE, grid_style, para, plain_style

HEAD = ParagraphStyle("report_head", parent=CELL_HEAD, fontSize=6.5, leading=8)


@dataclass(frozen=True)
class ReportTable:
    """One table of the report: the first column names the group, the others are figures."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]


@dataclass(frozen=True)
class ReportPdfData:
    centre_name: str
    title: str
    subtitle: str
    totals: tuple[tuple[str, str], ...]  # (figure, total) pairs
    tables: tuple[ReportTable, ...]
    groups_chart: tuple[tuple[str, int, int], ...]  # (group, accepted, issued), largest first
    overdue_chart: tuple[tuple[str, int], ...]
    requests_chart: tuple[tuple[str, int, int, int], ...]  # (agency, sent, answered, late)
    group_title: str
    legend: str  # what the figures count, under each table


def _totals_table(totals: tuple[tuple[str, str], ...]) -> Table:
    half = (len(totals) + 1) // 2
    left, right = totals[:half], totals[half:] + (("", ""),) * (half - len(totals[half:]))
    data = [[a, b, c, d] for (a, b), (c, d) in zip(left, right, strict=True)]
    table = Table(data, colWidths=[WIDTH * 0.33, WIDTH * 0.1, WIDTH * 0.33, WIDTH * 0.1], hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(header_rows=0) + [("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                                            ("ALIGN", (3, 0), (3, -1), "RIGHT")]))
    return table


def _figures_table(t: ReportTable) -> Table:
    name_w = 50 * mm
    num_w = (WIDTH - name_w) / (len(t.headers) - 1)
    rows = [[para(r[0]), *r[1:]] for r in t.rows] + [[para("Итого"), *t.total[1:]]]
    extra = [("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("LINEABOVE", (0, -1), (-1, -1), 1.2, "black"),
             ("LEFTPADDING", (0, 0), (-1, 0), 1), ("RIGHTPADDING", (0, 0), (-1, 0), 1)]
    data = [[para(h, HEAD) for h in t.headers], *rows]
    table = Table(data, colWidths=[name_w] + [num_w] * (len(t.headers) - 1), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style(font_size=7.5) + extra))
    return table


def render_report(data: ReportPdfData) -> bytes:
    chart_w = (WIDTH - 10 * mm) / 3
    chart_h = 62 * mm
    groups = data.groups_chart[:8]
    charts = Table([[
        bar_chart(f"Принято и выдано: {data.group_title.lower()} (первые {len(groups)})", [g[0] for g in groups],
                  [("Принято", [g[1] for g in groups]), ("Выдано", [g[2] for g in groups])], chart_w, chart_h),
        pie_chart("Просроченные открытые дела по причинам", data.overdue_chart, chart_w, chart_h),
        bar_chart("Межведомственные запросы по ведомствам", [r[0] for r in data.requests_chart[:8]],
                  [("Направлено", [r[1] for r in data.requests_chart[:8]]),
                   ("Получено ответов", [r[2] for r in data.requests_chart[:8]]),
                   ("С опозданием", [r[3] for r in data.requests_chart[:8]])], chart_w, chart_h),
    ]], colWidths=[chart_w + 5 * mm] * 3, hAlign="LEFT", style=TableStyle(plain_style()))
    story = [para(data.centre_name, SUBTITLE), para(data.title, TITLE), para(data.subtitle, SUBTITLE),
             para("Итоги за период", SECTION), _totals_table(data.totals), Spacer(1, 4 * mm), charts]
    for table in data.tables:
        story += [PageBreak(), para(f"{data.title}: {data.subtitle}", SECTION), _figures_table(table),
                  Spacer(1, 3 * mm), para(data.legend, SMALL)]
    return build_register_pdf(story, data.title, data.centre_name)
