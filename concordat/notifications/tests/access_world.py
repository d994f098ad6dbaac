"""URL keyword values for the URL-by-role access test (tests/access_matrix.py)."""

from typing import Any

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """A set-password link whose token was never issued: every visitor sees it has stopped working."""
    harriet, leo = world["personas"]["harriet"], world["personas"]["leo"]
    return {
        "uidb64": (
            urlsafe_base64_encode(force_bytes(harriet.pk)),
            urlsafe_base64_encode(force_bytes(leo.pk)),
        ),
        "token": ("c0ffee-0123456789abcdef0123456789abcdef", "c0ffee-0123456789abcdef0123456789abcdef"),
    }
