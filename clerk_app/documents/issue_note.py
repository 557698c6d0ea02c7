"""The note of an issued result on the centre's copy of the receipt (who collected it, when, signatures)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clerk_app.documents.agency_data import IssueNote
from clerk_app.documents.blocks import key_value_table, signature_block
from clerk_app.documents.formatting import fmt_datetime, short_name
from clerk_app.documents.styles import SECTION, SMALL, para


def issue_note_block(note: IssueNote, width: float) -> list[Flowable]:
    rows = [("Результат", note.result), ("Выдан", fmt_datetime(note.issued_at)), ("Получил(а)", note.collector_name)]
    if note.representative_document:
        rows.append(("Документ получателя", note.representative_document))
    if note.power_of_attorney:
        rows.append(("Доверенность", note.power_of_attorney))
    block: list[Flowable] = [
        Spacer(1, 3 * mm),
        para("Отметка о выдаче результата", SECTION),
        key_value_table(rows, width, key_width=48 * mm),
    ]
    if note.override_note:
        block.append(para(note.override_note, SMALL))
    block.append(signature_block([("Результат выдал(а)", short_name(note.operator_name)),
                                  ("Результат получил(а)", short_name(note.collector_name))], width))
    return [KeepTogether(block)]
