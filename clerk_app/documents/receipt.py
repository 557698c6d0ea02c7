"""Расписка в приёме документов."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from clerk_app.documents.agency_data import IssueNote
from clerk_app.documents.codes import code128_drawing, qr_drawing
from clerk_app.documents.issue_note import issue_note_block
from clerk_app.documents.data import ReceiptData
from clerk_app.documents.fonts import FONT, FONT_BOLD
from clerk_app.documents.formatting import count_documents, count_sheets, fmt_date, fmt_datetime, short_name
from clerk_app.documents.pdfdoc import build_pdf, content_width
from clerk_app.documents.blocks import centre_header, key_value_table, signature_block
from clerk_app.documents.styles import (
    BODY, BODY_BOLD, CELL, CELL_CENTER, CELL_HEAD, MUTED, SECTION, SMALL, SMALL_RIGHT, SUBTITLE, TITLE, esc, grid_style,
    markup, para, plain_style,
)

COPY_LABELS = ("Экземпляр заявителя", "Экземпляр для дела")
WIDTH = content_width()
SIGN_INTRO = ParagraphStyle("sign_intro", parent=BODY, spaceBefore=4)
CONSENT = ParagraphStyle("consent", parent=SMALL, fontSize=7, leading=8.6)


def render_receipt(data: ReceiptData, copies: int = 1, issue: IssueNote | None = None,
                   centre_copy_only: bool = False) -> bytes:
    """The receipt; ``copies=2`` adds «Экземпляр для дела» on a new page; ``centre_copy_only`` prints only
    that copy. ``issue`` notes on the centre's copy who collected the result."""
    if copies not in (1, 2):
        raise ValueError("copies must be 1 or 2")
    story: list[Flowable] = []
    indexes = [1] if centre_copy_only else list(range(copies))
    for index in indexes:
        if story:
            story.append(PageBreak())
        story += [_CopyStart(COPY_LABELS[index]), *_receipt_story(data, COPY_LABELS[index])]
        if index == 1 and issue is not None:
            story += issue_note_block(issue, WIDTH)
    continued = f"Расписка № {data.number} от {fmt_date(data.registered_at)} (продолжение)"

    def mark_continuation(canvas: Canvas, doc: BaseDocTemplate) -> None:
        label, first_page = getattr(canvas, "_receipt_copy", ("", canvas.getPageNumber()))
        if canvas.getPageNumber() != first_page:
            width, height = doc.pagesize
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(doc.leftMargin, height - 10 * mm, f"{continued}. {label}")
            canvas.restoreState()

    return build_pdf(
        story,
        title=f"Расписка в приёме документов № {data.number}",
        author=data.centre.name,
        subject=data.service_name,
        on_page_end=mark_continuation,
    )


class _CopyStart(Flowable):
    """Invisible marker: records on the canvas where a copy of the receipt begins."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._receipt_copy = (self.label, self.canv.getPageNumber())


def _receipt_story(data: ReceiptData, copy_label: str) -> list[Flowable]:
    qr = qr_drawing(data.number, size=26 * mm)
    barcode = Table(
        [[code128_drawing(data.number, height=9 * mm)]],
        colWidths=[WIDTH], style=TableStyle(plain_style() + [("ALIGN", (0, 0), (-1, -1), "CENTER")]),
    )
    story: list[Flowable] = [
        markup(f"<b>{esc(copy_label)}</b>", SMALL_RIGHT),
        centre_header(data.centre, WIDTH, qr),
        Spacer(1, 2 * mm),
        para("РАСПИСКА в приёме документов", TITLE),
        markup(
            f"Заявление № <b>{esc(data.number)}</b> зарегистрировано {fmt_datetime(data.registered_at)}",
            SUBTITLE,
        ),
        barcode,
        Spacer(1, 2 * mm),
        key_value_table(
            [
                ("Заявитель", data.applicant.full_name),
                ("Контактный телефон", data.applicant.phone),
                ("Адрес", data.applicant.address),
                ("Услуга", data.service_name),
                ("Орган, предоставляющий услугу", data.service_agency),
            ],
            WIDTH,
            key_width=58 * mm,
        ),
        para("Приняты документы", SECTION),
        _documents_table(data),
        Spacer(1, 2 * mm),
        markup(f"Срок предоставления результата: <b>до {fmt_date(data.due_date)}</b> (включительно).", BODY),
        markup(f"Место получения результата: {esc(data.collect_at)}.", BODY),
    ]
    story += _requests_part(data)
    story += [
        Spacer(1, 1 * mm),
        KeepTogether([
            markup(f"Документы принял(а): <b>{esc(data.operator_name)}</b>", SIGN_INTRO),
            signature_block(
                [("Документы принял(а)", short_name(data.operator_name)),
                 ("Расписку получил(а)", short_name(data.applicant.full_name))],
                WIDTH,
            ),
        ]),
        KeepTogether(_consent(data)),
    ]
    return story


def _documents_table(data: ReceiptData) -> Table:
    rows: list[list] = [[para("№", CELL_HEAD), para("Наименование документа", CELL_HEAD),
                         para("Подлинник / копия", CELL_HEAD), para("Листов", CELL_HEAD)]]
    for i, doc in enumerate(data.documents, start=1):
        rows.append([str(i), para(doc.name, CELL), para("подлинник" if doc.original else "копия", CELL_CENTER),
                     str(doc.sheets)])
    total_sheets = sum(d.sheets for d in data.documents)
    originals = sum(1 for d in data.documents if d.original)
    summary = (f"Итого: {count_documents(len(data.documents))} "
               f"(подлинников: {originals}, копий: {len(data.documents) - originals})")
    rows.append(["", para(summary, BODY_BOLD), "", para(count_sheets(total_sheets), CELL_HEAD)])
    table = Table(rows, colWidths=[10 * mm, WIDTH - 66 * mm, 36 * mm, 20 * mm], repeatRows=1)
    style = grid_style() + [
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ("SPAN", (1, -1), (2, -1)),
        ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
    ]
    table.setStyle(TableStyle(style))
    return table


def _requests_part(data: ReceiptData) -> list[Flowable]:
    if not data.requests:
        return [para("Межведомственные запросы по заявлению не требуются.", SECTION)]
    rows: list[list] = [[para("№", CELL_HEAD), para("Запрашиваемые сведения", CELL_HEAD),
                         para("Орган (организация)", CELL_HEAD)]]
    for i, req in enumerate(data.requests, start=1):
        rows.append([str(i), para(req.kind_name, CELL), para(req.agency, CELL)])
    table = Table(rows, colWidths=[10 * mm, (WIDTH - 10 * mm) * 0.55, (WIDTH - 10 * mm) * 0.45], repeatRows=1)
    table.setStyle(TableStyle(grid_style() + [("ALIGN", (0, 1), (0, -1), "CENTER")]))
    return [
        para("Сведения, которые центр запросит самостоятельно", SECTION),
        para(
            "Запрашиваются в порядке межведомственного взаимодействия (Федеральный закон от 27.07.2010 "
            "№ 210-ФЗ); заявитель вправе представить эти сведения по собственной инициативе.",
            SMALL,
        ),
        Spacer(1, 1 * mm),
        table,
    ]


def _consent(data: ReceiptData) -> list[Flowable]:
    text = (
        f"Я, {esc(data.applicant.full_name)}, в соответствии со статьёй 9 Федерального закона от 27.07.2006 "
        f"№ 152-ФЗ «О персональных данных» даю согласие {esc(data.centre.name)} (адрес: {esc(data.centre.address)}) "
        "и органам (организациям), участвующим в предоставлении услуги, на обработку моих персональных данных, "
        "указанных в заявлении и представленных документах (фамилия, имя, отчество, дата рождения, паспортные "
        "данные, СНИЛС, ИНН, адрес, контактный телефон и иные сведения), а именно на их сбор, запись, "
        "систематизацию, накопление, хранение, уточнение, извлечение, использование, передачу (предоставление, "
        "доступ), обезличивание, блокирование, удаление и уничтожение, с использованием средств автоматизации и "
        f"без них, в целях предоставления услуги «{esc(data.service_name)}». Согласие действует до достижения "
        "целей обработки и хранения документов в сроки, установленные законодательством, и может быть отозвано "
        "мной письменным заявлением; отзыв не влияет на обработку, проведённую до его получения."
    )
    return [
        para("Согласие на обработку персональных данных", SECTION),
        markup(text, CONSENT),
        signature_block([("Заявитель", short_name(data.applicant.full_name))], WIDTH),
    ]
