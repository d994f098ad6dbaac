"""What the questionnaire designer's audit events say in words (registered with ``audit.words``)."""

from collections.abc import Iterable, Mapping
from typing import Any

from concordat.audit.words import label
from concordat.questionnaires.actions import DRAFT_CHANGED, DRAFT_STARTED, PUBLISHED


def _started(data: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    yield "Short name", str(data.get("slug", ""))
    if data.get("copy_of"):
        yield "Copy of", str(data["copy_of"])


def _changed(data: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    yield "Questionnaire", str(data.get("slug", ""))
    yield "Change", str(data.get("change", ""))


def _published(data: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    yield "Questionnaire", f"{data.get('slug', '')} version {data.get('version', '')}"
    if not data.get("changed"):
        yield "Note", "The definition was the same as the latest version's: nothing changed"


label(DRAFT_STARTED, "Questionnaire draft started", details=_started)
label(DRAFT_CHANGED, "Questionnaire draft changed", details=_changed)
label(PUBLISHED, "Questionnaire published", details=_published)
