from __future__ import annotations

from datetime import date, datetime

import pytest

from clerk_app.documents.formatting import count_sheets, fmt_date, fmt_datetime, plural, short_name


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "лист"), (2, "листа"), (4, "листа"), (5, "листов"), (11, "листов"), (12, "листов"), (14, "листов"),
     (21, "лист"), (22, "листа"), (25, "листов"), (101, "лист"), (111, "листов"), (0, "листов")],
)
def test_plural(n: int, word: str) -> None:
    assert plural(n, "лист", "листа", "листов") == word
    assert count_sheets(n) == f"{n} {word}"


def test_dates() -> None:
    assert fmt_date(date(2026, 3, 7)) == "07.03.2026"
    assert fmt_datetime(datetime(2026, 3, 7, 9, 5)) == "07.03.2026 09:05"


def test_short_name() -> None:
    assert short_name("Иванова Мария Петровна") == "Иванова М. П."
    assert short_name("Иванова Мария") == "Иванова М."
    assert short_name("Иванова") == "Иванова"
