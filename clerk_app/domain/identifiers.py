"""Validation and normalisation of Russian identifiers typed by a clerk.

Every ``normalize_*`` function takes the raw text, returns the normalised value
or raises :class:`ValidationError` with a Russian message that names the field
in human words and ``field`` set to the caller's field path.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.labels import FIELD_RU
from clerk_app.domain.text_checks import check_single_script

__all__ = [
    "field_label",
    "format_phone",
    "mask_passport",
    "mask_snils",
    "normalize_cadastral_number",
    "normalize_division_code",
    "normalize_inn",
    "normalize_ogrn",
    "normalize_ogrnip",
    "normalize_passport",
    "normalize_person_name",
    "normalize_phone",
    "normalize_snils",
    "parse_date",
    "passport_string",
    "validate_birth_date",
]

# Human names of the last segment of a field path ("applicant.snils" -> "snils").
_FIELD_LABELS = FIELD_RU

# Whose value it is, from the first segment of a field path.
_ROLE_SUFFIXES = {
    "applicant": "заявителя",
    "representative": "представителя",
    "subject": "объекта",
    "organization": "организации",
}

_DIGITS = re.compile(r"[0-9]+")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces, hyphen and dashes


def field_label(field: str, default: str) -> str:
    """The Russian name of a field path, e.g. "applicant.snils" -> "СНИЛС заявителя"."""
    parts = [p for p in field.split(".") if p]
    base = _FIELD_LABELS.get(parts[-1], default) if parts else default
    if len(parts) > 1 and parts[0] in _ROLE_SUFFIXES:
        return f"{base} {_ROLE_SUFFIXES[parts[0]]}"
    return base


def _fail(label: str, problem: str, field: str) -> ValidationError:
    return ValidationError(f"{label}: {problem}", field=field)


def _digits_only(value: object, label: str, field: str) -> str:
    """Strip the separators a clerk naturally types and insist on ASCII digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(label, "значение не указано", field)
    if not isinstance(value, str):
        raise _fail(label, "неверный формат значения", field)
    compact = _SEPARATORS.sub("", value)
    if not _DIGITS.fullmatch(compact):
        raise _fail(label, "допускаются только цифры", field)
    return compact


# --- СНИЛС ---------------------------------------------------------------

def snils_checksum(first9: str) -> int:
    """The two-digit control number of a СНИЛС for its first nine digits."""
    total = sum(int(d) * w for d, w in zip(first9, range(9, 0, -1)))
    if total > 101:
        total %= 101
    return 0 if total in (100, 101) else total


def normalize_snils(value: str, field: str = "snils", *, label: str | None = None) -> str:
    """"11223344595" / "112-233-445 95" -> "112-233-445 95"."""
    label = label or field_label(field, "СНИЛС")
    digits = _digits_only(value, label, field)
    if len(digits) != 11:
        raise _fail(label, "должен содержать 11 цифр", field)
    number, control = digits[:9], int(digits[9:])
    if int(number) == 0:
        raise _fail(label, "номер не может состоять из нулей", field)
    # Numbers up to 001-001-998 were issued before the control number was introduced.
    if int(number) > 1001998 and snils_checksum(number) != control:
        raise _fail(label, "неверная контрольная сумма", field)
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:11]}"


def mask_snils(s: str) -> str:
    """A СНИЛС for logs: "112-233-445 95" -> "***-***-445 95"."""
    digits = "".join(_DIGITS.findall(s or ""))
    if len(digits) != 11:
        return "***"
    return f"***-***-{digits[6:9]} {digits[9:11]}"


# --- ИНН -----------------------------------------------------------------

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _weighted_check(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights)) % 11 % 10


def inn_check_digits(prefix: str) -> str:
    """Control digits for the first 9 (legal entity) or 10 (person) ИНН digits."""
    if len(prefix) == 9:
        return str(_weighted_check(prefix, _INN10_WEIGHTS))
    if len(prefix) == 10:
        d11 = str(_weighted_check(prefix, _INN11_WEIGHTS))
        return d11 + str(_weighted_check(prefix + d11, _INN12_WEIGHTS))
    raise ValueError("prefix must have 9 or 10 digits")


def normalize_inn(value: str, field: str = "inn", *, label: str | None = None) -> str:
    """ИНН of a legal entity (10 digits) or a person (12 digits), spaces allowed."""
    label = label or field_label(field, "ИНН")
    digits = _digits_only(value, label, field)
    if len(digits) not in (10, 12):
        raise _fail(label, "должен содержать 10 или 12 цифр", field)
    if digits.startswith("00"):
        raise _fail(label, "не может начинаться с «00» (неверный код региона)", field)
    prefix = digits[:9] if len(digits) == 10 else digits[:10]
    if inn_check_digits(prefix) != digits[len(prefix):]:
        raise _fail(label, "неверная контрольная сумма", field)
    return digits


# --- ОГРН / ОГРНИП -------------------------------------------------------

def ogrn_check_digit(first12: str) -> int:
    return int(first12) % 11 % 10


def ogrnip_check_digit(first14: str) -> int:
    # The remainder 10..12 gives its last digit (0..2), not always 0.
    return int(first14) % 13 % 10


def normalize_ogrn(value: str, field: str = "ogrn", *, label: str | None = None) -> str:
    """ОГРН of a legal entity: 13 digits, first digit 1 or 5."""
    label = label or field_label(field, "ОГРН")
    digits = _digits_only(value, label, field)
    if len(digits) != 13:
        raise _fail(label, "должен содержать 13 цифр", field)
    if digits[0] not in "15":
        raise _fail(label, "должен начинаться с цифры 1 или 5", field)
    if ogrn_check_digit(digits[:12]) != int(digits[12]):
        raise _fail(label, "неверная контрольная цифра", field)
    return digits


def normalize_ogrnip(value: str, field: str = "ogrnip", *, label: str | None = None) -> str:
    """ОГРНИП of an individual entrepreneur: 15 digits, first digit 3."""
    label = label or field_label(field, "ОГРНИП")
    digits = _digits_only(value, label, field)
    if len(digits) != 15:
        raise _fail(label, "должен содержать 15 цифр", field)
    if digits[0] != "3":
        raise _fail(label, "должен начинаться с цифры 3", field)
    if ogrnip_check_digit(digits[:14]) != int(digits[14]):
        raise _fail(label, "неверная контрольная цифра", field)
    return digits


# --- Passport ------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalize_passport(
    series: str, number: str, field: str = "passport", *, label: str | None = None
) -> tuple[str, str]:
    """Series and number of a Russian passport -> ("18 06", "123456")."""
    label = label or field_label(field, "Паспорт")
    if series is None or (isinstance(series, str) and not series.strip()):
        raise _fail(label, "серия не указана", field)
    if number is None or (isinstance(number, str) and not number.strip()):
        raise _fail(label, "номер не указан", field)
    if not isinstance(series, str) or not isinstance(number, str):
        raise _fail(label, "неверный формат серии или номера", field)
    s = _SPACES.sub("", series)
    n = _SPACES.sub("", number.replace("№", ""))
    if not re.fullmatch(r"[0-9]{4}", s):
        raise _fail(label, "серия должна содержать 4 цифры", field)
    if not re.fullmatch(r"[0-9]{6}", n):
        raise _fail(label, "номер должен содержать 6 цифр", field)
    if n == "000000":
        raise _fail(label, "номер не может состоять из нулей", field)
    return f"{s[:2]} {s[2:]}", n


def passport_string(series: str, number: str, field: str = "passport", *, label: str | None = None) -> str:
    """"1806", "123456" -> "18 06 123456"."""
    s, n = normalize_passport(series, number, field, label=label)
    return f"{s} {n}"


def mask_passport(s: str) -> str:
    """A passport for logs: "18 06 123456" -> "** ** ***456"."""
    digits = "".join(_DIGITS.findall(s or ""))
    if len(digits) != 10:
        return "***"
    return f"** ** ***{digits[-3:]}"


# --- Division code, cadastral number ------------------------------------

def normalize_division_code(
    value: str, field: str = "passport.division_code", *, label: str | None = None
) -> str:
    """Code of the issuing division: "340001" / "340-001" -> "340-001"."""
    label = label or field_label(field, "Код подразделения")
    digits = _digits_only(value, label, field)
    if len(digits) != 6:
        raise _fail(label, "должен содержать 6 цифр в виде 000-000", field)
    return f"{digits[:3]}-{digits[3:]}"


_CADASTRAL = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{6,7}):([0-9]+)")


def normalize_cadastral_number(
    value: str, field: str = "subject.cadastral_number", *, label: str | None = None
) -> str:
    """Cadastral number of a real-estate object: "34:34:060052:1234"."""
    label = label or field_label(field, "Кадастровый номер")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(label, "значение не указано", field)
    if not isinstance(value, str):
        raise _fail(label, "неверный формат значения", field)
    compact = _SPACES.sub("", value)
    if len(compact) > 40 or not _CADASTRAL.fullmatch(compact):
        raise _fail(
            label,
            "ожидается формат АА:ВВ:ККККККК:Н (округ и район по 2 цифры, "
            "квартал 6–7 цифр, номер объекта)",
            field,
        )
    return compact


# --- Phone ---------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s\-\u2010-\u2015().]+")


def normalize_phone(value: str, field: str = "phone", *, label: str | None = None) -> str:
    """A Russian phone number -> "+79171234567" (accepts 8…, +7…, 7… or 10 digits)."""
    label = label or field_label(field, "Телефон")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(label, "значение не указано", field)
    if not isinstance(value, str):
        raise _fail(label, "неверный формат значения", field)
    compact = _PHONE_JUNK.sub("", value)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not _DIGITS.fullmatch(digits or "x"):
        raise _fail(label, "допускаются только цифры, пробелы, скобки, дефисы и «+»", field)
    if plus:
        if not digits.startswith("7"):
            raise _fail(label, "принимаются только российские номера (+7)", field)
        national = digits[1:]
    elif len(digits) == 11 and digits[0] in "78":
        national = digits[1:]
    elif len(digits) == 10 and digits[0] == "8":
        # "8 917 123 45 6" (a digit lost) or "844 212 34 56" (no trunk 8)? Do not guess.
        raise _fail(label, "номер должен содержать 10 цифр после +7 или 8", field)
    else:
        national = digits
    if len(national) != 10:
        raise _fail(label, "номер должен содержать 10 цифр после +7 или 8", field)
    # Russian area/mobile codes begin with 3, 4, 8 or 9; +7 6xx/7xx is Kazakhstan.
    if national[0] not in "3489":
        raise _fail(label, "принимаются только российские номера", field)
    return "+7" + national


def format_phone(normalized: str) -> str:
    """"+79171234567" -> "+7 917 123-45-67"."""
    p = normalize_phone(normalized)
    return f"+7 {p[2:5]} {p[5:8]}-{p[8:10]}-{p[10:12]}"


# --- Dates ---------------------------------------------------------------

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RU_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def parse_date(value: str | date, field: str = "date", *, label: str | None = None) -> date:
    """"2025-04-25" or "25.04.2025" -> date(2025, 4, 25)."""
    label = label or field_label(field, "Дата")
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(label, "значение не указано", field)
    if not isinstance(value, str):
        raise _fail(label, "неверный формат значения", field)
    text = value.strip()
    m = _ISO_DATE.fullmatch(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _RU_DATE.fullmatch(text)
        if not m:
            raise _fail(label, "ожидается дата в виде ДД.ММ.ГГГГ", field)
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        raise _fail(label, "такой даты не существует", field) from None


def validate_birth_date(d: date, today: date, field: str = "birth_date", *, label: str | None = None) -> date:
    """A date of birth: not in the future, not before 1900, age at most 130 years."""
    label = label or field_label(field, "Дата рождения")
    if d > today:
        raise _fail(label, "не может быть в будущем", field)
    if d < date(1900, 1, 1):
        raise _fail(label, "не может быть раньше 01.01.1900", field)
    age = today.year - d.year - ((today.month, today.day) < (d.month, d.day))
    if age > 130:
        raise _fail(label, "возраст не может превышать 130 лет", field)
    return d


# --- Names ---------------------------------------------------------------

_NAME_PUNCT = frozenset("-'’ ")


def _is_name_letter(ch: str) -> bool:
    if not ch.isalpha():
        return False
    name = unicodedata.name(ch, "")
    return name.startswith(("CYRILLIC", "LATIN"))


def normalize_person_name(value: str, field: str = "full_name", *, label: str | None = None) -> str:
    """A surname, given name, patronymic or full name: trimmed, single spaces, case kept."""
    label = label or field_label(field, "ФИО")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(label, "значение не указано", field)
    if not isinstance(value, str):
        raise _fail(label, "неверный формат значения", field)
    text = " ".join(unicodedata.normalize("NFC", value).split())
    bad = sorted({ch for ch in text if ch not in _NAME_PUNCT and not _is_name_letter(ch)})
    if bad:
        shown = " ".join(f"«{ch}»" for ch in bad[:5])
        raise _fail(
            label,
            f"недопустимые символы {shown}; разрешены буквы, дефис, апостроф и пробел",
            field,
        )
    if not any(_is_name_letter(ch) for ch in text):
        raise _fail(label, "должно содержать хотя бы одну букву", field)
    check_single_script(text, label, field)
    if len(text) > 100:
        raise _fail(label, "не длиннее 100 символов", field)
    return text
