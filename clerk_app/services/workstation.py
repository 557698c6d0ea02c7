"""Setting up a workstation's data folder and changing its settings."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.numbering import check_workstation_id
from clerk_app.domain.text_checks import check_text
from clerk_app.services import audit, token_store
from clerk_app.services.context import AppContext, open_context
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.settings import WorkstationSettings, load_settings, settings_dict, store_settings


GATEWAY_KEYS = ("gateway_url", "token", "ca_bundle")
TEXT_KEYS = {"centre_name": "Наименование центра", "centre_address": "Адрес центра", "centre_phone": "Телефон центра",
             "printer": "Принтер", "ca_bundle": "Файл сертификатов"}


def _check_texts(changes: dict[str, object]) -> None:
    for key, label in TEXT_KEYS.items():
        value = changes.get(key)
        if isinstance(value, str):
            check_text(value, label, key)
            if len(value) > 500:
                raise ValidationError(f"{label}: не длиннее 500 символов", key)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        return url
    if not url.startswith(("http://", "https://")):
        raise ValidationError("Адрес шлюза: должен начинаться с https://", "gateway_url")
    try:
        host = urlsplit(url).hostname or ""
    except ValueError as exc:
        raise ValidationError("Адрес шлюза: не разобран", "gateway_url") from exc
    if not host:
        raise ValidationError("Адрес шлюза: не указан сервер", "gateway_url")
    if url.startswith("http://") and not _is_loopback(host):
        raise ValidationError("Адрес шлюза: без шифрования (http://) допустим только локальный адрес; "
                              "используйте https://", "gateway_url")
    return url


def changes_gateway(ctx: AppContext, **changes: object) -> bool:
    """Whether these settings would change how or where the workstation reaches the gateway."""
    current = ctx.settings()
    if "gateway_url" in changes and changes["gateway_url"] is not None:
        changes["gateway_url"] = _check_url(str(changes["gateway_url"]))
    return any(changes.get(k) is not None and changes[k] != getattr(current, k) for k in GATEWAY_KEYS)


def read_token_file(path: Path) -> str:
    try:
        raw = Path(path).read_bytes()[:8192]
    except OSError as exc:
        raise ValidationError(f"Файл токена: не удалось прочитать {path}: {exc.strerror}", "token_file") from exc
    try:
        token = raw.decode("ascii").strip()
    except UnicodeDecodeError as exc:
        raise ValidationError("Файл токена: не текстовый файл (токен — латинские буквы и цифры)", "token_file") from exc
    if not token:
        raise ValidationError("Файл токена: пуст", "token_file")
    return token_store.check_token(token, "token_file")


def init(data_dir: Path, centre: str, workstation: str, gateway_url: str | None = None,
         token: str | None = None, **extra: object) -> AppContext:
    """Create or update the workstation's settings and database."""
    check_workstation_id(workstation, centre)
    changes: dict[str, object] = {"centre_code": centre, "workstation_id": workstation, **extra}
    _check_texts(changes)
    if gateway_url is not None:
        changes["gateway_url"] = _check_url(gateway_url)
    if token is not None:
        token = token_store.check_token(token)
    ctx = open_context(data_dir)
    with ctx.db.write() as s:
        store_settings(s, **changes)
        if token is not None:
            token_store.save(ctx.data_dir, token)
            changes["token"] = token
        audit.record(s, ctx, "system", "change", "settings", None,
                     details={k: v for k, v in settings_dict(replace(load_settings(s), token=token or "")).items()
                              if k in changes},
                     workstation=workstation)
    ctx.invalidate_settings()
    return ctx


def update_settings(ctx: AppContext, actor: Actor, **changes: object) -> WorkstationSettings:
    actor.require(Perm.MANAGE_SETTINGS)
    _check_texts(changes)
    if "gateway_url" in changes:
        changes["gateway_url"] = _check_url(str(changes["gateway_url"]))
    current = ctx.settings()
    centre = str(changes.get("centre_code", current.centre_code))
    ws = str(changes.get("workstation_id", current.workstation_id))
    if "centre_code" in changes or "workstation_id" in changes:
        check_workstation_id(ws, centre)
    for key in ("idle_lock_minutes", "receipt_copies", "sync_interval_seconds"):
        if key in changes:
            value = changes[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError("Значение должно быть целым числом больше нуля", key)
    token = changes.pop("token", None)
    if token is not None:
        token = token_store.check_token(str(token)) if token else ""
    with ctx.db.write() as s:
        out = store_settings(s, **changes)
        if token is not None:
            token_store.save(ctx.data_dir, token)
            changes["token"] = token
            out = replace(out, token=token)
        audit.record(s, ctx, actor.login, "change", "settings", None,
                     details={k: v for k, v in settings_dict(out).items() if k in changes})
    ctx.invalidate_settings()
    ctx.changes.settings()
    return out
