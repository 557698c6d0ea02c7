"""A fresh workstation's first questions: is the gateway reachable, is there a catalogue, what next."""

from __future__ import annotations

from dataclasses import dataclass

from clerk_app.gateway.errors import GatewayError
from clerk_app.services import catalogue
from clerk_app.services.catalogue import CatalogueSummary
from clerk_app.services.context import AppContext
from clerk_app.sync.catalogue_sync import refresh
from clerk_app.sync.connection import client_for


@dataclass(frozen=True)
class Readiness:
    gateway_url: str
    online: bool
    error: str  # Russian, "" when online
    services: int
    loaded: CatalogueSummary | None  # the catalogue just taken from the gateway, if any


def check(ctx: AppContext, load_catalogue: bool = True) -> Readiness:
    """Ask the gateway for /health and, when `load_catalogue`, a changed catalogue; never raises GatewayError."""
    url = ctx.fresh_settings().gateway_url or ""
    client = client_for(ctx)
    online, error, loaded = False, "", None
    if client is None:
        error = "адрес шлюза не задан (настройки рабочего места)"
    else:
        try:
            with client:
                client.health()
                online = True
                if load_catalogue:
                    loaded = refresh(ctx, client)
        except GatewayError as exc:
            error = exc.message
    return Readiness(url, online, error, len(catalogue.list_services(ctx)), loaded)
