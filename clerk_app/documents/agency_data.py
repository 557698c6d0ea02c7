"""Frozen inputs of the agency-leg documents: return register, intake refusal notice, issue note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.documents.data import ApplicantInfo, CentreInfo


@dataclass(frozen=True)
class ReturnRow:
    number: str
    registered_at: datetime
    applicant_name: str
    service_name: str
    result_number: str  # the agency's document number
    result_date: date
    storage_until: date


@dataclass(frozen=True)
class ReturnRegisterData:
    """Unclaimed results returned to one agency (реестр возврата невостребованных результатов)."""

    centre: CentreInfo
    agency: str
    register_number: str
    rows: tuple[ReturnRow, ...]
    compiled_at: datetime
    sender_name: str
    receiver_name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))


@dataclass(frozen=True)
class IntakeRefusalData:
    """Уведомление об отказе в приёме документов."""

    centre: CentreInfo
    number: str
    registered_at: datetime
    applicant: ApplicantInfo
    service_name: str
    service_agency: str
    refused_at: datetime
    ground: str  # the legal ground, as the catalogue words it
    reason: str  # what exactly is wrong, in the clerk's words
    operator_name: str
    documents: tuple[str, ...] = ()  # what is given back to the applicant

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(self.documents))
        if not self.ground.strip():
            raise ValueError("an intake refusal names its legal ground")


@dataclass(frozen=True)
class IssueNote:
    """Who collected the result, noted on the centre's copy of the receipt."""

    issued_at: datetime
    operator_name: str
    collector_name: str
    result: str  # e.g. «Решение № 1234-р от 08.12.2026 о предоставлении услуги»
    representative_document: str = ""  # «паспорт 18 06 123456»
    power_of_attorney: str = ""  # «доверенность № 34 АА 123456 от 01.12.2026, выдана …, действует до …»
    override_note: str = ""
