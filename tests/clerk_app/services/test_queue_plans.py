"""The work queues that look inside the state or the requests are read by index, not by scanning every
open application (at a million applications that scan took over a second per queue)."""

from __future__ import annotations

from sqlalchemy import text

from clerk_app.services import list_sql


def _plan(ctx, queue):
    sql, params = list_sql.queue_where(queue, ctx.now().date())
    with ctx.db.read() as s:
        rows = s.execute(text(f"EXPLAIN QUERY PLAN SELECT count(*) FROM applications WHERE {sql}"), params).all()
    return [r[-1] for r in rows]


def test_to_handover_reads_registered_agency_cases_by_their_partial_index(ctx):
    plan = _plan(ctx, "to_handover")
    assert any("ix_applications_agency_registered" in step for step in plan), plan


def test_attention_is_driven_by_the_failed_requests_not_by_the_open_applications(ctx):
    plan = _plan(ctx, "attention")
    by_status = [step for step in plan if "ix_applications_status_order" in step]
    assert len(by_status) <= 1, plan  # only the returned-case branch (one status) may use it
