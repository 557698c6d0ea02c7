"""Closed sets of values: application and request statuses, actions, event types, outbox states and kinds.

Every enum is a `StrEnum`, so its members compare equal to the strings stored in SQLite and JSON.
"""

from __future__ import annotations

from enum import StrEnum


class AppStatus(StrEnum):
    REGISTERED = "registered"
    AWAITING_RESPONSES = "awaiting_responses"
    READY_FOR_DECISION = "ready_for_decision"
    DECIDED = "decided"
    READY_FOR_HANDOVER = "ready_for_handover"
    HANDED_OVER = "handed_over"
    ACCEPTED_BY_AGENCY = "accepted_by_agency"
    RESULT_RECEIVED = "result_received"
    ISSUED = "issued"
    RETURNED_TO_AGENCY = "returned_to_agency"
    WITHDRAWN = "withdrawn"
    INTAKE_REFUSED = "intake_refused"


class AppAction(StrEnum):
    CHANGE_DOCUMENTS = "change_documents"
    SEND_REQUESTS = "send_requests"
    DECIDE = "decide"
    ISSUE = "issue"
    WITHDRAW = "withdraw"
    REFUSE_INTAKE = "refuse_intake"
    HANDOVER = "handover"  # agency services: the case goes to the deciding agency
    AGENCY_ACCEPT = "agency_accept"  # the agency confirmed it took the case
    CASE_RETURN = "case_return"  # the agency returned the case without consideration
    RECORD_RESULT = "record_result"  # the agency's result, from the gateway or from paper
    RETURN_TO_AGENCY = "return_to_agency"  # an unclaimed result goes back after its storage term


class ReqStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    ANSWERED = "answered"
    REJECTED = "rejected"
    ERROR = "error"
    NEEDS_ATTENTION = "needs_attention"
    CANCELLED = "cancelled"


class EventType(StrEnum):
    """Application event types of the shared register (gateway protocol, versions 1 and 2)."""

    REGISTERED = "registered"
    DOCUMENTS_CHANGED = "documents_changed"
    REQUEST_SENT = "request_sent"
    RESPONSE_RECEIVED = "response_received"
    DECIDED = "decided"
    ISSUED = "issued"
    WITHDRAWN = "withdrawn"
    INTAKE_REFUSED = "intake_refused"
    ANNOTATED = "annotated"
    HANDED_OVER = "handed_over"
    AGENCY_ACCEPTED = "agency_accepted"
    CASE_RETURNED = "case_returned"
    RESULT_RECEIVED = "result_received"
    RETURNED_TO_AGENCY = "returned_to_agency"

    @classmethod
    def parse(cls, value: str) -> EventType | None:
        """The known type named `value`, or None for a type of a newer workstation."""
        try:
            return cls(value)
        except ValueError:
            return None


class OutboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    NEEDS_ATTENTION = "needs_attention"
    DISCARDED = "discarded"
    CANCELLED = "cancelled"


class OutboxKind(StrEnum):
    MESSAGE = "message"  # POST /messages: an interagency request
    CANCEL = "cancel"  # cancelling a message already sent
    EVENT = "event"  # POST /events: the shared register
    CASE = "case"  # POST /cases: a case handed over to the agency (version 2)


class QuarantineSource(StrEnum):
    """What an item set aside in quarantine came as."""

    ANSWER = "answer"  # an agency's answer (GET /responses)
    EVENT = "event"  # an event of the shared register (GET /events)


class Outcome(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"


class DecidedBy(StrEnum):
    AGENCY = "agency"
    CENTRE = "centre"


class HandoverWay(StrEnum):
    ELECTRONIC = "electronic"
    REGISTER = "register"


class ResultSource(StrEnum):
    GATEWAY = "gateway"
    PAPER = "paper"


class Collector(StrEnum):
    APPLICANT = "applicant"
    REPRESENTATIVE = "representative"


REQ_CLOSED = frozenset({ReqStatus.ANSWERED, ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.CANCELLED})
# Requests whose kind may be asked again: they brought no answer.
REQ_RETRYABLE = frozenset({ReqStatus.REJECTED, ReqStatus.ERROR, ReqStatus.CANCELLED})
# Requests still waiting for the agency: overdue once past their due date.
REQ_WAITING = frozenset({ReqStatus.QUEUED, ReqStatus.SENT})

# Applications still in work at the centre (before a decision, a result or a closing act).
OPEN_STATUSES = frozenset({
    AppStatus.REGISTERED, AppStatus.AWAITING_RESPONSES, AppStatus.READY_FOR_DECISION,
    AppStatus.READY_FOR_HANDOVER,
})
TERMINAL = frozenset({AppStatus.ISSUED, AppStatus.WITHDRAWN, AppStatus.INTAKE_REFUSED,
                      AppStatus.RETURNED_TO_AGENCY})
