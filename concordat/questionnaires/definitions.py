"""Questionnaires are declared as JSON files in ``definitions/``; this module loads them into tables."""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from concordat.questionnaires.models import AnswerType, Polarity, Question, Questionnaire, Section

DEFINITIONS_DIR = Path(__file__).parent / "definitions"


class DefinitionError(ValueError):
    """A questionnaire definition file is malformed."""


def definition_path(slug: str) -> Path:
    return DEFINITIONS_DIR / f"{slug}.json"


def read_definition(path: Path) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    validate_definition(definition)
    return definition


def validate_definition(definition: dict[str, Any]) -> None:
    for key in ("id", "title", "sections"):
        if key not in definition:
            raise DefinitionError(f"The definition has no '{key}'.")
    seen: set[str] = set()
    for section in definition["sections"]:
        for question in section.get("questions", []):
            number = question.get("number")
            if not number or not question.get("text"):
                raise DefinitionError(f"A question in section {section.get('number')} has no number or text.")
            if number in seen:
                raise DefinitionError(f"Question number {number} appears twice.")
            seen.add(number)
            if question.get("answer_type", AnswerType.ASSESSMENT) not in AnswerType.values:
                raise DefinitionError(f"Question {number} has an unknown answer type.")
            if question.get("polarity", Polarity.POSITIVE) not in Polarity.values:
                raise DefinitionError(f"Question {number} has an unknown polarity.")


def content_hash(definition: dict[str, Any]) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def load_questionnaire(definition: dict[str, Any]) -> tuple[Questionnaire, bool]:
    """Load a definition; returns (questionnaire, changed).

    Loading the same definition again changes nothing. A changed definition replaces the latest
    version while no round has opened on it; once it is frozen, the change becomes a new version.
    """
    validate_definition(definition)
    slug = definition["id"]
    digest = content_hash(definition)
    latest = Questionnaire.objects.filter(slug=slug).order_by("-version").first()
    if latest is not None and latest.content_hash == digest:
        return latest, False
    if latest is not None and not latest.is_frozen:
        latest.sections.all().delete()
        questionnaire = latest
        questionnaire.title = definition["title"]
        questionnaire.definition = definition
        questionnaire.content_hash = digest
        questionnaire.save()
    else:
        questionnaire = Questionnaire.objects.create(
            slug=slug,
            version=(latest.version + 1) if latest else 1,
            title=definition["title"],
            definition=definition,
            content_hash=digest,
        )
    position = 0
    for s_pos, section_def in enumerate(definition["sections"], start=1):
        section = Section.objects.create(
            questionnaire=questionnaire,
            number=section_def["number"],
            title=section_def["title"],
            position=s_pos,
        )
        questions = []
        for question_def in section_def.get("questions", []):
            position += 1
            questions.append(
                Question(
                    questionnaire=questionnaire,
                    section=section,
                    number=question_def["number"],
                    text=question_def["text"],
                    answer_type=question_def.get("answer_type", AnswerType.ASSESSMENT),
                    polarity=question_def.get("polarity", Polarity.POSITIVE),
                    position=position,
                )
            )
        Question.objects.bulk_create(questions)
    return questionnaire, True


def load_questionnaire_file(slug: str) -> tuple[Questionnaire, bool]:
    return load_questionnaire(read_definition(definition_path(slug)))
