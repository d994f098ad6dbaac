from typing import Any

from django.conf import settings
from django.http import HttpRequest


def support(request: HttpRequest) -> dict[str, Any]:
    """The address pages give where they say "contact the programme team"."""
    return {"support_email": settings.SUPPORT_EMAIL}
