"""What the application window reads, on a worker: the application and everything shown with it, and the
documents it prints or opens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.application import ApplicationState
from clerk_app.services import acts, agency_results, catalogue, operators, queries, scans
from clerk_app.services.acts import ActsView
from clerk_app.services.agency_results import AgencyDocumentRef, CaseStatusView
from clerk_app.services.answers import AnswerView
from clerk_app.services.application_views import EventView, RequestView
from clerk_app.services.catalogue import ServiceSpec
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from clerk_app.services.scans import ScanRef


@dataclass(frozen=True)
class LoadedApplication:
    """Everything the view shows, read in one go on a worker."""

    state: ApplicationState
    requests: tuple[RequestView, ...]
    events: tuple[EventView, ...]
    answers: list[AnswerView]
    service: ServiceSpec | None
    printer: str
    today: date
    names: dict[str, str] = field(default_factory=dict)  # operators' logins -> full names
    acts: ActsView | None = None  # the acts the machine and the operator's role allow now
    agency_documents: tuple[AgencyDocumentRef, ...] = ()  # the agency's decision documents
    case_history: tuple[CaseStatusView, ...] = ()  # what the agency said about the case
    scans: tuple[ScanRef, ...] = ()  # scans of the documents taken at intake

    def name(self, login: str | None) -> str:
        return self.names.get(login or "", login or "")


def load_application(ctx: AppContext, actor: Actor, number: str) -> LoadedApplication:
    """Runs on a worker: everything the view shows, read in one go."""
    from clerk_app.services import answers

    view = queries.application_view(ctx, actor, number)
    try:
        service = catalogue.get_service(ctx, view.state.service)
    except Exception:  # a service since removed from the catalogue: show its code
        service = None
    st = view.state
    logins = {e.operator or "" for e in view.events or ()}
    logins |= {x.operator for x in (st.decision, st.issued) if x}
    logins |= {n.operator for n in st.notes}
    logins |= {o.operator for o in st.overrides}
    return LoadedApplication(view.state, view.requests, view.events or (), answers.answers_for(ctx, actor, number),
                             service, ctx.settings().printer or "", ctx.now().date(),
                             operators.display_names(ctx, logins), acts.available(ctx, actor, number),
                             tuple(agency_results.agency_documents(ctx, actor, number)),
                             tuple(agency_results.case_history(ctx, actor, number)),
                             tuple(scans.scans_of(ctx, actor, number)))


def receipt_job(ctx: AppContext, actor: Actor, number: str) -> bytes:
    from clerk_app.services import printing

    return printing.receipt_pdf(ctx, actor, number, count=False)  # counted when printed or saved


def decision_job(ctx: AppContext, actor: Actor, number: str, draft: bool = False, approve: bool | None = None,
                 reason: str = "", legal_ground: str = "") -> bytes:
    from clerk_app.services import printing

    if draft:
        return printing.decision_pdf(ctx, actor, number, draft=True, approve=approve, reason=reason,
                                     legal_ground=legal_ground)
    return printing.decision_pdf(ctx, actor, number, count=False)


def attachment_job(ctx: AppContext, actor: Actor, attachment_id: int) -> tuple[str, str, bytes]:
    from clerk_app.services import answers

    return answers.attachment_content(ctx, actor, attachment_id)


def agency_document_job(ctx: AppContext, actor: Actor, document_id: int) -> tuple[str, str, bytes]:
    return agency_results.agency_document_content(ctx, actor, document_id)
