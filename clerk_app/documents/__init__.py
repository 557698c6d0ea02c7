"""Printed documents (PDF): receipt, decision notice, registers.

The renderers take the frozen dataclasses of :mod:`clerk_app.documents.data`
and return PDF bytes; they never touch the database.
"""

from clerk_app.documents.data import (
    AnswerInfo,
    ApplicantInfo,
    CentreInfo,
    DecisionData,
    HandoverRegisterData,
    HandoverRow,
    IntakeRegisterData,
    IntakeRegisterRow,
    PlannedRequest,
    ReceiptData,
    ReceivedDocument,
)
from clerk_app.documents.decision import render_decision
from clerk_app.documents.handover_register import render_handover_register
from clerk_app.documents.intake_register import render_intake_register
from clerk_app.documents.receipt import render_receipt

__all__ = [
    "AnswerInfo",
    "ApplicantInfo",
    "CentreInfo",
    "DecisionData",
    "HandoverRegisterData",
    "HandoverRow",
    "IntakeRegisterData",
    "IntakeRegisterRow",
    "PlannedRequest",
    "ReceiptData",
    "ReceivedDocument",
    "render_decision",
    "render_handover_register",
    "render_intake_register",
    "render_receipt",
]
