"""The sandbox gateway: the whole gateway protocol with simulated agencies (training, demos, tests)."""

from clerk_app.gateway.sandbox.app import BASE_PATH, DEFAULT_TOKENS, create_app
from clerk_app.gateway.sandbox.server import SandboxServer, main, run

__all__ = ["BASE_PATH", "DEFAULT_TOKENS", "SandboxServer", "create_app", "main", "run"]
