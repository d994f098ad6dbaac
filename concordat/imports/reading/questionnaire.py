"""The questionnaire definition as the reader needs it: numbers, wording, polarity, signatory roles."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Question:
    number: str
    text: str
    polarity: str  # "positive" (default), "negative" (a No is good news) or "open" (how/what)
    section: str


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: str
    questions: tuple[Question, ...]
    section_titles: tuple[str, ...]
    signatory_roles: tuple[str, ...]
    column_headings: tuple[str, ...]

    def numbers(self) -> list[str]:
        return [q.number for q in self.questions]

    def by_number(self) -> dict[str, Question]:
        return {q.number: q for q in self.questions}


def questionnaire_from_dict(data: dict[str, Any]) -> Questionnaire:
    questions = []
    titles = []
    for section in data["sections"]:
        titles.append(str(section["title"]))
        for q in section["questions"]:
            questions.append(
                Question(
                    number=str(q["number"]),
                    text=str(q["text"]),
                    polarity=str(q.get("polarity") or "positive"),
                    section=str(section["number"]),
                )
            )
    return Questionnaire(
        id=str(data.get("id", "")),
        title=str(data.get("title", "")),
        questions=tuple(questions),
        section_titles=tuple(titles),
        signatory_roles=tuple(str(s["role"]) for s in data.get("signatories", [])),
        column_headings=tuple(str(v) for v in data.get("columns", {}).values()),
    )


def load_questionnaire(path: str | os.PathLike[str]) -> Questionnaire:
    with open(path, encoding="utf-8") as fh:
        return questionnaire_from_dict(json.load(fh))
