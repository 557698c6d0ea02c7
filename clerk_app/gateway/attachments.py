"""Checking the attachments of an answer taken from the gateway's response queue."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from typing import Any

from clerk_app.gateway.errors import AttachmentMismatch


def verify_attachment(att: Mapping[str, Any]) -> bytes:
    """Decode an attachment's ``content_base64`` and check its ``sha256``; return the bytes.

    Raises AttachmentMismatch (a TransientError) when the attachment is malformed or its
    content does not match the declared digest: the answer must not be acknowledged then.
    """
    name = att.get("name") if isinstance(att, Mapping) else None
    label = name if isinstance(name, str) and name else "без имени"
    content = att.get("content_base64") if isinstance(att, Mapping) else None
    declared = att.get("sha256") if isinstance(att, Mapping) else None
    if not isinstance(content, str) or not isinstance(declared, str):
        raise AttachmentMismatch(
            f"Вложение «{label}» пришло без содержимого или без контрольной суммы",
            code="attachment_malformed",
        )
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise AttachmentMismatch(
            f"Содержимое вложения «{label}» повреждено (некорректный base64)",
            code="attachment_malformed",
        ) from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != declared.strip().lower():
        raise AttachmentMismatch(
            f"Контрольная сумма вложения «{label}» не совпадает: файл повреждён при передаче",
            code="attachment_mismatch",
        )
    return data
