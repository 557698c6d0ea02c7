"""Report facts: one narrow row per application and per request, made from the events."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clerk_app.storage.models import Base


class ReportCase(Base):
    """One application's milestones as UTC epoch seconds and its deadlines as local dates."""

    __tablename__ = "report_cases"
    __table_args__ = (
        Index("ix_report_cases_application", "application_id", unique=True),
        Index("ix_report_cases_issued", "issued_ts"),
        {"sqlite_with_rowid": False},
    )
    reg_ts: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_code: Mapped[str] = mapped_column(String(60))
    operator: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(40))
    due_date: Mapped[str] = mapped_column(String(10))
    intake_refused_ts: Mapped[int | None] = mapped_column(Integer)
    withdrawn_ts: Mapped[int | None] = mapped_column(Integer)
    handed_over_ts: Mapped[int | None] = mapped_column(Integer)
    handover_late: Mapped[int | None] = mapped_column(Integer)
    result_ts: Mapped[int | None] = mapped_column(Integer)
    result_approved: Mapped[int | None] = mapped_column(Integer)
    decided_ts: Mapped[int | None] = mapped_column(Integer)
    decided_approved: Mapped[int | None] = mapped_column(Integer)
    issued_ts: Mapped[int | None] = mapped_column(Integer)
    returned_ts: Mapped[int | None] = mapped_column(Integer)
    storage_until: Mapped[str | None] = mapped_column(String(10))
    outcome_late: Mapped[int | None] = mapped_column(Integer)
    issue_days: Mapped[int | None] = mapped_column(Integer)


class ReportRequest(Base):
    """One interagency request of an application, keyed by its application's registration time."""

    __tablename__ = "report_requests"
    __table_args__ = (
        Index("ix_report_requests_application", "application_id"),
        {"sqlite_with_rowid": False},
    )
    reg_ts: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    application_id: Mapped[str] = mapped_column(String(36))
    service_code: Mapped[str] = mapped_column(String(60))
    operator: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(40))
    sent_ts: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[str | None] = mapped_column(String(10))
    answered_ts: Mapped[int | None] = mapped_column(Integer)
    answer_day: Mapped[str | None] = mapped_column(String(10))
    closed_ts: Mapped[int | None] = mapped_column(Integer)
