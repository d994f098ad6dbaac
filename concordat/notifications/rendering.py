"""A message's text from its template, and the HTML alternative built from that same text."""

import re
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe


def site_url(path: str) -> str:
    """An absolute address for an email: the service's ``SITE_URL`` and a path from ``reverse``."""
    return settings.SITE_URL.rstrip("/") + path


def render_text(template: str, context: dict[str, Any], *, optional: bool) -> str:
    """The plain-text body. Templates extend ``notifications/email/base.txt`` (no HTML escaping)."""
    text = render_to_string(
        template,
        {
            **context,
            "optional": optional,
            "support_email": settings.SUPPORT_EMAIL,
            "preferences_link": site_url(reverse("notifications:preferences")),
        },
    )
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def render_html(subject: str, text: str) -> str:
    """Each paragraph of the text, escaped, with its addresses as links: the same words as the text part."""
    paragraphs = [
        mark_safe(urlize(escape(p)).replace("\n", "<br>"))  # escaped just before
        for p in text.strip().split("\n\n")
    ]
    return render_to_string(
        "notifications/email/message.html", {"subject": subject, "paragraphs": paragraphs}
    )
