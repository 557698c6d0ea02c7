"""Reusable blocks of the printed documents: centre header, label lines, signatures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from clerk_app.documents.data import CentreInfo
from clerk_app.documents.styles import (
    BODY, BODY_BOLD, CAPTION, CENTRE_NAME, SMALL, esc, markup, para, plain_style,
)


def centre_header(
    centre: CentreInfo, width: float, right: Flowable | None = None, right_width: float = 32 * mm
) -> Table:
    """The centre's name and contacts, optionally with something on the right."""
    lines = [para(centre.name, CENTRE_NAME), para(centre.address, SMALL), para(f"Телефон: {centre.phone}", SMALL)]
    extra = ", ".join(x for x in (centre.email and f"эл. почта: {centre.email}", centre.working_hours) if x)
    if extra:
        lines.append(para(extra, SMALL))
    if right is None:
        table = Table([[lines]], colWidths=[width])
    else:
        table = Table([[lines, right]], colWidths=[width - right_width, right_width])
    style = plain_style() + [("ALIGN", (-1, 0), (-1, 0), "RIGHT"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, "black"),
                             ("BOTTOMPADDING", (0, 0), (-1, 0), 4)]
    table.setStyle(TableStyle(style))
    return table


def key_value_table(rows: list[tuple[str, str]], width: float, key_width: float = 48 * mm) -> Table:
    """Label/value lines such as «Заявитель: ...»."""
    data = [[para(k, BODY_BOLD), para(v or "—", BODY)] for k, v in rows]
    table = Table(data, colWidths=[key_width, width - key_width], hAlign="LEFT")
    table.setStyle(TableStyle(plain_style()))
    return table


def signature_block(rows: list[tuple[str, str]], width: float, with_date: bool = True) -> Table:
    """Signature lines: role, a line for the signature, the name, a date line.

    ``rows`` holds (role, printed name); an empty name leaves a line to fill in.
    """
    line = "_" * 22
    data: list[list] = []
    for role, name in rows:
        shown = f"/ {esc(name)} /" if name else "/" + "_" * 20 + "/"
        date_cell = "«___» __________ 20___ г." if with_date else ""
        data.append([para(role, BODY), markup(line, BODY), markup(shown, BODY), para(date_cell, BODY)])
        data.append(["", para("(подпись)", CAPTION), para("(расшифровка подписи)", CAPTION), ""])
    widths = [width * 0.24, width * 0.24, width * 0.27, width * 0.25]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    style = plain_style() + [("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
    for i in range(0, len(data), 2):
        style.append(("TOPPADDING", (0, i), (-1, i), 8))
    table.setStyle(TableStyle(style))
    return table
