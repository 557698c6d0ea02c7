"""Extra subject fields of interagency requests: Russian labels, value checks, and the document that
makes a field needed (no marriage certificate taken: no marriage record number to ask for)."""

from __future__ import annotations

import re

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.labels import SUBJECT_FIELD_RU, subject_label

LABELS = SUBJECT_FIELD_RU

# field -> document codes; the field is needed only when one of them is taken (when the service lists them)
NEEDED_WITH_DOCUMENT = {
    "marriage_record_number": ("marriage_certificate",),
    "child_birth_certificate": ("birth_certificate", "children_birth_certificates"),
}

_RECORD = re.compile(r"\d{1,22}")
_CERTIFICATE = re.compile(r"([IVXLCУХЛ1]{1,6})-([А-ЯЁ]{2})\s*№?\s*(\d{6})")


label = subject_label


def normalize_marriage_record(value: str, field: str = "subject.marriage_record_number",
                              label: str = LABELS["marriage_record_number"]) -> str:
    text = re.sub(r"[\s№]", "", value or "")
    if not _RECORD.fullmatch(text):
        raise ValidationError(f"{label}: только цифры номера записи акта, например 120229340001200012345", field)
    return text


def normalize_birth_certificate(value: str, field: str = "subject.child_birth_certificate",
                                label: str = LABELS["child_birth_certificate"]) -> str:
    m = _CERTIFICATE.fullmatch(" ".join((value or "").upper().split()))
    if m is None:
        raise ValidationError(f"{label}: ожидается вид «II-РК № 123456»", field)
    return f"{m[1]}-{m[2]} № {m[3]}"


CHECKS = {
    "marriage_record_number": normalize_marriage_record,
    "child_birth_certificate": normalize_birth_certificate,
}


def needed_fields(extra: dict[str, str], service_documents: set[str], taken: set[str]) -> dict[str, str]:
    """Of the service's extra subject fields (name -> request kind), those needed with the documents taken."""
    out = {}
    for name, kind in extra.items():
        docs = set(NEEDED_WITH_DOCUMENT.get(name, ())) & service_documents
        if not docs or docs & taken:
            out[name] = kind
    return out
