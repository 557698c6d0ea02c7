"""Уведомление об отказе в приёме документов, необходимых для предоставления услуги."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.documents.agency_data import IntakeRefusalData
from clerk_app.documents.blocks import centre_header, key_value_table, signature_block
from clerk_app.documents.codes import qr_drawing
from clerk_app.documents.formatting import fmt_date, fmt_datetime, short_name
from clerk_app.documents.pdfdoc import build_pdf, content_width
from clerk_app.documents.styles import BODY, SECTION, SMALL, SUBTITLE, TITLE, esc, markup, para

WIDTH = content_width()
APPEAL_NOTE = (
    "Отказ в приёме документов может быть обжалован в досудебном (внесудебном) порядке в соответствии с "
    "главой 2.1 Федерального закона от 27.07.2010 № 210-ФЗ «Об организации предоставления государственных и "
    "муниципальных услуг», а также в судебном порядке. Отказ не препятствует повторному обращению после "
    "устранения его причины."
)


def render_intake_refusal(data: IntakeRefusalData) -> bytes:
    return build_pdf(
        _story(data),
        title=f"Уведомление об отказе в приёме документов по заявлению № {data.number}",
        author=data.centre.name,
        subject=data.service_name,
    )


def _story(data: IntakeRefusalData) -> list[Flowable]:
    story: list[Flowable] = [
        centre_header(data.centre, WIDTH, qr_drawing(data.number, size=22 * mm), right_width=26 * mm),
        Spacer(1, 4 * mm),
        markup(f"Кому: <b>{esc(data.applicant.full_name)}</b>", BODY),
        Spacer(1, 4 * mm),
        para("УВЕДОМЛЕНИЕ", TITLE),
        para("об отказе в приёме документов, необходимых для предоставления услуги", SUBTITLE),
        Spacer(1, 2 * mm),
        key_value_table(
            [
                ("Обращение", f"№ {data.number} от {fmt_datetime(data.registered_at)}"),
                ("Услуга", data.service_name),
                ("Орган, предоставляющий услугу", data.service_agency),
            ],
            WIDTH, key_width=58 * mm,
        ),
        Spacer(1, 3 * mm),
        markup(f"Уважаемый(ая) {esc(data.applicant.full_name)}! {fmt_date(data.refused_at)} Вам отказано "
               f"<b>в приёме документов</b>, необходимых для предоставления услуги «{esc(data.service_name)}».",
               BODY),
        key_value_table([("Правовое основание", data.ground), ("Причина отказа", data.reason)],
                        WIDTH, key_width=58 * mm),
    ]
    if data.documents:
        story.append(para("Заявителю возвращены документы", SECTION))
        story += [para(f"{i}. {name}", BODY) for i, name in enumerate(data.documents, start=1)]
    story += [
        Spacer(1, 2 * mm),
        para(APPEAL_NOTE, SMALL),
        Spacer(1, 4 * mm),
        KeepTogether([
            markup(f"Специалист МФЦ: <b>{esc(data.operator_name)}</b>", BODY),
            signature_block([("Специалист МФЦ", short_name(data.operator_name)),
                             ("Уведомление получил(а)", short_name(data.applicant.full_name))], WIDTH),
        ]),
    ]
    return story
