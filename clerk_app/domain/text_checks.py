"""Text typed or imported: no invisible or control characters, no Latin lookalikes inside Russian words."""

from __future__ import annotations

import re
import unicodedata

from clerk_app.domain.errors import ValidationError

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
_WORD_SPLIT = re.compile(r"[\s\-'’]+")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name.lower()})" if name else "")


def bad_characters(text: str) -> list[str]:
    """Control, format (U+202E, U+200B, U+FEFF…), private-use, unassigned and line-separator characters."""
    return [ch for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in _BAD_CATEGORIES]


def check_text(value: str, label: str, field: str) -> str:
    """Refuse invisible or control characters in any text field; returns the value unchanged."""
    bad = bad_characters(value)
    if bad:
        raise ValidationError(f"{label}: недопустимый невидимый или управляющий символ {_describe(bad[0])}; "
                              "наберите значение заново", field)
    return value


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


def check_single_script(text: str, label: str, field: str) -> str:
    """Each word of a name in one alphabet: «Ивaнова» with a Latin «a» is refused."""
    for word in _WORD_SPLIT.split(text):
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            minority = min(scripts, key=lambda s: sum(1 for ch in word if _script(ch) == s))
            odd = next(ch for ch in word if _script(ch) == minority)
            alphabet = {"LATIN": "латинская", "CYRILLIC": "русская"}.get(minority, minority.lower())
            raise ValidationError(f"{label}: в слове «{word}» смешаны русские и латинские буквы "
                                  f"({alphabet} «{odd}»); наберите его заново в одной раскладке", field)
    return text
