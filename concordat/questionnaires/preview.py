"""The designer's preview: a definition's sections as the area's section pages show them, nothing saved.

The area's page (its forms and templates) belongs to ``returns``, above this app, so ``returns`` hands its
section renderer over when it starts (``ReturnsConfig.ready``: the inversion audit's words use too). The
questions are unsaved ``Question`` rows built by the loader's own rule (``definitions.question_rules``).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from concordat.questionnaires.definitions import question_rules
from concordat.questionnaires.models import AnswerType, Polarity, Question

type SectionRenderer = Callable[[HttpRequest, list[Question]], str]

_RENDERERS: list[SectionRenderer] = []


def register_section_renderer(renderer: SectionRenderer) -> None:
    _RENDERERS[:] = [renderer]


def section_questions(section: dict[str, Any]) -> list[Question]:
    """A section's questions as unsaved rows, as the loader would make them."""
    return [
        Question(
            number=str(q["number"]),
            text=str(q.get("text", "")),
            answer_type=q.get("answer_type", AnswerType.ASSESSMENT),
            polarity=q.get("polarity", Polarity.POSITIVE),
            position=position,
            required=q.get("required", True),
            hint=q.get("hint", ""),
            easy_read=q.get("easy_read", ""),
            rules=question_rules(q),
        )
        for position, q in enumerate(section.get("questions", []), start=1)
    ]


def section_html(request: HttpRequest, section: dict[str, Any]) -> str:
    """The section's questions as the area's page renders them ("" before ``returns`` has started)."""
    if not _RENDERERS:
        return ""
    return _RENDERERS[0](request, section_questions(section))
