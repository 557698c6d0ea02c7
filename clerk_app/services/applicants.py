"""Applicants: a known citizen is found by СНИЛС or passport and reused."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.application import ApplicantState, PassportState
from clerk_app.domain.application_form import ApplicantData
from clerk_app.services import audit
from clerk_app.services.clock import rfc3339
from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor, Perm
from clerk_app.storage.models import Applicant


def find_known(session: Session, snils: str | None, passport: tuple[str, str] | None) -> Applicant | None:
    """The applicant with this СНИЛС, else with this passport (series, number)."""
    if snils:
        found = session.scalar(select(Applicant).where(Applicant.snils == snils))
        if found is not None:
            return found
    if passport:
        series, number = passport
        return session.scalar(select(Applicant).where(
            Applicant.passport_series == series, Applicant.passport_number == number))
    return None


def upsert(session: Session, ctx: AppContext, data: ApplicantData) -> Applicant:
    """The known applicant with the newest data, or a new one."""
    row = find_known(session, data.snils, (data.passport.series, data.passport.number) if data.passport else None)
    if row is None:
        row = Applicant(id=str(uuid.uuid4()))
        session.add(row)
    row.last_name, row.first_name, row.middle_name = data.last_name, data.first_name, data.middle_name
    row.name_key = data.full_name.lower()
    row.birth_date = data.birth_date
    row.snils = data.snils or row.snils
    row.inn = data.inn or row.inn
    if data.passport:
        p = data.passport
        row.passport_series, row.passport_number = p.series, p.number
        row.passport_issued_by, row.passport_issued_on, row.division_code = p.issued_by, p.issued_on, p.division_code
    row.phone = data.phone or row.phone
    row.address = data.address or row.address
    row.updated_at = rfc3339(ctx.now())
    session.flush()
    return row


def known_applicant(a: Applicant) -> ApplicantState:
    """A stored applicant as typed state, to prefill a new application."""
    passport = (PassportState(a.passport_series, a.passport_number or "", a.passport_issued_by,
                              a.passport_issued_on.isoformat() if a.passport_issued_on else None, a.division_code)
                if a.passport_series else None)
    full_name = " ".join(p for p in (a.last_name, a.first_name, a.middle_name) if p)
    return ApplicantState(full_name, a.last_name, a.first_name, a.middle_name, a.birth_date.isoformat(), a.snils,
                          a.inn, passport, a.phone, a.address)


def lookup(ctx: AppContext, actor: Actor, *, snils: str | None = None, passport_series: str | None = None,
           passport_number: str | None = None) -> ApplicantState | None:
    """A known applicant's data for a new application, or None."""
    actor.require(Perm.REGISTER)
    passport = (passport_series, passport_number) if passport_series and passport_number else None
    with ctx.db.read() as s:
        row = find_known(s, snils, passport)
        if row is None:
            return None
        found, row_id = known_applicant(row), row.id
    audit.record_view(ctx, actor.login, "view", "applicant", row_id)
    return found
