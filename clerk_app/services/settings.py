"""The workstation's settings, kept in the local store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.storage.models import Setting


@dataclass(frozen=True)
class WorkstationSettings:
    centre_code: str = ""
    workstation_id: str = ""
    centre_name: str = "МФЦ"
    centre_address: str = ""
    centre_phone: str = ""
    gateway_url: str = ""
    token: str = ""
    ca_bundle: str = ""
    printer: str = ""
    idle_lock_minutes: int = 15
    receipt_copies: int = 1
    sync_interval_seconds: int = 60

    @property
    def configured(self) -> bool:
        return bool(self.centre_code and self.workstation_id)


_KEYS = {f.name for f in fields(WorkstationSettings)}
_STORED_KEYS = _KEYS - {"token"}  # the token lives in the keyring or an owner-only file (token_store)


def load_settings(session: Session) -> WorkstationSettings:
    rows = session.query(Setting).filter(Setting.key.in_(_STORED_KEYS)).all()
    values: dict[str, Any] = {r.key: r.value for r in rows}
    return WorkstationSettings(**values)


def store_settings(session: Session, **changes: object) -> WorkstationSettings:
    unknown = set(changes) - _STORED_KEYS
    if unknown:
        raise KeyError(f"unknown settings: {sorted(unknown)}")
    for key, value in changes.items():
        session.merge(Setting(key=key, value=value))
    session.flush()
    return load_settings(session)


def settings_dict(s: WorkstationSettings) -> dict:
    out = asdict(s)
    out["token"] = "***" if s.token else ""
    return out


def get_value(session: Session, key: str, default: object = None) -> object:
    row = session.get(Setting, key)
    return default if row is None else row.value


def set_value(session: Session, key: str, value: object) -> None:
    session.merge(Setting(key=key, value=value))
