"""The bare-reportlab baseline of bench_documents.py: the same text, the same DejaVu TTF, the same tables,
QR and barcode, written the plain way (styles made once, plain strings in table cells, reportlab's own
QrCodeWidget, a canvas that numbers the pages). It imports nothing from clerk_app but the font path.
"""

from __future__ import annotations

import io
from collections import Counter

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.barcode.widgets import BarcodeCode128
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clerk_app.resources_path import resource_path

pdfmetrics.registerFont(TTFont("BareSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
pdfmetrics.registerFont(TTFont("BareSans-Bold", str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
pdfmetrics.registerFontFamily("BareSans", normal="BareSans", bold="BareSans-Bold", italic="BareSans",
                              boldItalic="BareSans-Bold")
F, FB = "BareSans", "BareSans-Bold"
M = 15 * mm
BODY = ParagraphStyle("b", fontName=F, fontSize=9.5, leading=11.5, spaceAfter=2)
BOLD = ParagraphStyle("bb", parent=BODY, fontName=FB)
TITLE = ParagraphStyle("t", fontName=FB, fontSize=13, leading=16, alignment=TA_CENTER)
SUB = ParagraphStyle("s", fontName=F, fontSize=10, leading=13, alignment=TA_CENTER)
SECTION = ParagraphStyle("h", fontName=FB, fontSize=10, leading=12.5, spaceBefore=5)
SMALL = ParagraphStyle("sm", fontName=F, fontSize=7.5, leading=9.5)
RIGHT = ParagraphStyle("r", parent=SMALL, alignment=TA_RIGHT)
CONSENT = ParagraphStyle("c", fontName=F, fontSize=7, leading=8.6)
CELL = ParagraphStyle("cell", fontName=F, fontSize=8.5, leading=10.5)
GRID = [("FONTNAME", (0, 0), (-1, -1), F), ("FONTSIZE", (0, 0), (-1, -1), 8.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, 0), FB),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
PLAIN = [("FONTNAME", (0, 0), (-1, -1), F), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]


class NumberedCanvas(Canvas):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self.pages:
            self.__dict__.update(state)
            self.setFont(F, 8)
            self.drawCentredString(self._pagesize[0] / 2, 8 * mm, f"Страница {self._pageNumber} из {len(self.pages)}")
            super().showPage()
        super().save()


def _fd(d) -> str:
    return d.strftime("%d.%m.%Y")


def _short(name: str) -> str:
    parts = name.split()
    return parts[0] + " " + " ".join(f"{p[0]}." for p in parts[1:])


def _signatures(rows, width):
    data = []
    for role, name in rows:
        data += [[role, "_" * 22, f"/ {name} /", "«___» __________ 20___ г."], ["", "(подпись)", "(расшифровка подписи)", ""]]
    t = Table(data, colWidths=[width * 0.24, width * 0.24, width * 0.27, width * 0.25], hAlign="LEFT")
    t.setStyle(TableStyle(PLAIN + [("FONTSIZE", (0, 0), (-1, -1), 9.5)]))
    return t


def receipt(d) -> bytes:
    """The receipt of bench_documents.receipt(): one copy."""
    w = A4[0] - 2 * M
    size = 26 * mm
    qr = Drawing(size, size)
    qr.add(QrCodeWidget(d.number, barLevel="M", barBorder=2, barWidth=size, barHeight=size))
    code = BarcodeCode128(value=d.number, barWidth=0.3 * mm, barHeight=9 * mm, humanReadable=False, quiet=True)
    x0, y0, x1, y1 = code.getBounds()
    bar = Drawing(x1 - x0, y1 - y0)
    code.x, code.y = -x0, -y0
    bar.add(code)
    c = d.centre
    head = Table([[[Paragraph(c.name, BOLD), Paragraph(c.address, SMALL), Paragraph(f"Телефон: {c.phone}", SMALL)], qr]],
                 colWidths=[w - 32 * mm, 32 * mm])
    head.setStyle(TableStyle(PLAIN + [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)]))
    kv = [("Заявитель", d.applicant.full_name), ("Контактный телефон", d.applicant.phone),
          ("Адрес", d.applicant.address), ("Услуга", d.service_name), ("Орган, предоставляющий услугу", d.service_agency)]
    kvt = Table([[Paragraph(k, BOLD), Paragraph(v, BODY)] for k, v in kv], colWidths=[58 * mm, w - 58 * mm])
    kvt.setStyle(TableStyle(PLAIN))
    docs = [["№", "Наименование документа", "Подлинник / копия", "Листов"]]
    docs += [[str(i), x.name, "подлинник" if x.original else "копия", str(x.sheets)] for i, x in enumerate(d.documents, 1)]
    originals = sum(x.original for x in d.documents)
    sheets = sum(x.sheets for x in d.documents)
    docs.append(["", f"Итого: {len(d.documents)} документов (подлинников: {originals}, копий: {len(d.documents) - originals})",
                 "", f"{sheets} листов"])
    dt = Table(docs, colWidths=[10 * mm, w - 66 * mm, 36 * mm, 20 * mm], repeatRows=1)
    dt.setStyle(TableStyle(GRID + [("SPAN", (1, -1), (2, -1))]))
    reqs = [["№", "Запрашиваемые сведения", "Орган (организация)"]]
    reqs += [[str(i), r.kind_name, r.agency] for i, r in enumerate(d.requests, 1)]
    rt = Table(reqs, colWidths=[10 * mm, (w - 10 * mm) * 0.55, (w - 10 * mm) * 0.45])
    rt.setStyle(TableStyle(GRID))
    consent = (
        f"Я, {d.applicant.full_name}, в соответствии со статьёй 9 Федерального закона от 27.07.2006 "
        f"№ 152-ФЗ «О персональных данных» даю согласие {c.name} (адрес: {c.address}) "
        "и органам (организациям), участвующим в предоставлении услуги, на обработку моих персональных данных, "
        "указанных в заявлении и представленных документах (фамилия, имя, отчество, дата рождения, паспортные "
        "данные, СНИЛС, ИНН, адрес, контактный телефон и иные сведения), а именно на их сбор, запись, "
        "систематизацию, накопление, хранение, уточнение, извлечение, использование, передачу (предоставление, "
        "доступ), обезличивание, блокирование, удаление и уничтожение, с использованием средств автоматизации и "
        f"без них, в целях предоставления услуги «{d.service_name}». Согласие действует до достижения "
        "целей обработки и хранения документов в сроки, установленные законодательством, и может быть отозвано "
        "мной письменным заявлением; отзыв не влияет на обработку, проведённую до его получения."
    )
    story = [
        Paragraph("<b>Экземпляр заявителя</b>", RIGHT), head, Spacer(1, 2 * mm),
        Paragraph("РАСПИСКА в приёме документов", TITLE),
        Paragraph(f"Заявление № <b>{d.number}</b> зарегистрировано {d.registered_at:%d.%m.%Y %H:%M}", SUB),
        bar, Spacer(1, 2 * mm), kvt, Paragraph("Приняты документы", SECTION), dt, Spacer(1, 2 * mm),
        Paragraph(f"Срок предоставления результата: <b>до {_fd(d.due_date)}</b> (включительно).", BODY),
        Paragraph(f"Место получения результата: {d.collect_at}.", BODY),
        Paragraph("Сведения, которые центр запросит самостоятельно", SECTION),
        Paragraph("Запрашиваются в порядке межведомственного взаимодействия (Федеральный закон от 27.07.2010 "
                  "№ 210-ФЗ); заявитель вправе представить эти сведения по собственной инициативе.", SMALL),
        rt, Paragraph(f"Документы принял(а): <b>{d.operator_name}</b>", BODY),
        _signatures([("Документы принял(а)", _short(d.operator_name)),
                     ("Расписку получил(а)", _short(d.applicant.full_name))], w),
        Paragraph("Согласие на обработку персональных данных", SECTION), Paragraph(consent, CONSENT),
        _signatures([("Заявитель", _short(d.applicant.full_name))], w),
    ]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=M, rightMargin=M, topMargin=M, bottomMargin=M,
                            title=f"Расписка в приёме документов № {d.number}", author=c.name,
                            initialFontName=F)
    doc.build(story)
    return buf.getvalue()


def intake_register(d) -> bytes:
    """The intake register of bench_documents.register(): one line per application, totals, signature."""
    size = landscape(A4)
    w = size[0] - 2 * M
    head = ["№ п/п", "Номер заявления", "Время", "Заявитель", "Услуга", "Док.", "Срок", "Оператор"]
    fixed = [11 * mm, 37 * mm, 14 * mm, 47 * mm, 0, 14 * mm, 19 * mm, 32 * mm]
    fixed[4] = w - sum(fixed)
    rows = sorted(d.rows, key=lambda r: (r.registered_at, r.number))
    data = [head] + [[str(i), r.number, f"{r.registered_at:%H:%M}", r.applicant_name, r.service_name,
                      str(r.documents_count), _fd(r.due_date), r.operator_name] for i, r in enumerate(rows, 1)]
    table = Table(data, colWidths=fixed, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(GRID + [("FONTSIZE", (0, 0), (-1, -1), 7.5), ("LEADING", (0, 0), (-1, -1), 9.5)]))
    apps, docs = Counter(), Counter()
    for r in d.rows:
        apps[r.service_name] += 1
        docs[r.service_name] += r.documents_count
    totals = [["Услуга", "Заявлений", "Документов"]] + [[s, str(apps[s]), str(docs[s])] for s in sorted(apps)]
    totals.append(["Всего", str(len(d.rows)), str(sum(docs.values()))])
    tt = Table(totals, colWidths=[w * 0.6, 30 * mm, 30 * mm], hAlign="LEFT")
    tt.setStyle(TableStyle(GRID + [("FONTSIZE", (0, 0), (-1, -1), 7.5)]))
    c = d.centre
    title = f"Реестр принятых заявлений за {_fd(d.day)}"
    story = [Paragraph(c.name, BOLD), Paragraph(f"{c.address}, тел. {c.phone}", BODY), Spacer(1, 3 * mm),
             Paragraph("РЕЕСТР", TITLE), Paragraph(f"принятых заявлений за {_fd(d.day)}", SUB), table, Spacer(1, 5 * mm),
             Paragraph(f"Итого по услугам: {len(d.rows)} заявлений", SECTION), tt, Spacer(1, 6 * mm),
             Paragraph(f"Реестр сформирован {d.compiled_at:%d.%m.%Y %H:%M}, составил(а): <b>{d.compiled_by}</b>", BODY),
             _signatures([("Реестр составил(а)", _short(d.compiled_by))], w * 0.75)]

    def header(canvas, doc) -> None:
        if canvas.getPageNumber() > 1:
            canvas.setFont(F, 7.5)
            canvas.drawString(M, size[1] - 10 * mm, f"{c.name}. {title}")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=M, rightMargin=M, topMargin=M, bottomMargin=M,
                            title=title, author=c.name, initialFontName=F)
    doc.build(story, onLaterPages=header, canvasmaker=NumberedCanvas)
    return buf.getvalue()
