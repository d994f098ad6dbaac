"""Questionnaires are declared as JSON files in ``definitions/``; this module loads them into tables."""

import hashlib
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from concordat.questionnaires.checking import definition_problems
from concordat.questionnaires.mapping import MappingError, build_mapping, declared_source, question_numbers
from concordat.questionnaires.models import AnswerType, Polarity, Question, Questionnaire, Section

DEFINITIONS_DIR = Path(__file__).parent / "definitions"
RULE_KEYS = (
    "options",
    "min",
    "max",
    "show_if",
    "required_unless",
    "counts_people",
    "columns",
    "min_rows",
    "max_rows",
)


class DefinitionError(ValueError):
    """A questionnaire definition file is malformed."""


def definition_path(slug: str) -> Path:
    return DEFINITIONS_DIR / f"{slug}.json"


def read_definition(path: Path) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    validate_definition(definition)
    return definition


def validate_definition(definition: dict[str, Any]) -> None:
    """Raise :class:`DefinitionError` with the first problem (``checking.definition_problems`` lists all)."""
    problems = definition_problems(definition)
    if problems:
        raise DefinitionError(problems[0].message)
    try:
        declared_source(definition)
    except MappingError as exc:
        raise DefinitionError(str(exc)) from exc


def earlier_questionnaire(definition: dict[str, Any]) -> Questionnaire | None:
    """The questionnaire a definition's ``carries_from`` names, its question mapping checked against it."""
    try:
        source = declared_source(definition)
        if source is None:
            return None
        slug, version = source
        earlier = Questionnaire.objects.filter(slug=slug, version=version).first()
        if earlier is None:
            raise MappingError(
                f"This questionnaire carries answers from {slug} version {version}, which is not loaded: "
                "load that version first."
            )
        build_mapping(
            definition,
            question_numbers(earlier.definition),
            earlier=source,
            later=(str(definition["id"]), 0),  # the check needs no version number
        )
    except MappingError as exc:
        raise DefinitionError(str(exc)) from exc
    return earlier


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
    earlier = earlier_questionnaire(definition)
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
        questionnaire.carries_from = earlier
        questionnaire.save()
    else:
        questionnaire = Questionnaire.objects.create(
            slug=slug,
            version=(latest.version + 1) if latest else 1,
            title=definition["title"],
            definition=definition,
            content_hash=digest,
            carries_from=earlier,
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
                    required=question_def.get("required", True),
                    hint=question_def.get("hint", ""),
                    easy_read=question_def.get("easy_read", ""),
                    rules=question_rules(question_def),
                )
            )
        Question.objects.bulk_create(questions)
    return questionnaire, True


def question_rules(question_def: dict[str, Any]) -> dict[str, Any]:
    """The parts of a question's definition its type's rules read (options, range, conditions)."""
    return {key: question_def[key] for key in RULE_KEYS if question_def.get(key) is not None}


def load_questionnaire_file(slug: str) -> tuple[Questionnaire, bool]:
    return load_questionnaire(read_definition(definition_path(slug)))


def read_definition_file(path: Path) -> dict[str, Any]:
    """A definition from a JSON file or an XLSForm spreadsheet (.xlsx), checked: the one way a file loads.

    A spreadsheet's :class:`DefinitionError` lists every problem, one a line, each at its sheet, row and
    column (``xlsform_reading``).
    """
    if path.suffix.lower() != ".xlsx":
        try:
            return read_definition(path)
        except json.JSONDecodeError as exc:
            raise DefinitionError(f"The file is not valid JSON ({exc}).") from exc
    from concordat.questionnaires.xlsform_reading import SpreadsheetProblems, read_xlsform

    try:
        return read_xlsform(path.read_bytes())
    except SpreadsheetProblems as exc:
        raise DefinitionError("\n".join(exc.problems)) from exc
