"""Plain, frozen inputs of the document renderers.

The renderers never touch the database: callers map their rows into these
classes. Dates are ``date``/``datetime`` objects (already in the workstation's
local time; the renderer prints them as they are), everything else is text
ready to print. Sequence fields accept any iterable and are stored as tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


def _freeze(obj: object, *names: str) -> None:
    for name in names:
        object.__setattr__(obj, name, tuple(getattr(obj, name)))


@dataclass(frozen=True)
class CentreInfo:
    """The service centre (МФЦ) issuing the document."""

    name: str
    address: str
    phone: str
    email: str = ""
    working_hours: str = ""


@dataclass(frozen=True)
class ApplicantInfo:
    full_name: str  # «Иванова Мария Петровна»
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class ReceivedDocument:
    """One line of the receipt's table of documents taken."""

    name: str
    original: bool  # True: «подлинник», False: «копия»
    sheets: int

    def __post_init__(self) -> None:
        if self.sheets < 1:
            raise ValueError("sheets must be positive")


@dataclass(frozen=True)
class PlannedRequest:
    """An interagency request the centre will make for the applicant."""

    kind_name: str
    agency: str


@dataclass(frozen=True)
class ReceiptData:
    centre: CentreInfo
    number: str  # ASCII, e.g. "34-001-07-2026-000123"
    registered_at: datetime
    applicant: ApplicantInfo
    service_name: str
    service_agency: str
    documents: tuple[ReceivedDocument, ...]
    due_date: date
    collect_at: str  # where and how the result is handed over
    operator_name: str
    requests: tuple[PlannedRequest, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "documents", "requests")
        if not self.number.isascii():
            raise ValueError("application number must be ASCII")


@dataclass(frozen=True)
class AnswerInfo:
    """An interagency answer (or its absence) the decision rests on."""

    agency: str
    kind_name: str
    answered_on: date | None  # None: no answer received
    status: str  # formatted, e.g. «ответ получен», «отказ в предоставлении сведений»


@dataclass(frozen=True)
class DecisionData:
    centre: CentreInfo
    number: str
    registered_at: datetime
    applicant: ApplicantInfo
    service_name: str
    service_agency: str
    approved: bool
    decided_on: date
    operator_name: str
    answers: tuple[AnswerInfo, ...] = ()
    refusal_reason: str = ""  # required when not approved
    refusal_ground: str = ""  # legal ground of the refusal (act, article)
    result_note: str = ""  # for an approval: what the result is / where to get it
    override_note: str = ""  # decided while requests were open, by a supervisor's leave: who and why

    def __post_init__(self) -> None:
        _freeze(self, "answers")
        if not self.approved and not self.refusal_reason.strip():
            raise ValueError("a refusal needs its reason")


@dataclass(frozen=True)
class IntakeRegisterRow:
    number: str
    registered_at: datetime
    applicant_name: str
    service_name: str
    documents_count: int
    due_date: date
    operator_name: str


@dataclass(frozen=True)
class IntakeRegisterData:
    """Applications registered on one day (реестр принятых заявлений)."""

    centre: CentreInfo
    day: date
    rows: tuple[IntakeRegisterRow, ...]
    compiled_at: datetime
    compiled_by: str

    def __post_init__(self) -> None:
        _freeze(self, "rows")


@dataclass(frozen=True)
class HandoverRow:
    number: str
    registered_at: datetime
    applicant_name: str
    service_name: str
    documents_count: int
    sheets: int


@dataclass(frozen=True)
class HandoverRegisterData:
    """Files handed over to one agency (реестр передачи дел)."""

    centre: CentreInfo
    agency: str
    rows: tuple[HandoverRow, ...]
    compiled_at: datetime
    sender_name: str  # the centre's employee who hands over («передал»)
    register_number: str = ""
    receiver_name: str = ""  # left blank for the agency to fill in

    def __post_init__(self) -> None:
        _freeze(self, "rows")
