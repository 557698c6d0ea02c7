"""The gateway client configured from the workstation's settings."""

from __future__ import annotations

from clerk_app.gateway.client import GatewayClient
from clerk_app.services.context import AppContext


def client_for(ctx: AppContext) -> GatewayClient | None:
    """None when no gateway is configured: the workstation then works offline only."""
    s = ctx.fresh_settings()
    if not s.gateway_url:
        return None
    return GatewayClient(s.gateway_url, s.token, s.centre_code, s.workstation_id, ca_bundle=s.ca_bundle or None)
