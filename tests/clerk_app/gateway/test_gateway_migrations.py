"""The gateway database's own alembic migrations: they build the models' schema and upgrade old stores."""

from __future__ import annotations

import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from clerk_app.gateway.sandbox import agencies
from clerk_app.gateway.sandbox.database import VERSION_TABLE, _alembic_config, make_engine, upgrade
from clerk_app.gateway.sandbox.models import Base
from clerk_app.gateway.sandbox.store import SandboxStore
from tests.clerk_app.gateway.sandbox_data import make_event
from tests.gateway_backend import gateway_db_url


def _migrate_to(engine, revision):
    with engine.connect() as conn:
        command.upgrade(_alembic_config(conn), revision)
        conn.commit()


def test_migrations_build_exactly_the_models_schema(tmp_path):
    engine = make_engine(gateway_db_url(tmp_path))
    try:
        _migrate_to(engine, "head")
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            diff = [d for d in compare_metadata(context, Base.metadata)
                    if not (d[0] == "remove_table" and d[1].name != VERSION_TABLE and
                            not d[1].name.startswith(("sandbox_", "gateway_")))]
        assert diff == []
    finally:
        engine.dispose()


def test_a_store_from_before_the_migrations_is_upgraded_and_keeps_its_cursors(tmp_path):
    url = gateway_db_url(tmp_path)
    engine = make_engine(url)
    _migrate_to(engine, "g0001")  # the schema the sandbox created before it had migrations
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE {VERSION_TABLE}")
        for seq, centre in [(1, "34-001"), (2, "34-002"), (3, "34-001")]:
            event = make_event(workstation=f"{centre}-01")
            conn.execute(text("INSERT INTO sandbox_events (seq, event_id, centre_code, body_sha256, body, received_at)"
                              " VALUES (:seq, :id, :centre, 'x', :body, 0)"),
                         {"seq": seq, "id": event["event_id"], "centre": centre, "body": json.dumps(event)})
    upgrade(engine)
    engine.dispose()

    store = SandboxStore(url, answerer=agencies.answer)
    try:
        assert [e["seq"] for e in store.events_after("34-001", 0, 10)[0]] == [1, 3]  # old cursors stay valid
        new = make_event(workstation="34-001-01")
        store.add_events("34-001", [(new["event_id"], json.dumps(new), "y")])
        assert [e["seq"] for e in store.events_after("34-001", 1, 10)[0]] == [3, 4]
        assert [e["seq"] for e in store.events_after("34-002", 0, 10)[0]] == [2]
    finally:
        store.close()
    upgrade(make_engine(url))  # at head: nothing to do
