"""Which database the gateway server runs on in the tests.

By default: SQLite, as the tests ask. With ``CLERK_APP_TEST_PG`` set to a PostgreSQL server URL
(`.ci/run` starts one), every SQLite store a test asks for becomes a schema of its own on that server
(the same file name maps to the same schema, so a restarted server sees its data); with
``CLERK_APP_TEST_HUB=1`` as well, servers run as the hub: issued tokens only.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

from sqlalchemy import create_engine

PG_ENV = "CLERK_APP_TEST_PG"
HUB_ENV = "CLERK_APP_TEST_HUB"

_schemas: dict[str, str] = {}


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def hub_mode() -> bool:
    return os.environ.get(HUB_ENV) == "1"


def fresh_pg_url(server_url: str) -> str:
    """A new, empty schema on the server; the URL puts it first on the search path."""
    schema = "t_" + uuid.uuid4().hex[:16]
    engine = create_engine(server_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    finally:
        engine.dispose()
    separator = "&" if "?" in server_url else "?"
    return f"{server_url}{separator}options={quote(f'-csearch_path={schema}')}"


def store_url(requested: str) -> str:
    """The URL the server should really use for ``requested``."""
    server = pg_server_url()
    if server is None or not requested.startswith("sqlite"):
        return requested
    if requested in ("sqlite://", "sqlite:///:memory:"):
        return fresh_pg_url(server)
    if requested not in _schemas:
        _schemas[requested] = fresh_pg_url(server)
    return _schemas[requested]


def gateway_db_url(tmp_path=None) -> str:  # noqa: ANN001
    requested = f"sqlite:///{tmp_path / 'gw.sqlite3'}" if tmp_path is not None else "sqlite://"
    return store_url(requested)
