from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from clerk_app.domain.errors import ValidationError
from clerk_app.domain.identifiers import (
    field_label,
    format_phone,
    mask_passport,
    mask_snils,
    normalize_cadastral_number,
    normalize_division_code,
    normalize_inn,
    normalize_ogrn,
    normalize_ogrnip,
    normalize_passport,
    normalize_person_name,
    normalize_phone,
    normalize_snils,
    parse_date,
    passport_string,
    validate_birth_date,
)


def digits(n_min: int, n_max: int | None = None) -> st.SearchStrategy[str]:
    n_max = n_min if n_max is None else n_max
    return st.text(alphabet="0123456789", min_size=n_min, max_size=n_max)


def refused(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


# --- checksum helpers written independently of the module -------------------

def snils_control(first9: str) -> str:
    s = sum(int(d) * (9 - i) for i, d in enumerate(first9))
    while s > 101:
        s %= 101
    return "00" if s in (100, 101) else f"{s:02d}"


def inn10(prefix9: str) -> str:
    w = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return prefix9 + str(sum(int(d) * k for d, k in zip(prefix9, w)) % 11 % 10)


def inn12(prefix10: str) -> str:
    w1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    w2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
    a = prefix10 + str(sum(int(d) * k for d, k in zip(prefix10, w1)) % 11 % 10)
    return a + str(sum(int(d) * k for d, k in zip(a, w2)) % 11 % 10)


def ogrn13(prefix12: str) -> str:
    return prefix12 + str(int(prefix12) % 11 % 10)


def ogrnip15(prefix14: str) -> str:
    return prefix14 + str(int(prefix14) % 13 % 10)


def change_one_digit(value: str, pos: int, delta: int) -> str:
    d = (int(value[pos]) + delta) % 10
    return value[:pos] + str(d) + value[pos + 1:]


# --- field labels -----------------------------------------------------------

@pytest.mark.parametrize(
    "field,expected",
    [
        ("snils", "СНИЛС"),
        ("applicant.snils", "СНИЛС заявителя"),
        ("representative.inn", "ИНН представителя"),
        ("passport.division_code", "Код подразделения"),
        ("applicant.passport.division_code", "Код подразделения заявителя"),
        ("subject.cadastral_number", "Кадастровый номер объекта"),
        ("something_unknown", "Запасное"),
    ],
)
def test_field_label(field, expected):
    assert field_label(field, "Запасное") == expected


# --- СНИЛС ------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw", ["112-233-445 95", "11223344595", " 112 233 445 95 ", "112-233-445-95", "112–233–445 95"]
)
def test_snils_valid_forms(raw):
    assert normalize_snils(raw) == "112-233-445 95"


@pytest.mark.parametrize(
    "first9,control",
    [
        ("001001998", "00"),  # last number without a checksum: anything goes
        ("001001998", "47"),
        ("000000001", "99"),
        ("001001999", snils_control("001001999")),  # first number with a checksum
    ],
)
def test_snils_checksum_threshold(first9, control):
    assert normalize_snils(first9 + control).replace("-", "").replace(" ", "") == first9 + control


def test_snils_first_checked_number_refuses_wrong_control():
    good = snils_control("001001999")
    bad = f"{(int(good) + 1) % 100:02d}"
    err = refused(normalize_snils, "001001999" + bad)
    assert "контрольная сумма" in err.message


@pytest.mark.parametrize("first9,total", [("001019989", 100), ("001029985", 101)])
def test_snils_sum_100_and_101_give_00(first9, total):
    assert sum(int(d) * (9 - i) for i, d in enumerate(first9)) == total
    assert normalize_snils(first9 + "00") == f"{first9[:3]}-{first9[3:6]}-{first9[6:]} 00"
    assert "контрольная" in refused(normalize_snils, first9 + "01").message


def test_snils_sum_above_101_is_reduced_mod_101():
    # 999999999: sum 405 -> 405 mod 101 = 1 -> "01"
    assert normalize_snils("99999999901") == "999-999-999 01"
    # 899999999: sum 396 -> 396 mod 101 = 93
    assert normalize_snils("89999999993") == "899-999-999 93"


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("112-233-445 96", "неверная контрольная сумма"),
        ("112-233-445 9", "должен содержать 11 цифр"),
        ("112-233-445 955", "должен содержать 11 цифр"),
        ("112-233-445 9a", "только цифры"),
        ("112/233/445 95", "только цифры"),
        ("", "не указано"),
        ("   ", "не указано"),
        ("000-000-000 00", "нулей"),
    ],
)
def test_snils_invalid(raw, problem):
    err = refused(normalize_snils, raw, field="applicant.snils")
    assert err.field == "applicant.snils"
    assert err.message.startswith("СНИЛС заявителя: ")
    assert problem in err.message


def test_snils_default_field_and_message():
    err = refused(normalize_snils, "112-233-445 96")
    assert err.field == "snils"
    assert err.message == "СНИЛС: неверная контрольная сумма"


def test_snils_rejects_non_ascii_digits_and_none():
    assert "только цифры" in refused(normalize_snils, "١١٢٢٣٣٤٤٥٩٥").message
    assert refused(normalize_snils, None).field == "snils"
    assert "формат" in refused(normalize_snils, 11223344595).message


@given(st.integers(min_value=1001999, max_value=999_999_999))
def test_snils_generated_valid_pass_and_one_digit_change_fails(n):
    first9 = f"{n:09d}"
    value = first9 + snils_control(first9)
    normalized = normalize_snils(value)
    assert normalized == f"{value[:3]}-{value[3:6]}-{value[6:9]} {value[9:]}"
    assert normalize_snils(normalized) == normalized


@given(st.integers(min_value=1001999, max_value=999_999_999), st.integers(0, 10), st.integers(1, 9))
def test_snils_one_changed_digit_fails(n, pos, delta):
    first9 = f"{n:09d}"
    value = first9 + snils_control(first9)
    changed = change_one_digit(value, pos, delta)
    # A change in the number part may fall to the unchecked range; skip those.
    assume(int(changed[:9]) > 1001998)
    err = refused(normalize_snils, changed)
    assert err.message == "СНИЛС: неверная контрольная сумма"


def test_mask_snils():
    assert mask_snils("112-233-445 95") == "***-***-445 95"
    assert mask_snils("11223344595") == "***-***-445 95"
    assert mask_snils("garbage 12") == "***"
    assert mask_snils("") == "***"


# --- ИНН --------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("7707083893", "7707083893"),
    ("77 07 08 38 93", "7707083893"),
    ("344404512333", "344404512333"),
    ("3444-0451-2333", "344404512333"),
    ("500100732259", "500100732259"),
])
def test_inn_valid(raw, expected):
    assert normalize_inn(raw) == expected


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("7707083894", "неверная контрольная сумма"),
        ("344404512334", "неверная контрольная сумма"),
        ("344404512323", "неверная контрольная сумма"),  # 11th digit wrong
        ("77070838", "должен содержать 10 или 12 цифр"),
        ("77070838931", "должен содержать 10 или 12 цифр"),
        ("770708389X", "только цифры"),
        ("", "не указано"),
        ("0000000000", "«00»"),
    ],
)
def test_inn_invalid(raw, problem):
    err = refused(normalize_inn, raw, field="organization.inn")
    assert err.field == "organization.inn"
    assert err.message.startswith("ИНН организации: ")
    assert problem in err.message


def test_inn_message_names_field():
    assert refused(normalize_inn, "123").message == "ИНН: должен содержать 10 или 12 цифр"


@given(digits(9).filter(lambda s: not s.startswith("00")))
def test_inn10_generated_valid(prefix):
    value = inn10(prefix)
    assert normalize_inn(value) == value
    assert stdnum_inn.is_valid(value)


@given(digits(10).filter(lambda s: not s.startswith("00")))
def test_inn12_generated_valid(prefix):
    value = inn12(prefix)
    assert normalize_inn(value) == value
    assert stdnum_inn.is_valid(value)


@given(digits(9).filter(lambda s: not s.startswith("00")), st.integers(1, 9))
def test_inn10_changed_check_digit_fails(prefix, delta):
    value = change_one_digit(inn10(prefix), 9, delta)
    assert "контрольная" in refused(normalize_inn, value).message


@given(digits(10).filter(lambda s: not s.startswith("00")), st.sampled_from([10, 11]), st.integers(1, 9))
def test_inn12_changed_check_digit_fails(prefix, pos, delta):
    value = change_one_digit(inn12(prefix), pos, delta)
    assert "контрольная" in refused(normalize_inn, value).message


@given(digits(12))
def test_inn12_agrees_with_stdnum(value):
    ours = True
    try:
        normalize_inn(value)
    except ValidationError:
        ours = False
    assert ours == (stdnum_inn.is_valid(value) and not value.startswith("00"))


# --- ОГРН / ОГРНИП -----------------------------------------------------------

def test_ogrn_valid_known():
    assert normalize_ogrn("1027700132195") == "1027700132195"
    assert normalize_ogrn("1 02 77 00 13219 5") == "1027700132195"


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("1027700132196", "неверная контрольная цифра"),
        ("102770013219", "должен содержать 13 цифр"),
        ("3027700132195", "начинаться с цифры 1 или 5"),
        ("", "не указано"),
    ],
)
def test_ogrn_invalid(raw, problem):
    err = refused(normalize_ogrn, raw, field="organization.ogrn")
    assert err.field == "organization.ogrn"
    assert err.message.startswith("ОГРН организации: ")
    assert problem in err.message


@given(st.sampled_from("15"), digits(11))
def test_ogrn_generated_valid_and_changed_fails(first, rest):
    value = ogrn13(first + rest)
    assert normalize_ogrn(value) == value
    assert stdnum_ogrn.is_valid(value)
    bad = change_one_digit(value, 12, 1)
    assert refused(normalize_ogrn, bad).message == "ОГРН: неверная контрольная цифра"


def test_ogrnip_valid_known():
    assert normalize_ogrnip("304500116000157") == "304500116000157"
    assert normalize_ogrnip("3045 0011 6000 157") == "304500116000157"


@pytest.mark.parametrize("remainder", [10, 11, 12])
def test_ogrnip_remainders_10_to_12_use_last_digit_of_remainder(remainder):
    # Find a 14-digit prefix starting with 3 whose remainder mod 13 is 10..12.
    base = 30450011600015
    prefix = next(p for p in range(base, base + 13) if p % 13 == remainder)
    expected_digit = remainder % 10  # 0, 1, 2
    good = f"{prefix}{expected_digit}"
    assert normalize_ogrnip(good) == good
    # The reading "remainder >= 10 -> 0" is wrong for 11 and 12: it must be refused then.
    if remainder != 10:
        err = refused(normalize_ogrnip, f"{prefix}0")
        assert err.message == "ОГРНИП: неверная контрольная цифра"
    else:
        assert "контрольная" in refused(normalize_ogrnip, f"{prefix}1").message


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("304500116000158", "неверная контрольная цифра"),
        ("30450011600015", "должен содержать 15 цифр"),
        ("104500116000157", "начинаться с цифры 3"),
        ("abc", "только цифры"),
    ],
)
def test_ogrnip_invalid(raw, problem):
    err = refused(normalize_ogrnip, raw, field="applicant.ogrnip")
    assert err.field == "applicant.ogrnip"
    assert err.message.startswith("ОГРНИП заявителя: ")
    assert problem in err.message


@given(digits(13))
def test_ogrnip_generated_valid_and_changed_fails(rest):
    value = ogrnip15("3" + rest)
    assert normalize_ogrnip(value) == value
    for delta in range(1, 10):
        bad = change_one_digit(value, 14, delta)
        assert "контрольная" in refused(normalize_ogrnip, bad).message


# --- passport, division code -----------------------------------------------

@pytest.mark.parametrize(
    "series,number",
    [("1806", "123456"), ("18 06", "123456"), (" 18  06 ", " 123 456 "), ("1806", "№ 123456")],
)
def test_passport_valid(series, number):
    assert normalize_passport(series, number) == ("18 06", "123456")
    assert passport_string(series, number) == "18 06 123456"


@pytest.mark.parametrize(
    "series,number,problem",
    [
        ("180", "123456", "серия должна содержать 4 цифры"),
        ("18 0A", "123456", "серия должна содержать 4 цифры"),
        ("1806", "12345", "номер должен содержать 6 цифр"),
        ("1806", "1234567", "номер должен содержать 6 цифр"),
        ("1806", "000000", "нулей"),
        ("", "123456", "серия не указана"),
        ("1806", "  ", "номер не указан"),
    ],
)
def test_passport_invalid(series, number, problem):
    err = refused(normalize_passport, series, number, field="applicant.passport")
    assert err.field == "applicant.passport"
    assert err.message.startswith("Паспорт заявителя: ")
    assert problem in err.message


def test_passport_default_field():
    err = refused(passport_string, "18", "123456")
    assert err.field == "passport"
    assert err.message == "Паспорт: серия должна содержать 4 цифры"


def test_mask_passport():
    assert mask_passport("18 06 123456") == "** ** ***456"
    assert mask_passport("1806123456") == "** ** ***456"
    assert mask_passport("18 06") == "***"


@pytest.mark.parametrize("raw", ["340-001", "340001", "340 001", " 340 - 001 "])
def test_division_code_valid(raw):
    assert normalize_division_code(raw) == "340-001"


@pytest.mark.parametrize("raw,problem", [
    ("34-001", "6 цифр"), ("3400011", "6 цифр"), ("340_001", "только цифры"), ("", "не указано"),
])
def test_division_code_invalid(raw, problem):
    err = refused(normalize_division_code, raw)
    assert err.field == "passport.division_code"
    assert err.message.startswith("Код подразделения: ")
    assert problem in err.message


# --- cadastral number ---------------------------------------------------------

@pytest.mark.parametrize(
    "raw,expected",
    [
        ("34:34:060052:1234", "34:34:060052:1234"),
        (" 34 : 34 : 060052 : 1234 ", "34:34:060052:1234"),
        ("77:01:0001001:7", "77:01:0001001:7"),
        ("50:21:0110114:12345", "50:21:0110114:12345"),
    ],
)
def test_cadastral_valid(raw, expected):
    assert normalize_cadastral_number(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "34:34:06005:1234",  # quarter of 5 digits
        "34:34:06005212:1234",  # quarter of 8 digits
        "3:34:060052:1234",
        "34:344:060052:1234",
        "34:34:060052",  # no object number
        "34:34:060052:",
        "34-34-060052-1234",
        "34:34:060052:12a",
    ],
)
def test_cadastral_invalid(raw):
    err = refused(normalize_cadastral_number, raw)
    assert err.field == "subject.cadastral_number"
    assert err.message.startswith("Кадастровый номер объекта: ")


def test_cadastral_empty():
    err = refused(normalize_cadastral_number, "", field="cadastral_number")
    assert err.message == "Кадастровый номер: значение не указано"


# --- phone ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw",
    [
        "+79171234567",
        "+7 917 123-45-67",
        "8 (917) 123-45-67",
        "89171234567",
        "79171234567",
        "9171234567",
        "+7(917)1234567",
        "8-917-123-45-67",
    ],
)
def test_phone_valid(raw):
    assert normalize_phone(raw) == "+79171234567"


def test_phone_landline_and_toll_free():
    assert normalize_phone("8 (8442) 12-34-56") == "+78442123456"
    assert normalize_phone("8 800 555-35-35") == "+78005553535"


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("+1 202 555 0123", "российские"),
        ("+380 44 123 4567", "российские"),
        ("+7 701 123 45 67", "российские"),  # Kazakhstan
        ("8 917 123 45 6", "10 цифр"),  # 10 digits starting with 8 is ambiguous
        ("917 123 45 6", "10 цифр"),
        ("8 917 123 45 678", "10 цифр"),
        ("+7 917 123 45 6x", "только цифры"),
        ("", "не указано"),
        ("+", "только цифры"),
    ],
)
def test_phone_invalid(raw, problem):
    err = refused(normalize_phone, raw, field="applicant.phone")
    assert err.field == "applicant.phone"
    assert err.message.startswith("Телефон заявителя: ")
    assert problem in err.message


def test_format_phone():
    assert format_phone("+79171234567") == "+7 917 123-45-67"
    assert format_phone("8 (8442) 12-34-56") == "+7 844 212-34-56"


@given(st.sampled_from("3489"), digits(9), st.sampled_from(["+7", "8", "7", "+7 ", "8 (", "7-"]))
def test_phone_roundtrip(first, rest, prefix):
    national = first + rest
    normalized = normalize_phone(prefix + national)
    assert normalized == "+7" + national
    assert normalize_phone(format_phone(normalized)) == normalized


# --- dates --------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["2025-04-25", "25.04.2025", " 25.04.2025 ", "5.4.2025"])
def test_parse_date_valid(raw):
    expected = date(2025, 4, 5) if raw == "5.4.2025" else date(2025, 4, 25)
    assert parse_date(raw, "birth_date") == expected


def test_parse_date_passes_date_through():
    assert parse_date(date(2020, 1, 2), "date") == date(2020, 1, 2)


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("2025-02-30", "не существует"),
        ("31.04.2025", "не существует"),
        ("2025/04/25", "ДД.ММ.ГГГГ"),
        ("25.04.25", "ДД.ММ.ГГГГ"),
        ("", "не указано"),
    ],
)
def test_parse_date_invalid(raw, problem):
    err = refused(parse_date, raw, "applicant.birth_date")
    assert err.field == "applicant.birth_date"
    assert err.message.startswith("Дата рождения заявителя: ")
    assert problem in err.message


def test_parse_date_issued_on_label():
    err = refused(parse_date, "01.13.2010", field="passport.issued_on")
    assert err.message.startswith("Дата выдачи: ")


def test_birth_date_rules():
    today = date(2025, 6, 1)
    assert validate_birth_date(date(1980, 6, 1), today) == date(1980, 6, 1)
    assert validate_birth_date(today, today) == today
    assert validate_birth_date(date(1900, 1, 1), today) == date(1900, 1, 1)
    err = refused(validate_birth_date, date(2025, 6, 2), today, "applicant.birth_date")
    assert err.field == "applicant.birth_date"
    assert err.message == "Дата рождения заявителя: не может быть в будущем"
    assert "1900" in refused(validate_birth_date, date(1899, 12, 31), today).message


def test_birth_date_age_limit():
    today = date(2040, 3, 10)
    assert validate_birth_date(date(1910, 3, 10), today)  # exactly 130
    err = refused(validate_birth_date, date(1909, 3, 10), today)  # 131
    assert "130" in err.message
    assert validate_birth_date(date(1909, 3, 11), today)  # 130 until tomorrow


# --- names ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw,expected",
    [
        ("  Иванова   Мария\tПетровна ", "Иванова Мария Петровна"),
        ("Салтыков-Щедрин", "Салтыков-Щедрин"),
        ("д'Артаньян", "д'Артаньян"),
        ("O’Brien", "O’Brien"),
        ("Семёнов", "Семёнов"),
        ("иванов", "иванов"),  # capitalisation is left as typed
        ("ИВАНОВ", "ИВАНОВ"),
        ("Müller", "Müller"),
        ("И\u0306ван", "Йван"),  # combining breve is composed (NFC)
    ],
)
def test_person_name_valid(raw, expected):
    assert normalize_person_name(raw, "applicant.full_name") == expected


@pytest.mark.parametrize(
    "raw,problem",
    [
        ("Иванов2", "«2»"),
        ("Иванов!", "«!»"),
        ("Ivanov_", "«_»"),
        ("王小明", "недопустимые символы"),
        ("-", "хотя бы одну букву"),
        ("   ", "не указано"),
        ("А" * 101, "100"),
    ],
)
def test_person_name_invalid(raw, problem):
    err = refused(normalize_person_name, raw, "applicant.last_name")
    assert err.field == "applicant.last_name"
    assert err.message.startswith("Фамилия заявителя: ")
    assert problem in err.message


def test_person_name_length_counts_after_collapse():
    raw = "А" * 50 + "     " + "Б" * 49
    assert len(normalize_person_name(raw, "full_name")) == 100


@given(st.lists(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗ-'", min_size=1, max_size=12)
                .filter(lambda w: any(c.isalpha() for c in w)), min_size=1, max_size=5))
def test_person_name_generated(words):
    raw = "  ".join(words)
    assume(len(" ".join(words)) <= 100)
    result = normalize_person_name(" " + raw + " ", "first_name")
    assert result == " ".join(words)
    assert normalize_person_name(result, "first_name") == result
