"""Уведомление о решении по заявлению (о предоставлении услуги или об отказе)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, Table, TableStyle

from clerk_app.documents.blocks import centre_header, key_value_table, signature_block
from clerk_app.documents.codes import qr_drawing
from clerk_app.documents.data import DecisionData
from clerk_app.documents.fonts import FONT_BOLD
from clerk_app.documents.formatting import fmt_date, fmt_datetime, short_name
from clerk_app.documents.pdfdoc import build_pdf, content_width
from clerk_app.documents.styles import (
    BODY, CELL, CELL_CENTER, CELL_HEAD, SECTION, SMALL, SUBTITLE, TITLE, esc, grid_style, markup, para,
    plain_style,
)

WIDTH = content_width()
COPY_MARK = "КОПИЯ"
DRAFT_MARK = "ЧЕРНОВИК"
APPEAL_NOTE = (
    "Решение может быть обжаловано в досудебном (внесудебном) порядке в соответствии с главой 2.1 "
    "Федерального закона от 27.07.2010 № 210-ФЗ «Об организации предоставления государственных и "
    "муниципальных услуг», а также в судебном порядке."
)


def render_decision(data: DecisionData, copy: bool = False, draft: bool = False) -> bytes:
    """The decision notice; ``copy`` stamps «КОПИЯ», ``draft`` watermarks «ЧЕРНОВИК»."""
    kind = "о предоставлении услуги" if data.approved else "об отказе в предоставлении услуги"

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if draft:
            _draw_draft_watermark(canvas, doc)
        if copy:
            _draw_copy_stamp(canvas, doc)

    return build_pdf(
        _story(data, kind),
        title=f"Уведомление {kind} по заявлению № {data.number}",
        author=data.centre.name,
        subject=data.service_name,
        on_page=decorate if (copy or draft) else None,
    )


def _story(data: DecisionData, kind: str) -> list[Flowable]:
    story: list[Flowable] = [
        centre_header(data.centre, WIDTH, qr_drawing(data.number, size=22 * mm), right_width=26 * mm),
        Spacer(1, 4 * mm),
        _addressee(data),
        Spacer(1, 5 * mm),
        para("УВЕДОМЛЕНИЕ", TITLE),
        para(kind, SUBTITLE),
        Spacer(1, 2 * mm),
        key_value_table(
            [
                ("Заявление", f"№ {data.number} от {fmt_datetime(data.registered_at)}"),
                ("Услуга", data.service_name),
                ("Орган, предоставляющий услугу", data.service_agency),
            ],
            WIDTH,
            key_width=58 * mm,
        ),
        Spacer(1, 3 * mm),
    ]
    if data.approved:
        story.append(markup(
            f"Уважаемый(ая) {esc(data.applicant.full_name)}! По результатам рассмотрения заявления "
            f"{fmt_date(data.decided_on)} принято решение <b>о предоставлении услуги</b> "
            f"«{esc(data.service_name)}».", BODY))
        if data.result_note:
            story.append(para(data.result_note, BODY))
    else:
        story.append(markup(
            f"Уважаемый(ая) {esc(data.applicant.full_name)}! По результатам рассмотрения заявления "
            f"{fmt_date(data.decided_on)} принято решение <b>об отказе в предоставлении услуги</b> "
            f"«{esc(data.service_name)}».", BODY))
        story.append(key_value_table(
            [("Причина отказа", data.refusal_reason), ("Правовое основание", data.refusal_ground or "—")],
            WIDTH, key_width=58 * mm,
        ))
        story.append(Spacer(1, 1 * mm))
        story.append(para(APPEAL_NOTE, SMALL))
    story += _answers_part(data)
    if data.override_note:
        story.append(para(data.override_note, SMALL))
    story += [
        Spacer(1, 4 * mm),
        KeepTogether([
            markup(f"Дата решения: <b>{fmt_date(data.decided_on)}</b>", BODY),
            markup(f"Специалист МФЦ: <b>{esc(data.operator_name)}</b>", BODY),
            signature_block([("Специалист МФЦ", short_name(data.operator_name))], WIDTH, with_date=False),
            Spacer(1, 2 * mm),
            para("М. П.", SMALL),
        ]),
    ]
    return story


def _addressee(data: DecisionData) -> Table:
    lines = [markup(f"Кому: <b>{esc(data.applicant.full_name)}</b>", BODY)]
    if data.applicant.address:
        lines.append(para(f"Адрес: {data.applicant.address}", BODY))
    if data.applicant.phone:
        lines.append(para(f"Телефон: {data.applicant.phone}", BODY))
    table = Table([["", lines]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
    table.setStyle(TableStyle(plain_style()))
    return table


def _answers_part(data: DecisionData) -> list[Flowable]:
    heading = para("Решение принято на основании следующих сведений", SECTION)
    if not data.answers:
        return [heading, para("Межведомственные запросы не направлялись: решение принято по документам, "
                              "представленным заявителем.", BODY)]
    rows: list[list] = [[para(h, CELL_HEAD) for h in ("№", "Орган (организация)", "Запрос", "Дата ответа", "Статус")]]
    for i, answer in enumerate(data.answers, start=1):
        rows.append([
            str(i), para(answer.agency, CELL), para(answer.kind_name, CELL),
            para(fmt_date(answer.answered_on) if answer.answered_on else "—", CELL_CENTER),
            para(answer.status, CELL),
        ])
    table = Table(rows, colWidths=[9 * mm, 44 * mm, WIDTH - 9 * mm - 44 * mm - 24 * mm - 32 * mm, 24 * mm, 32 * mm],
                  repeatRows=1)
    table.setStyle(TableStyle(grid_style() + [("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return [heading, table]


def _draw_copy_stamp(canvas: Canvas, doc: BaseDocTemplate) -> None:
    width, height = doc.pagesize
    box_w, box_h = 40 * mm, 9 * mm  # in the top margin, centred
    x, y = (width - box_w) / 2, height - 4 * mm - box_h
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#B00020"))
    canvas.setFillColor(colors.HexColor("#B00020"))
    canvas.setLineWidth(1.5)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
    canvas.setFont(FONT_BOLD, 16)
    canvas.drawCentredString(x + box_w / 2, y + 2.6 * mm, COPY_MARK)
    canvas.restoreState()


def _draw_draft_watermark(canvas: Canvas, doc: BaseDocTemplate) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.35))
    canvas.setFont(FONT_BOLD, 96)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -30, DRAFT_MARK)
    canvas.restoreState()
