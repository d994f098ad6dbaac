"""How the questions of one questionnaire carry from an earlier one: the one owner of question mapping.

Pure Python, no Django: carry-forward (``returns``) and the change between rounds (``analysis``) both use it.

A later questionnaire's definition may say where its questions come from::

    "carries_from": {
        "questionnaire": "stocktake-2013", "version": 1,
        "questions": {
            "2.1": {"from": ["2.1"], "how": "same"},
            "2.2": {"from": ["2.3"], "how": "renamed"},
            "3.1": {"from": ["3.1"], "how": "split"}, "3.2": {"from": ["3.1"], "how": "split"},
            "4.1": {"from": ["4.1", "4.2"], "how": "merged"},
            "5.1": {"from": [], "how": "new"}
        }
    }

A question not listed whose number the earlier questionnaire also has is the *same* question (implied); one
the earlier questionnaire lacks is *new*. An earlier question no later question comes from is *dropped*.
Two versions of one questionnaire without ``carries_from`` map question by question number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

SAME, RENAMED, SPLIT, MERGED, NEW = "same", "renamed", "split", "merged", "new"
HOWS = (SAME, RENAMED, SPLIT, MERGED, NEW)
# How each kind is told on a page ("2.2 renamed from 2.3").
HOW_LABELS: Mapping[str, str] = {
    SAME: "the same question",
    RENAMED: "renamed from",
    SPLIT: "split from",
    MERGED: "merged from",
    NEW: "a new question",
}


class MappingError(ValueError):
    """A ``carries_from`` block that cannot be followed; the message says what to fix, in plain words."""


@dataclass(frozen=True, slots=True)
class QuestionLink:
    """Where one question of the later questionnaire comes from."""

    number: str
    sources: tuple[str, ...]
    how: str

    @property
    def described(self) -> str:
        if self.how in (SAME, NEW):
            return HOW_LABELS[self.how]
        return f"{HOW_LABELS[self.how]} {' and '.join(self.sources)}"


@dataclass(frozen=True, slots=True)
class QuestionMapping:
    """Every question of the later questionnaire, in its order, linked to the earlier one's."""

    earlier: tuple[str, int]  # (slug, version)
    later: tuple[str, int]
    links: tuple[QuestionLink, ...]
    dropped: tuple[str, ...]

    def link(self, number: str) -> QuestionLink | None:
        return next((link for link in self.links if link.number == number), None)

    @property
    def carried(self) -> tuple[QuestionLink, ...]:
        """The links that bring something across (all but the new questions)."""
        return tuple(link for link in self.links if link.how != NEW)

    @property
    def new(self) -> tuple[str, ...]:
        return tuple(link.number for link in self.links if link.how == NEW)


def question_numbers(definition: Mapping[str, Any]) -> list[str]:
    return [str(q.get("number")) for s in definition.get("sections", []) for q in s.get("questions", [])]


def declared_source(definition: Mapping[str, Any]) -> tuple[str, int] | None:
    """The (slug, version) a definition's ``carries_from`` names, checked for shape; None if it has none."""
    block = definition.get("carries_from")
    if block is None:
        return None
    if not isinstance(block, Mapping):
        raise MappingError(
            "'carries_from' must be an object naming a questionnaire, a version and questions."
        )
    slug, version = block.get("questionnaire"), block.get("version")
    if not isinstance(slug, str) or not slug:
        raise MappingError("'carries_from' must name the earlier questionnaire, e.g. \"stocktake-2013\".")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MappingError(f"'carries_from' must give the version of {slug} as a whole number, e.g. 1.")
    if not isinstance(block.get("questions", {}), Mapping):
        raise MappingError(
            "'carries_from' questions must be an object: question number → where it comes from."
        )
    return slug, version


def build_mapping(
    definition: Mapping[str, Any],
    earlier_numbers: Iterable[str],
    *,
    earlier: tuple[str, int],
    later: tuple[str, int],
) -> QuestionMapping:
    """The mapping a definition declares from the earlier questionnaire's questions, checked: every number
    it names exists, every kind has the sources it needs, and only a split sends one question to several."""
    block = definition.get("carries_from") or {}
    declared: Mapping[str, Any] = block.get("questions", {})
    before = list(earlier_numbers)
    numbers = question_numbers(definition)
    for number in declared:
        if number not in numbers:
            raise MappingError(
                f"'carries_from' maps question {number}, which this questionnaire does not have."
            )
    links = tuple(_link(number, declared.get(number), before, earlier) for number in numbers)
    _check_shared_sources(links, earlier)
    used = {source for link in links for source in link.sources}
    return QuestionMapping(
        earlier=earlier,
        later=later,
        links=links,
        dropped=tuple(n for n in before if n not in used),
    )


def _link(number: str, entry: Any, before: list[str], earlier: tuple[str, int]) -> QuestionLink:
    if entry is None:
        return QuestionLink(number, (number,), SAME) if number in before else QuestionLink(number, (), NEW)
    name = f"{earlier[0]} version {earlier[1]}"
    if not isinstance(entry, Mapping):
        raise MappingError(f'Question {number}: say where it comes from as {{"from": [...], "how": ...}}.')
    how = entry.get("how")
    if how not in HOWS:
        raise MappingError(f"Question {number}: 'how' must be one of {', '.join(HOWS)}, not {how!r}.")
    sources = entry.get("from", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise MappingError(f"Question {number}: 'from' must be a list of question numbers, e.g. [\"2.1\"].")
    for source in sources:
        if source not in before:
            raise MappingError(f"Question {number} comes from question {source}, which {name} does not have.")
    _check_count(number, how, sources)
    if how == SAME and sources != [number]:
        raise MappingError(
            f"Question {number} is marked 'same' but comes from {sources[0]}: use 'renamed' for a question "
            "that was renumbered or reworded."
        )
    return QuestionLink(number, tuple(sources), how)


def _check_count(number: str, how: str, sources: list[str]) -> None:
    if how == NEW and sources:
        raise MappingError(f"Question {number} is marked 'new', so it cannot come from another question.")
    if how in (SAME, RENAMED, SPLIT) and len(sources) != 1:
        raise MappingError(f"Question {number} is marked '{how}', so it must come from exactly one question.")
    if how == MERGED and len(sources) < 2:
        raise MappingError(
            f"Question {number} is marked 'merged', so it must come from two or more questions."
        )


def _check_shared_sources(links: tuple[QuestionLink, ...], earlier: tuple[str, int]) -> None:
    users: dict[str, list[QuestionLink]] = {}
    for link in links:
        for source in link.sources:
            users.setdefault(source, []).append(link)
    name = f"{earlier[0]} version {earlier[1]}"
    for source, linked in users.items():
        targets = " and ".join(link.number for link in linked)
        if len(linked) > 1 and any(link.how != SPLIT for link in linked):
            raise MappingError(
                f"Question {source} of {name} is carried to {targets}: only a split may send one question to "
                "several (mark each of them 'split'), and a question not listed is the same as its namesake."
            )
        if len(linked) == 1 and linked[0].how == SPLIT:
            raise MappingError(
                f"Question {linked[0].number} is marked 'split' from {source}, but no other question is: a "
                "split question goes to two or more questions (use 'renamed' for one)."
            )


def mapping_between(
    earlier: tuple[str, int, Mapping[str, Any]], later: tuple[str, int, Mapping[str, Any]]
) -> QuestionMapping | None:
    """How ``later``'s questions come from ``earlier``'s, each given as (slug, version, definition); None when
    nothing says (different questionnaires, and the later one names no ``carries_from`` for the earlier)."""
    e_slug, e_version, e_definition = earlier
    l_slug, l_version, l_definition = later
    before = question_numbers(e_definition)
    if declared_source(l_definition) == (e_slug, e_version):
        return build_mapping(l_definition, before, earlier=(e_slug, e_version), later=(l_slug, l_version))
    if e_slug == l_slug:
        bare = {k: v for k, v in l_definition.items() if k != "carries_from"}
        return build_mapping(bare, before, earlier=(e_slug, e_version), later=(l_slug, l_version))
    return None


class Versioned(Protocol):
    """A questionnaire version as the mapping needs it (``questionnaires.models.Questionnaire`` is one)."""

    @property
    def slug(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def definition(self) -> Any: ...


def mapping_for(earlier: Versioned, later: Versioned) -> QuestionMapping | None:
    """``mapping_between`` for two questionnaire versions."""
    return mapping_between(
        (earlier.slug, earlier.version, earlier.definition), (later.slug, later.version, later.definition)
    )


def unmapped_message(earlier: Versioned, later: Versioned, earlier_name: str) -> str:
    return (
        f"{earlier_name} asked the questions of {earlier.slug} version {earlier.version}, and "
        f"{later.slug} version {later.version} does not say how its questions carry from them "
        "(its definition has no 'carries_from' naming that version)."
    )
