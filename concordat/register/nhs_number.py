"""NHS numbers: checking them, and turning them into a keyed pseudonym. The number itself is never shown.

Rules (NHS Data Dictionary, "NHS Number"): 10 digits; the 10th is a modulus 11 check digit over the first
nine, weighted 10 down to 2; a remainder giving check value 11 means 0, and check value 10 means the number
is not valid (such numbers are never issued). We also reject numbers made of one repeated digit
(0000000000, 1111111111, ...): several pass the modulus 11 check but are well-known dummy or default
values, never real patients. We do not restrict the range (e.g. 999 test numbers or Scottish CHI-range
numbers): a patient in English NHS-funded care may hold a number issued anywhere in the UK, and the register
must accept the published example 943 476 5919.
"""

from __future__ import annotations

import hashlib
import hmac

_SEPARATORS = str.maketrans("", "", " -\u00a0\t")
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
MIN_KEY_BYTES = 16


def check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for nine digits, or None when no valid number can start with them."""
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def validate_nhs_number(text: str) -> str:
    """Return the NHS number as 10 digits, or raise ValueError with a message a person can act on."""
    if not isinstance(text, str):
        raise ValueError("Enter the NHS number as text, for example 943 476 5919")
    digits = text.strip().translate(_SEPARATORS)
    if not digits:
        raise ValueError("Enter an NHS number, or leave the cell empty if it is not known")
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError("An NHS number must contain only numbers, for example 943 476 5919")
    if len(digits) != 10:
        raise ValueError(f"An NHS number must be 10 digits long; this one has {len(digits)}")
    if len(set(digits)) == 1:
        raise ValueError(
            "This is a dummy NHS number (one digit repeated); enter the person's real NHS number"
        )
    expected = check_digit(digits[:9])
    if expected is None or expected != int(digits[9]):
        raise ValueError("This is not a valid NHS number; check it has been copied correctly")
    return digits


def hash_nhs_number(number: str, *, key: bytes) -> str:
    """A keyed pseudonym (HMAC-SHA256, hex) for matching the same person across uploads.

    The number is validated and normalised first, so "943 476 5919" and "9434765919" give the same result.
    Without the key (kept outside the database) the pseudonym cannot be turned back into the number by
    trying all valid numbers.
    """
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"The pseudonymisation key must be at least {MIN_KEY_BYTES} bytes long")
    digits = validate_nhs_number(number)
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
