"""Editing a questionnaire definition dict, one change at a time: what the designer's pages do.

Pure Python, no Django. Each function changes ``definition`` in place; positions are 1-based, as the pages
show them. Numbers are the questions' identity (rules name them, answers and analysis key on them), so
moving a question or section never renumbers anything: a new one takes the next free number.
"""

from __future__ import annotations

import copy
from typing import Any

from concordat.questionnaires.types import QUESTION_KEYS


class DraftError(ValueError):
    """A change the draft cannot take (a position that is not there); the message says why."""


def blank(*, slug: str, title: str) -> dict[str, Any]:
    return {"id": slug, "title": title, "signatories": [], "sections": []}


def copied(source: dict[str, Any], *, slug: str, title: str) -> dict[str, Any]:
    """A copy of an earlier questionnaire's definition under a new (or the same) short name and title."""
    definition = copy.deepcopy(source)
    definition.update(id=slug, title=title)
    return definition


def section_at(definition: dict[str, Any], position: int) -> dict[str, Any]:
    sections: list[dict[str, Any]] = definition["sections"]
    if not 1 <= position <= len(sections):
        raise DraftError(f"There is no section {position}.")
    return sections[position - 1]


def question_at(definition: dict[str, Any], section: int, position: int) -> dict[str, Any]:
    questions: list[dict[str, Any]] = section_at(definition, section).setdefault("questions", [])
    if not 1 <= position <= len(questions):
        raise DraftError(f"There is no question {position} in section {section}.")
    return questions[position - 1]


def _next_number(numbers: list[str], prefix: str = "") -> str:
    used = [int(n[len(prefix) :]) for n in numbers if n.startswith(prefix) and n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1}"


def add_section(definition: dict[str, Any], title: str) -> dict[str, Any]:
    number = _next_number([str(s["number"]) for s in definition["sections"]])
    section = {"number": number, "title": title, "questions": []}
    definition["sections"].append(section)
    return section


def rename_section(definition: dict[str, Any], position: int, title: str) -> None:
    section_at(definition, position)["title"] = title


def remove_section(definition: dict[str, Any], position: int) -> dict[str, Any]:
    section_at(definition, position)
    removed: dict[str, Any] = definition["sections"].pop(position - 1)
    return removed


def _move(items: list[Any], position: int, step: int) -> None:
    target = position - 1 + step
    if 0 <= target < len(items):
        items[position - 1], items[target] = items[target], items[position - 1]


def move_section(definition: dict[str, Any], position: int, step: int) -> None:
    section_at(definition, position)
    _move(definition["sections"], position, step)


def all_numbers(definition: dict[str, Any]) -> list[str]:
    return [str(q["number"]) for s in definition["sections"] for q in s.get("questions", [])]


def next_question_number(definition: dict[str, Any], section: int) -> str:
    """The number a question added to ``section`` takes: one more than the section's highest."""
    return _next_number(all_numbers(definition), f"{section_at(definition, section)['number']}.")


def save_question(
    definition: dict[str, Any], section: int, position: int | None, settings: dict[str, Any]
) -> dict[str, Any]:
    """Add (``position`` None) or change a question; ``settings`` are its definition keys but the number.

    Keys the designer leaves empty are dropped, so the definition holds what a hand-written file would.
    Changing a question keeps every key ``settings`` does not name.
    """
    unknown = set(settings) - QUESTION_KEYS
    if unknown:
        raise DraftError(f"A question has no setting {sorted(unknown)[0]}.")
    target = section_at(definition, section)
    questions: list[dict[str, Any]] = target.setdefault("questions", [])
    if position is None:
        question: dict[str, Any] = {"number": next_question_number(definition, section)}
        questions.append(question)
    else:
        question = question_at(definition, section, position)
        # Only the keys this change sets are replaced: the number, a polarity and the conditions (which their
        # own page sets) stay.
        for key in settings:
            question.pop(key, None)
    question.update({k: v for k, v in settings.items() if v not in (None, "", [])})
    return question


def set_rule(
    definition: dict[str, Any], section: int, position: int, kind: str | None, rule: dict[str, Any] | None
) -> None:
    """Give the question one condition (``show_if`` or ``required_unless``), or none (``kind`` None)."""
    question = question_at(definition, section, position)
    question.pop("show_if", None)
    question.pop("required_unless", None)
    if kind is not None:
        if kind not in ("show_if", "required_unless") or rule is None:
            raise DraftError("Choose when the question is asked or required.")
        question[kind] = rule


def remove_question(definition: dict[str, Any], section: int, position: int) -> dict[str, Any]:
    question_at(definition, section, position)
    removed: dict[str, Any] = section_at(definition, section)["questions"].pop(position - 1)
    return removed


def move_question(definition: dict[str, Any], section: int, position: int, step: int) -> None:
    question_at(definition, section, position)
    _move(section_at(definition, section)["questions"], position, step)


def set_signatories(definition: dict[str, Any], roles: list[tuple[str, str]]) -> None:
    """The sign-off block: which roles must sign, as (role, label)."""
    definition["signatories"] = [{"role": role, "label": label} for role, label in roles]
