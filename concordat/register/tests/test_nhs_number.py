import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from concordat.register.nhs_number import check_digit, hash_nhs_number, validate_nhs_number

KEY = b"k" * 32


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9434765919", "9434765919"),
        ("943 476 5919", "9434765919"),
        ("943-476-5919", "9434765919"),
        ("  943 476 5919 ", "9434765919"),
        ("4010232137", "4010232137"),
    ],
)
def test_valid_numbers_are_normalised(text: str, expected: str) -> None:
    assert validate_nhs_number(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter an NHS number"),
        ("943476591", "10 digits long; this one has 9"),
        ("94347659190", "10 digits long; this one has 11"),
        ("943476591X", "only numbers"),
        (
            "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19",
            "only numbers",
        ),  # full-width digits are not accepted
        ("9434765918", "not a valid NHS number"),  # wrong check digit
        ("0000000000", "dummy"),  # passes modulus 11
        ("1111111111", "dummy"),
        ("1000000010", "not a valid NHS number"),  # check value 10 is never issued
    ],
)
def test_invalid_numbers_are_rejected_in_plain_english(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_nhs_number(text)


def test_check_value_ten_means_no_valid_number() -> None:
    assert check_digit("100000001") is None


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _valid(first_nine: str) -> str:
    digit = check_digit(first_nine)
    assume(digit is not None)
    number = first_nine + str(digit)
    assume(len(set(number)) > 1)
    return number


@given(nine_digits)
def test_generated_valid_numbers_pass(first_nine: str) -> None:
    number = _valid(first_nine)
    assert validate_nhs_number(number) == number


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_fails(first_nine: str, position: int, shift: int) -> None:
    number = _valid(first_nine)
    changed = number[:position] + str((int(number[position]) + shift) % 10) + number[position + 1 :]
    with pytest.raises(ValueError):
        validate_nhs_number(changed)


def test_hash_is_keyed_and_ignores_formatting() -> None:
    a = hash_nhs_number("943 476 5919", key=KEY)
    assert a == hash_nhs_number("9434765919", key=KEY)
    assert a != hash_nhs_number("9434765919", key=b"other-key-of-32-bytes-1234567890")
    assert len(a) == 64 and "9434765919" not in a


def test_hash_rejects_short_key_and_invalid_number() -> None:
    with pytest.raises(ValueError, match="key"):
        hash_nhs_number("9434765919", key=b"short")
    with pytest.raises(ValueError, match="not a valid"):
        hash_nhs_number("9434765918", key=KEY)
