"""Search keys stored beside each application so that SQLite finds it with a plain index range.

SQLite's lower() does not fold Cyrillic, so the keys are made here: lower case, «ё» as «е»,
punctuation as spaces. The number key is the sequence reversed (a suffix becomes a prefix).
"""

from __future__ import annotations

import re

from clerk_app.domain.numbering import NUMBER_RE

_NOT_NAME = re.compile(r"[^\w-]+")
_EDGE_HYPHENS = re.compile(r"(?:^|\s)-+|-+(?:\s|$)")


def fold(text: str) -> str:
    """Lower case, «ё» as «е», anything but letters, digits and inner hyphens as single spaces."""
    text = text.lower().replace("ё", "е").replace("_", " ")
    text = _NOT_NAME.sub(" ", text)
    text = _EDGE_HYPHENS.sub(" ", f" {text} ")
    return " ".join(text.split())


def name_key(full_name: str) -> str:
    """«Фёдоров Иван Сергеевич» -> «федоров иван сергеевич»."""
    return fold(full_name)


def initials_key(full_name: str) -> str:
    """«Фёдоров Иван Сергеевич» -> «федоров и с»: the surname and the first letters of the rest."""
    words = fold(full_name).split()
    return " ".join(words[:1] + [w[0] for w in words[1:]])


def reversed_sequence(seq: int) -> str:
    return f"{seq:06d}"[::-1]


def number_key(number: str) -> str:
    """«34-001-07-2026-000123» -> «321000-7973-34-001-07».

    The reversed sequence first (any suffix of it is a prefix of the key, and the exact
    sequence, padded with zeros, sorts before longer ones), then the year counted down
    (newest first), then the workstation.
    """
    m = NUMBER_RE.match(number)
    if not m:
        return number[::-1]
    workstation, year, seq = m.groups()
    return f"{seq[::-1]}-{year_key(int(year))}-{workstation}"


def year_key(year: int) -> str:
    return f"{9999 - year:04d}"
