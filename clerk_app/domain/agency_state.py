"""Typed, frozen state of the agency leg: who collected a result, the handover, the agency's result,
a supervisor's override. Part of `ApplicationState` (clerk_app.domain.application)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clerk_app.domain.enums import Collector, HandoverWay, ResultSource

Json = dict[str, Any]


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


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
class OverrideState:
    """A supervisor let an act go ahead while requests were open or not sent: audited and printed."""

    act: str  # "decide" | "handover"
    reason: str
    operator: str
    at: str

    def to_json(self) -> Json:
        return {"act": self.act, "reason": self.reason, "operator": self.operator, "at": self.at}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> OverrideState:
        return cls(str(d.get("act") or ""), str(d.get("reason") or ""), str(d.get("operator") or ""),
                   str(d.get("at") or ""))
