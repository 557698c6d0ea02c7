"""Реестр принятых заявлений за день."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.documents.blocks import signature_block
from clerk_app.documents.data import IntakeRegisterData
from clerk_app.documents.fonts import FONT_BOLD
from clerk_app.documents.formatting import count_applications, fmt_date, fmt_datetime, fmt_time, short_name
from clerk_app.documents.register_common import REG_CELL, WIDTH, build_register_pdf, reg_cell, register_table
from clerk_app.documents.styles import BODY, BODY_BOLD, CENTRE_NAME, SECTION, SUBTITLE, TITLE, esc, markup, para

HEADERS = ("№ п/п", "Номер заявления", "Время", "Заявитель", "Услуга", "Док.", "Срок", "Оператор")
_FIXED = (11 * mm, 37 * mm, 14 * mm, 47 * mm, 0.0, 14 * mm, 19 * mm, 32 * mm)
COL_WIDTHS = tuple(w or WIDTH - sum(_FIXED) for w in _FIXED)


def render_intake_register(data: IntakeRegisterData) -> bytes:
    """Every application of ``data.day``, one line each, with totals per service."""
    day = fmt_date(data.day)
    title = f"Реестр принятых заявлений за {day}"
    return build_register_pdf(_story(data, day), title, data.centre.name)


def _story(data: IntakeRegisterData, day: str) -> list[Flowable]:
    story: list[Flowable] = [
        para(data.centre.name, CENTRE_NAME),
        para(f"{data.centre.address}, тел. {data.centre.phone}", BODY),
        Spacer(1, 3 * mm),
        para("РЕЕСТР", TITLE),
        para(f"принятых заявлений за {day}", SUBTITLE),
    ]
    rows = sorted(data.rows, key=lambda r: (r.registered_at, r.number))
    if rows:
        body = [
            [str(i), r.number, fmt_time(r.registered_at), reg_cell(r.applicant_name, COL_WIDTHS[3]),
             reg_cell(r.service_name, COL_WIDTHS[4]), str(r.documents_count), fmt_date(r.due_date),
             reg_cell(r.operator_name, COL_WIDTHS[7])]
            for i, r in enumerate(rows, start=1)
        ]
        centred = [("ALIGN", (c, 1), (c, -1), "CENTER") for c in (0, 2, 5, 6)]
        story.append(register_table(HEADERS, body, COL_WIDTHS, centred))
    else:
        story.append(para("За этот день заявления не принимались.", BODY))
    story += [Spacer(1, 5 * mm), *_totals(data)]
    story += [
        Spacer(1, 6 * mm),
        KeepTogether([
            markup(f"Реестр сформирован {fmt_datetime(data.compiled_at)}, составил(а): "
                   f"<b>{esc(data.compiled_by)}</b>", BODY),
            signature_block([("Реестр составил(а)", short_name(data.compiled_by))], WIDTH * 0.75),
        ]),
    ]
    return story


def _totals(data: IntakeRegisterData) -> list[Flowable]:
    applications: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for r in data.rows:
        applications[r.service_name] += 1
        documents[r.service_name] += r.documents_count
    body: list[list] = [
        [para(service, REG_CELL), str(applications[service]), str(documents[service])]
        for service in sorted(applications)
    ]
    body.append([para("Всего", BODY_BOLD), str(len(data.rows)), str(sum(documents.values()))])
    widths = (WIDTH * 0.6, 30 * mm, 30 * mm)
    style = [("ALIGN", (1, 1), (-1, -1), "CENTER"), ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD)]
    table = register_table(("Услуга", "Заявлений", "Документов"), body, widths, style)
    heading = markup(f"Итого по услугам: {count_applications(len(data.rows))}", SECTION)
    return [KeepTogether([heading, table])] if len(body) < 30 else [heading, table]
