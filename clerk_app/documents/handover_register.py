"""Реестр передачи дел в орган, предоставляющий услугу."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.documents.blocks import signature_block
from clerk_app.documents.data import HandoverRegisterData
from clerk_app.documents.fonts import FONT_BOLD
from clerk_app.documents.formatting import count_documents, fmt_date, fmt_datetime, plural, short_name
from clerk_app.documents.register_common import REG_CELL, WIDTH, build_register_pdf, register_table
from clerk_app.documents.styles import BODY, BODY_BOLD, CENTRE_NAME, SECTION, SUBTITLE, TITLE, markup, para

HEADERS = ("№ п/п", "Номер заявления", "Дата рег.", "Заявитель", "Услуга", "Док.", "Листов")
_FIXED = (11 * mm, 37 * mm, 20 * mm, 55 * mm, 0.0, 16 * mm, 16 * mm)
COL_WIDTHS = tuple(w or WIDTH - sum(_FIXED) for w in _FIXED)


def render_handover_register(data: HandoverRegisterData) -> bytes:
    """The files handed over to ``data.agency``, with signature lines."""
    title = f"Реестр передачи дел в {data.agency}"
    if data.register_number:
        title = f"Реестр № {data.register_number} передачи дел в {data.agency}"
    return build_register_pdf(_story(data), title, data.centre.name)


def _story(data: HandoverRegisterData) -> list[Flowable]:
    number = f" № {data.register_number}" if data.register_number else ""
    story: list[Flowable] = [
        para(data.centre.name, CENTRE_NAME),
        para(f"{data.centre.address}, тел. {data.centre.phone}", BODY),
        Spacer(1, 3 * mm),
        para(f"РЕЕСТР{number}", TITLE),
        para(f"передачи дел в {data.agency}", SUBTITLE),
        para(f"от {fmt_date(data.compiled_at)}", SUBTITLE),
    ]
    rows = sorted(data.rows, key=lambda r: (r.registered_at, r.number))
    total_docs = sum(r.documents_count for r in rows)
    total_sheets = sum(r.sheets for r in rows)
    body: list[list] = [
        [str(i), r.number, fmt_date(r.registered_at), para(r.applicant_name, REG_CELL), para(r.service_name, REG_CELL),
         str(r.documents_count), str(r.sheets)]
        for i, r in enumerate(rows, start=1)
    ]
    body.append(["", para("Итого", BODY_BOLD), "", "", "", str(total_docs), str(total_sheets)])
    style: list[tuple] = [("ALIGN", (c, 1), (c, -1), "CENTER") for c in (0, 2, 5, 6)]
    style += [("FONTNAME", (0, -1), (-1, -1), FONT_BOLD), ("SPAN", (1, -1), (4, -1))]
    story.append(register_table(HEADERS, body, COL_WIDTHS, style))
    cases = plural(len(rows), "дело", "дела", "дел")
    story += [
        Spacer(1, 4 * mm),
        KeepTogether([
            markup(f"Всего передано: <b>{len(rows)} {cases}</b>, {count_documents(total_docs)} "
                   f"на {_on_sheets(total_sheets)}.", BODY),
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


def _on_sheets(n: int) -> str:
    return f"{n} {plural(n, 'листе', 'листах', 'листах')}"
