"""Alembic environment of the gateway server's database; the caller hands over its connection."""

from __future__ import annotations

from alembic import context

from clerk_app.gateway.sandbox.database import VERSION_TABLE
from clerk_app.gateway.sandbox.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
