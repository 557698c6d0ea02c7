"""The gateway token, kept out of the main database: the platform keyring where one works,
else an owner-only file in the data folder."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from clerk_app.domain.errors import ValidationError
from clerk_app.storage.private import write_private

TOKEN_FILE = "gateway-token"
SERVICE = "clerk-app"
TOKEN_RE = re.compile(r"[\x21-\x7e]{1,4096}")  # printable ASCII: it goes into an HTTP header


def check_token(token: str, field: str = "token") -> str:
    token = token.strip()
    if not TOKEN_RE.fullmatch(token):
        raise ValidationError("Токен доступа: допустимы латинские буквы, цифры и знаки без пробелов, "
                              "не длиннее 4096 символов", field)
    return token


def _keyring() -> Any:
    """The platform keyring when the optional `keyring` package has a working backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration: fall back to the file
        return None
    return None if isinstance(backend, fail.Keyring) else backend


def _account(data_dir: Path) -> str:
    return f"gateway-token:{Path(data_dir).resolve()}"


def where(data_dir: Path) -> str:
    """'keyring' or 'file': where a token of this data folder is kept."""
    return "keyring" if _keyring() is not None else "file"


def save(data_dir: Path, token: str) -> None:
    """Store (or, with '', forget) the token of this data folder."""
    path = Path(data_dir) / TOKEN_FILE
    backend = _keyring()
    if backend is not None:
        try:
            if token:
                backend.set_password(SERVICE, _account(data_dir), token)
            else:
                with contextlib.suppress(Exception):
                    backend.delete_password(SERVICE, _account(data_dir))
            path.unlink(missing_ok=True)
            return
        except Exception:  # a locked or absent keyring daemon: the owner-only file
            pass
    if token:
        write_private(path, token.encode("ascii"))
    else:
        path.unlink(missing_ok=True)


def load(data_dir: Path) -> str:
    backend = _keyring()
    if backend is not None:
        with contextlib.suppress(Exception):
            value = backend.get_password(SERVICE, _account(data_dir))
            if value:
                return str(value)
    try:
        raw = (Path(data_dir) / TOKEN_FILE).read_bytes()
    except FileNotFoundError:
        return ""
    try:
        return check_token(raw.decode("ascii"))
    except (UnicodeDecodeError, ValidationError) as exc:
        raise ValidationError(f"Файл токена {Path(data_dir) / TOKEN_FILE}: повреждён; "
                              "задайте токен заново (clerk-app init --token-file)", "token") from exc
