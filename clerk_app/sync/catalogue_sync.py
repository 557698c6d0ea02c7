"""Refreshing the catalogue from the gateway with ETag."""

from __future__ import annotations

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import GatewayError
from clerk_app.services.catalogue import CatalogueSummary, catalogue_etag, store_catalogue
from clerk_app.services.context import AppContext
from clerk_app.sync.connection import client_for


class GatewayUnavailable(Exception):
    """The gateway was needed and could not be reached or refused the call."""


def refresh(ctx: AppContext, client: GatewayClient) -> CatalogueSummary | None:
    """Store a changed catalogue; None when the gateway says it has not changed (304)."""
    data, etag = client.catalogue(catalogue_etag(ctx))
    if data is None:
        return None
    return store_catalogue(ctx, data, etag or "")


def sync_catalogue(ctx: AppContext) -> CatalogueSummary | None:
    client = client_for(ctx)
    if client is None:
        raise GatewayUnavailable("адрес шлюза не задан: clerk-app init --gateway URL")
    try:
        with client:
            return refresh(ctx, client)
    except GatewayError as exc:
        raise GatewayUnavailable(f"шлюз недоступен: {exc.message}") from exc
