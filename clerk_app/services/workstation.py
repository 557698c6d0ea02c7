"""Setting up a workstation's data folder and changing its settings."""

from __future__ import annotations

from pathlib import Path

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.numbering import check_workstation_id
from clerk_app.services import audit
from clerk_app.services.context import AppContext, open_context
from clerk_app.services.roles import Actor, Perm
from clerk_app.services.settings import WorkstationSettings, load_settings, settings_dict, store_settings


def _check_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url and not url.startswith(("http://", "https://")):
        raise ValidationError("Адрес шлюза: должен начинаться с https:// или http://", "gateway_url")
    return url


def read_token_file(path: Path) -> str:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValidationError(f"Файл токена: не удалось прочитать {path}: {exc.strerror}", "token_file") from exc
    if not token:
        raise ValidationError("Файл токена: пуст", "token_file")
    return token


def init(data_dir: Path, centre: str, workstation: str, gateway_url: str | None = None,
         token: str | None = None, **extra: object) -> AppContext:
    """Create or update the workstation's settings and database."""
    check_workstation_id(workstation, centre)
    changes: dict[str, object] = {"centre_code": centre, "workstation_id": workstation, **extra}
    if gateway_url is not None:
        changes["gateway_url"] = _check_url(gateway_url)
    if token is not None:
        changes["token"] = token
    ctx = open_context(data_dir)
    with ctx.db.write() as s:
        store_settings(s, **changes)
        audit.record(s, ctx, "system", "change", "settings", None,
                     details={k: v for k, v in settings_dict(load_settings(s)).items() if k in changes},
                     workstation=workstation)
    ctx.invalidate_settings()
    return ctx


def update_settings(ctx: AppContext, actor: Actor, **changes: object) -> WorkstationSettings:
    actor.require(Perm.MANAGE_SETTINGS)
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
    with ctx.db.write() as s:
        out = store_settings(s, **changes)
        audit.record(s, ctx, actor.login, "change", "settings", None,
                     details={k: v for k, v in settings_dict(out).items() if k in changes})
    ctx.invalidate_settings()
    return out
