"""Finding an application's projection row by its number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.errors import NotFound
from clerk_app.storage.models import Application


def load(session: Session, number: str) -> Application:
    row = session.scalar(select(Application).where(Application.number == number))
    if row is None:
        raise NotFound(f"Заявление {number} не найдено", "number")
    return row
