"""The typed, frozen state of one application, as projected from its events.

`to_json`/`from_json` are the only places that know the JSON shape kept in the projection table
(`applications.state`); everything else reads attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.domain.enums import (
    REQ_CLOSED,
    AppStatus,
    DecidedBy,
    HandoverWay,
    Outcome,
    ReqStatus,
)

from clerk_app.domain.agency_state import (  # noqa: F401  (re-exported: part of the state's vocabulary)
    HandoverState,
    IdentityDocument,
    IssueState,
    OverrideState,
    PowerOfAttorney,
    RepresentativeState,
    ResultState,
)

Json = dict[str, Any]
SETTLED = frozenset({ReqStatus.ANSWERED, ReqStatus.REJECTED, ReqStatus.ERROR})  # an agency said its word


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class PassportState:
    series: str
    number: str
    issued_by: str | None = None
    issued_on: str | None = None
    division_code: str | None = None

    def to_json(self) -> Json:
        return {"series": self.series, "number": self.number, "issued_by": self.issued_by,
                "issued_on": self.issued_on, "division_code": self.division_code}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PassportState:
        return cls(str(d.get("series") or ""), str(d.get("number") or ""), _opt(d.get("issued_by")),
                   _opt(d.get("issued_on")), _opt(d.get("division_code")))


@dataclass(frozen=True, slots=True)
class ApplicantState:
    full_name: str
    last_name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    birth_date: str | None = None
    snils: str | None = None
    inn: str | None = None
    passport: PassportState | None = None
    phone: str | None = None
    address: str | None = None
    email: str | None = None

    def to_json(self) -> Json:
        out: Json = {
            "last_name": self.last_name, "first_name": self.first_name, "middle_name": self.middle_name,
            "birth_date": self.birth_date, "snils": self.snils, "inn": self.inn,
            "passport": self.passport.to_json() if self.passport else None,
            "phone": self.phone, "address": self.address, "full_name": self.full_name,
        }
        if self.email is not None:
            out["email"] = self.email
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ApplicantState:
        passport = d.get("passport")
        return cls(
            full_name=str(d.get("full_name") or ""), last_name=_opt(d.get("last_name")),
            first_name=_opt(d.get("first_name")), middle_name=_opt(d.get("middle_name")),
            birth_date=_opt(d.get("birth_date")), snils=_opt(d.get("snils")), inn=_opt(d.get("inn")),
            passport=PassportState.from_json(passport) if isinstance(passport, Mapping) else None,
            phone=_opt(d.get("phone")), address=_opt(d.get("address")), email=_opt(d.get("email")),
        )


@dataclass(frozen=True, slots=True)
class DocumentState:
    code: str
    name: str | None = None
    original: bool = False
    sheets: int = 1

    def to_json(self) -> Json:
        return {"code": self.code, "name": self.name, "original": self.original, "sheets": self.sheets}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> DocumentState:
        return cls(str(d["code"]), _opt(d.get("name")), bool(d.get("original", False)), int(d.get("sheets", 1)))

    @property
    def title(self) -> str:
        return self.name or self.code


@dataclass(frozen=True, slots=True)
class RequestState:
    message_id: str
    kind: str
    status: ReqStatus
    sent_at: str | None = None
    due_date: str | None = None
    answered_at: str | None = None
    replaces: str | None = None

    @property
    def closed(self) -> bool:
        return self.status in REQ_CLOSED

    def to_json(self) -> Json:
        return {"message_id": self.message_id, "kind": self.kind, "status": self.status.value,
                "sent_at": self.sent_at, "due_date": self.due_date, "answered_at": self.answered_at,
                "replaces": self.replaces}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> RequestState:
        return cls(str(d["message_id"]), str(d["kind"]), ReqStatus(d["status"]), _opt(d.get("sent_at")),
                   _opt(d.get("due_date")), _opt(d.get("answered_at")), _opt(d.get("replaces")))


@dataclass(frozen=True, slots=True)
class DecisionState:
    outcome: Outcome
    decided_at: str
    operator: str
    reason: str | None = None
    legal_ground: str | None = None

    @property
    def approved(self) -> bool:
        return self.outcome == Outcome.APPROVED

    def to_json(self) -> Json:
        return {"outcome": self.outcome.value, "reason": self.reason, "legal_ground": self.legal_ground,
                "decided_at": self.decided_at, "operator": self.operator}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> DecisionState:
        return cls(Outcome(d["outcome"]), str(d["decided_at"]), str(d.get("operator") or ""),
                   _opt(d.get("reason")), _opt(d.get("legal_ground")))


@dataclass(frozen=True, slots=True)
class NoteState:
    text: str
    at: str
    operator: str

    def to_json(self) -> Json:
        return {"text": self.text, "at": self.at, "operator": self.operator}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> NoteState:
        return cls(str(d["text"]), str(d["at"]), str(d.get("operator") or ""))


@dataclass(frozen=True, slots=True)
class ApplicationState:
    id: str
    number: str
    service: str
    status: AppStatus
    registered_at: str
    due_date: str
    workstation: str
    operator: str
    applicant: ApplicantState
    due_date_provisional: bool = False
    decided_by: DecidedBy = DecidedBy.CENTRE
    documents: tuple[DocumentState, ...] = ()
    subject: tuple[tuple[str, str], ...] = ()  # fields requests need beyond the applicant's own
    requests: tuple[RequestState, ...] = ()
    decision: DecisionState | None = None
    issued: IssueState | None = None
    handover: HandoverState | None = None
    result: ResultState | None = None
    storage_until: str | None = None
    closed_reason: str | None = None
    notes: tuple[NoteState, ...] = ()
    conflicts: tuple[str, ...] = ()  # ids of events the state did not allow (workstations acting at once)
    provided_by_applicant: tuple[str, ...] = ()  # request kinds the applicant brought as papers
    agency: str = ""  # the agency of the service (the one that decides, for agency services)
    handover_way: HandoverWay = HandoverWay.REGISTER
    result_storage_days: int = 30
    overrides: tuple[OverrideState, ...] = ()
    returned_comment: str | None = None  # the agency returned the case without consideration: why
    return_register: str | None = None  # the return register that took the unclaimed result back

    @property
    def open_requests(self) -> int:
        return sum(1 for r in self.requests if not r.closed)

    def missing_kinds(self, needed: Iterable[str]) -> list[str]:
        """Kinds of `needed` neither settled by an agency's answer nor brought by the applicant."""
        settled = {r.kind for r in self.requests if r.status in SETTLED}
        return [k for k in dict.fromkeys(needed) if k not in settled and k not in self.provided_by_applicant]

    def override_for(self, act: str) -> OverrideState | None:
        return next((o for o in reversed(self.overrides) if o.act == act), None)

    def subject_value(self, name: str) -> str | None:
        return dict(self.subject).get(name)

    def request(self, message_id: str) -> RequestState | None:
        return next((r for r in self.requests if r.message_id == message_id), None)

    def to_json(self) -> Json:
        out: Json = {
            "id": self.id, "number": self.number, "service": self.service, "status": self.status.value,
            "registered_at": self.registered_at, "due_date": self.due_date,
            "due_date_provisional": self.due_date_provisional, "decided_by": self.decided_by.value,
            "workstation": self.workstation, "operator": self.operator, "applicant": self.applicant.to_json(),
            "documents": [d.to_json() for d in self.documents], "subject": dict(self.subject),
            "requests": [r.to_json() for r in self.requests],
            "decision": self.decision.to_json() if self.decision else None,
            "issued": self.issued.to_json() if self.issued else None,
            "handover": self.handover.to_json() if self.handover else None,
            "result": self.result.to_json() if self.result else None,
            "storage_until": self.storage_until, "closed_reason": self.closed_reason,
            "notes": [n.to_json() for n in self.notes], "conflicts": list(self.conflicts),
            "provided_by_applicant": list(self.provided_by_applicant),
            "agency": self.agency, "handover_way": self.handover_way.value,
            "result_storage_days": self.result_storage_days,
            "overrides": [o.to_json() for o in self.overrides], "returned_comment": self.returned_comment,
            "return_register": self.return_register,
        }
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ApplicationState:
        def some(key: str, parse: Any) -> Any:
            value = d.get(key)
            return parse(value) if isinstance(value, Mapping) else None

        return cls(
            id=str(d["id"]), number=str(d["number"]), service=str(d["service"]), status=AppStatus(d["status"]),
            registered_at=str(d["registered_at"]), due_date=str(d["due_date"]),
            workstation=str(d.get("workstation") or ""), operator=str(d.get("operator") or ""),
            applicant=ApplicantState.from_json(d.get("applicant") or {}),
            due_date_provisional=bool(d.get("due_date_provisional", False)),
            decided_by=DecidedBy(d.get("decided_by") or DecidedBy.CENTRE),
            documents=tuple(DocumentState.from_json(x) for x in d.get("documents") or ()),
            subject=tuple((str(k), str(v)) for k, v in (d.get("subject") or {}).items()),
            requests=tuple(RequestState.from_json(x) for x in d.get("requests") or ()),
            decision=some("decision", DecisionState.from_json),
            issued=some("issued", IssueState.from_json),
            handover=some("handover", HandoverState.from_json),
            result=some("result", ResultState.from_json),
            storage_until=_opt(d.get("storage_until")), closed_reason=_opt(d.get("closed_reason")),
            notes=tuple(NoteState.from_json(x) for x in d.get("notes") or ()),
            conflicts=tuple(str(x) for x in d.get("conflicts") or ()),
            provided_by_applicant=tuple(str(x) for x in d.get("provided_by_applicant") or ()),
            agency=str(d.get("agency") or ""), handover_way=HandoverWay(d.get("handover_way") or "register"),
            result_storage_days=int(d.get("result_storage_days", 30)),
            overrides=tuple(OverrideState.from_json(x) for x in d.get("overrides") or ()),
            returned_comment=_opt(d.get("returned_comment")), return_register=_opt(d.get("return_register")),
        )
