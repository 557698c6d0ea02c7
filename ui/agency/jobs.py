"""The agency leg's service calls as the window runs them on a worker (files are read there, too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from clerk_app.domain.application import ApplicationState
from clerk_app.domain.errors import ValidationError
from clerk_app.services import agency_results, handover, issuing, registers, scans
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from clerk_app.services.scans import ScanFile


@dataclass(frozen=True)
class RegisterPlan:
    """A register case checked ready, and the cases its agency's next handover register would take."""

    agency: str
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class ReturnPlan:
    agency: str
    numbers: tuple[str, ...]
    as_of: date


def read_file(path: str, field: str) -> tuple[str, bytes]:
    try:
        return Path(path).name, Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Файл «{Path(path).name}» не прочитан: {exc.strerror or exc}", field) from exc


def add_scan(ctx: AppContext, actor: Actor, number: str, document_code: str, path: str) -> scans.ScanRef:
    name, content = read_file(path, f"documents[{document_code}].scans")
    return scans.add_scan(ctx, actor, number, ScanFile(document_code, name, content))


def hand_over(ctx: AppContext, actor: Actor, number: str, override: str | None) -> handover.HandoverResult:
    return handover.handover(ctx, actor, number, override_reason=override)


def plan_register(ctx: AppContext, actor: Actor, number: str, agency: str, override: str | None) -> RegisterPlan:
    """Check the case is ready (recording a supervisor's override), and what the register would take."""
    handover.handover(ctx, actor, number, override_reason=override)
    return RegisterPlan(agency, tuple(st.number for st in handover.register_candidates(ctx, actor, agency)))


def print_handover_register(ctx: AppContext, actor: Actor, agency: str) -> registers.RegisterPrinted:
    return registers.print_handover_register(ctx, actor, agency, ctx.now().date())


def plan_return(ctx: AppContext, actor: Actor, agency: str) -> ReturnPlan:
    as_of = ctx.now().date()
    views = issuing.unclaimed(ctx, actor, as_of)
    return ReturnPlan(agency, tuple(v.state.number for v in views if v.state.agency == agency), as_of)


def print_return_register(ctx: AppContext, actor: Actor, agency: str, as_of: date) -> registers.RegisterPrinted:
    return registers.print_return_register(ctx, actor, agency, as_of)


def record_result(ctx: AppContext, actor: Actor, number: str, values: dict[str, Any]) -> ApplicationState:
    scan = None
    if values.get("scan_path"):
        name, content = read_file(values["scan_path"], "documents[result].scans")
        scan = ScanFile("result", name, content)
    return agency_results.record_paper_result(
        ctx, actor, number, values["approve"], values["document_number"], values["document_date"],
        values.get("signed_by"), legal_ground=values.get("legal_ground"), reason=values.get("reason"), scan=scan)


def issue(ctx: AppContext, actor: Actor, number: str, representative: dict[str, Any] | None) -> ApplicationState:
    return issuing.issue(ctx, actor, number, representative)
