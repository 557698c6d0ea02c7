"""Реестр возврата невостребованных результатов в орган, предоставляющий услугу."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.documents.agency_data import ReturnRegisterData
from clerk_app.documents.blocks import signature_block
from clerk_app.documents.fonts import FONT_BOLD
from clerk_app.documents.formatting import fmt_date, fmt_datetime, plural, short_name
from clerk_app.documents.register_common import REG_CELL, WIDTH, build_register_pdf, register_table
from clerk_app.documents.styles import BODY, BODY_BOLD, CENTRE_NAME, SECTION, SUBTITLE, TITLE, markup, para

HEADERS = ("№ п/п", "Номер заявления", "Дата рег.", "Заявитель", "Услуга", "Результат (№, дата)", "Хранился до")
_FIXED = (11 * mm, 37 * mm, 20 * mm, 55 * mm, 0.0, 38 * mm, 22 * mm)
COL_WIDTHS = tuple(w or WIDTH - sum(_FIXED) for w in _FIXED)


def render_return_register(data: ReturnRegisterData) -> bytes:
    title = f"Реестр № {data.register_number} возврата невостребованных результатов в {data.agency}"
    return build_register_pdf(_story(data), title, data.centre.name)


def _story(data: ReturnRegisterData) -> list[Flowable]:
    story: list[Flowable] = [
        para(data.centre.name, CENTRE_NAME),
        para(f"{data.centre.address}, тел. {data.centre.phone}", BODY),
        Spacer(1, 3 * mm),
        para(f"РЕЕСТР № {data.register_number}", TITLE),
        para(f"возврата невостребованных результатов предоставления услуг в {data.agency}", SUBTITLE),
        para(f"от {fmt_date(data.compiled_at)}", SUBTITLE),
    ]
    rows = sorted(data.rows, key=lambda r: (r.registered_at, r.number))
    body: list[list] = [
        [str(i), r.number, fmt_date(r.registered_at), para(r.applicant_name, REG_CELL), para(r.service_name, REG_CELL),
         para(f"№ {r.result_number} от {fmt_date(r.result_date)}", REG_CELL), fmt_date(r.storage_until)]
        for i, r in enumerate(rows, start=1)
    ]
    body.append(["", para("Итого", BODY_BOLD), "", "", "", str(len(rows)), ""])
    style: list[tuple] = [("ALIGN", (c, 1), (c, -1), "CENTER") for c in (0, 2, 6)]
    style += [("FONTNAME", (0, -1), (-1, -1), FONT_BOLD), ("SPAN", (1, -1), (4, -1))]
    story.append(register_table(HEADERS, body, COL_WIDTHS, style))
    results = plural(len(rows), "результат", "результата", "результатов")
    story += [
        Spacer(1, 4 * mm),
        KeepTogether([
            markup(f"Всего возвращено: <b>{len(rows)} {results}</b>, не полученных заявителями "
                   "в течение срока хранения.", BODY),
            para(f"Реестр сформирован {fmt_datetime(data.compiled_at)}.", BODY),
            para("Передал", SECTION),
            para(data.centre.name, BODY),
            signature_block([("Специалист МФЦ", short_name(data.sender_name))], WIDTH * 0.75),
            para("Принял", SECTION),
            para(data.agency, BODY),
            signature_block([("Представитель органа", short_name(data.receiver_name) if data.receiver_name else "")],
                            WIDTH * 0.75),
        ]),
    ]
    return story
