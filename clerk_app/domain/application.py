"""The typed, frozen state of one application, as projected from its events.

`to_json`/`from_json` are the only places that know the JSON shape kept in the projection table
(`applications.state`); everything else reads attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.domain.enums import (
    REQ_CLOSED,
    AppStatus,
    Collector,
    DecidedBy,
    HandoverWay,
    Outcome,
    ReqStatus,
    ResultSource,
)

Json = dict[str, Any]


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
class IdentityDocument:
    kind: str
    series: str | None
    number: str

    def to_json(self) -> Json:
        return {"kind": self.kind, "series": self.series, "number": self.number}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> IdentityDocument:
        return cls(str(d.get("kind") or "passport"), _opt(d.get("series")), str(d.get("number") or ""))


@dataclass(frozen=True, slots=True)
class PowerOfAttorney:
    number: str
    date: str
    issued_by: str | None = None
    valid_until: str | None = None

    def to_json(self) -> Json:
        return {"number": self.number, "date": self.date, "issued_by": self.issued_by,
                "valid_until": self.valid_until}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PowerOfAttorney:
        return cls(str(d.get("number") or ""), str(d.get("date") or ""), _opt(d.get("issued_by")),
                   _opt(d.get("valid_until")))


@dataclass(frozen=True, slots=True)
class RepresentativeState:
    """Who acts for the applicant: interfaces.md's `representative` object."""

    full_name: str
    document: IdentityDocument | None = None
    power_of_attorney: PowerOfAttorney | None = None

    def to_json(self) -> Json:
        return {"full_name": self.full_name,
                "document": self.document.to_json() if self.document else None,
                "power_of_attorney": self.power_of_attorney.to_json() if self.power_of_attorney else None}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> RepresentativeState:
        doc, poa = d.get("document"), d.get("power_of_attorney")
        return cls(str(d.get("full_name") or ""),
                   IdentityDocument.from_json(doc) if isinstance(doc, Mapping) else None,
                   PowerOfAttorney.from_json(poa) if isinstance(poa, Mapping) else None)


@dataclass(frozen=True, slots=True)
class IssueState:
    """Who collected the result, and when."""

    issued_at: str
    operator: str
    collector: Collector = Collector.APPLICANT
    representative: RepresentativeState | None = None

    def to_json(self) -> Json:
        return {"issued_at": self.issued_at, "operator": self.operator, "collector": self.collector.value,
                "representative": self.representative.to_json() if self.representative else None}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> IssueState:
        rep = d.get("representative")
        return cls(str(d["issued_at"]), str(d.get("operator") or ""), Collector(d.get("collector") or "applicant"),
                   RepresentativeState.from_json(rep) if isinstance(rep, Mapping) else None)


@dataclass(frozen=True, slots=True)
class HandoverState:
    """The case handed over to the deciding agency (version 2)."""

    way: HandoverWay
    handed_over_at: str
    agency: str
    case_id: str | None = None
    register_number: str | None = None

    def to_json(self) -> Json:
        return {"case_id": self.case_id, "way": self.way.value, "register_number": self.register_number,
                "handed_over_at": self.handed_over_at, "agency": self.agency}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> HandoverState:
        return cls(HandoverWay(d["way"]), str(d["handed_over_at"]), str(d.get("agency") or ""),
                   _opt(d.get("case_id")), _opt(d.get("register_number")))


@dataclass(frozen=True, slots=True)
class ResultState:
    """The agency's result, from the gateway or entered from paper (version 2)."""

    approved: bool
    received_at: str
    source: ResultSource
    document_number: str | None = None
    document_date: str | None = None
    signed_by: str | None = None
    legal_ground: str | None = None
    reason: str | None = None

    def to_json(self) -> Json:
        return {"approved": self.approved, "document_number": self.document_number,
                "document_date": self.document_date, "signed_by": self.signed_by,
                "legal_ground": self.legal_ground, "reason": self.reason, "received_at": self.received_at,
                "source": self.source.value}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ResultState:
        return cls(bool(d["approved"]), str(d["received_at"]), ResultSource(d["source"]),
                   _opt(d.get("document_number")), _opt(d.get("document_date")), _opt(d.get("signed_by")),
                   _opt(d.get("legal_ground")), _opt(d.get("reason")))


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

    @property
    def open_requests(self) -> int:
        return sum(1 for r in self.requests if not r.closed)

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
        )
