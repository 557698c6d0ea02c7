"""Limits of the protocol on what is read: bodies at most 10 MiB, read as a stream with a cap."""

from __future__ import annotations

import requests

from clerk_app.gateway.errors import TransientError

MAX_BODY = 10 * 1024 * 1024
_CHUNK = 256 * 1024


class BodyTooLarge(TransientError):
    """The gateway answered with a body over the protocol's limit; it was not read whole."""

    def __init__(self, limit: int = MAX_BODY) -> None:
        super().__init__(f"Ответ шлюза больше допустимых {limit // (1024 * 1024)} МиБ: не принят",
                         code="body_too_large")


def read_capped(response: requests.Response, limit: int = MAX_BODY) -> bytes:
    """The whole body of a streamed response, or BodyTooLarge as soon as it passes `limit` bytes."""
    if response._content is not False:  # already read (a response made by hand, e.g. by an adapter)
        if len(response._content or b"") > limit:
            raise BodyTooLarge(limit)
        return response._content or b""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        response.close()
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(limit)
            chunks.append(chunk)
    except BodyTooLarge:
        response.close()  # the connection is dropped, not drained
        raise
    except requests.exceptions.RequestException as exc:
        response.close()
        raise TransientError("Связь со шлюзом прервалась при получении ответа", code="network_error") from exc
    return b"".join(chunks)
