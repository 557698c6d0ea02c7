"""`clerk-app hub serve`: the gateway's routes and store with issued tokens only, on PostgreSQL or SQLite.

With ``workers`` > 1 several processes share the listening socket (uvicorn's supervisor); the store's
row locks, not a process lock, keep them consistent, so use PostgreSQL for more than one worker.
"""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from clerk_app.gateway.sandbox.app import BASE_PATH, create_app
from clerk_app.gateway.sandbox.database import GatewayDatabase
from clerk_app.gateway.sandbox.server import _bind, _url_host

_ENV = "CLERK_APP_HUB_"


def app_from_env() -> FastAPI:
    """The app of one worker process, configured by the parent through the environment."""
    catalogue = os.environ.get(_ENV + "CATALOGUE") or None
    return create_app(os.environ[_ENV + "DB"], catalogue_path=Path(catalogue) if catalogue else None,
                      answer_delay=float(os.environ[_ENV + "ANSWER_DELAY"]), tokens={},
                      visibility_timeout=float(os.environ[_ENV + "VISIBILITY_TIMEOUT"]))


def run(db_url: str, host: str = "127.0.0.1", port: int = 8780, answer_delay: float = 5.0,
        catalogue_path: Path | None = None, visibility_timeout: float = 60.0, log_level: str = "info",
        workers: int = 1) -> None:
    """Serve the hub until interrupted. Put a TLS-terminating reverse proxy in front of it (README)."""
    db = GatewayDatabase(db_url)  # migrations run here, once, before any worker starts
    backend = db.dialect
    db.dispose()
    if workers > 1 and backend == "sqlite":
        raise ValueError("несколько процессов (--workers) — только с PostgreSQL")
    sock = _bind(host, port)
    print(f"Шлюз центра: http://{_url_host(host)}:{sock.getsockname()[1]}{BASE_PATH} (база {backend}, "
          f"процессов {workers}; токены: clerk-app hub token issue)", flush=True)
    common = dict(log_level=log_level, lifespan="off", timeout_graceful_shutdown=5, proxy_headers=True,
                  forwarded_allow_ips="127.0.0.1")
    if workers <= 1:
        app = create_app(db_url, catalogue_path=catalogue_path, answer_delay=answer_delay, tokens={},
                         visibility_timeout=visibility_timeout)
        uvicorn.Server(uvicorn.Config(app, **common)).run(sockets=[sock])
        return
    os.environ.update({_ENV + "DB": db_url, _ENV + "CATALOGUE": str(catalogue_path or ""),
                       _ENV + "ANSWER_DELAY": str(answer_delay), _ENV + "VISIBILITY_TIMEOUT": str(visibility_timeout)})
    # a busy worker may answer the supervisor's ping late; uvicorn's 5 s default kills loaded workers mid-request
    config = uvicorn.Config("clerk_app.gateway.hub.serve:app_from_env", factory=True, workers=workers,
                            timeout_worker_healthcheck=60, **common)
    Multiprocess(config, sockets=[sock]).run()
