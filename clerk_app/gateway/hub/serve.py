"""`clerk-app hub serve`: the gateway's routes and store with issued tokens only, on PostgreSQL or SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import uvicorn

from clerk_app.gateway.sandbox.app import BASE_PATH, create_app
from clerk_app.gateway.sandbox.server import _bind, _url_host


def run(db_url: str, host: str = "127.0.0.1", port: int = 8780, answer_delay: float = 5.0,
        catalogue_path: Path | None = None, visibility_timeout: float = 60.0, log_level: str = "info") -> None:
    """Serve the hub until interrupted. Put a TLS-terminating reverse proxy in front of it (README)."""
    app = create_app(db_url, catalogue_path=catalogue_path, answer_delay=answer_delay, tokens={},
                     visibility_timeout=visibility_timeout)
    sock = _bind(host, port)
    backend = app.state.store.db.dialect
    print(f"Шлюз центра: http://{_url_host(host)}:{sock.getsockname()[1]}{BASE_PATH} (база {backend}; "
          f"токены: clerk-app hub token issue)", flush=True)
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=5,
                            proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    uvicorn.Server(config).run(sockets=[sock])
