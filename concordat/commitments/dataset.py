"""Load and validate the Concordat commitments dataset (data/concordat-2012.yaml). No Django.

The Django app loads the returned :class:`Dataset` into tables; this module only reads, types and checks it.
Every problem found is reported at once in one :class:`DatasetError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from concordat.commitments.deadlines import DeadlineParseError, DeadlineWindow, parse_deadline

__all__ = [
    "DEFAULT_PATH",
    "Commitment",
    "Dataset",
    "DatasetError",
    "OwnerGroup",
    "Partner",
    "Signatory",
    "Source",
    "Theme",
    "load_dataset",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "concordat-2012.yaml"

_REF_RE = re.compile(r"^[KA]-[A-Z]+-\d{2}$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DatasetError(ValueError):
    """The dataset file breaks one or more rules; ``problems`` lists each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid commitments dataset:\n  " + "\n  ".join(self.problems))


@dataclass(frozen=True)
class Signatory:
    slug: str
    name: str
    short_name: str | None
    kind: str | None
    note: str | None = None


@dataclass(frozen=True)
class Partner:
    """An organisation the Concordat names as acting that did not sign it (DfE, Ofsted, ...)."""

    slug: str
    name: str
    short_name: str | None
    kind: str | None
    note: str | None = None


@dataclass(frozen=True)
class OwnerGroup:
    """An owner standing for several signatories; ``members`` is every signatory for ``all-signatories``."""

    slug: str
    name: str
    description: str
    members: tuple[str, ...]
    membership_basis: str


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Where a commitment is in the seed: section path, opening words, first and last line numbers."""

    section: str
    opens: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Commitment:
    ref: str
    owners: tuple[str, ...]
    theme: str
    text: str
    deadline_text: str | None
    window: DeadlineWindow
    source: Source
    context: str | None = None
    note: str | None = None
    same_as: tuple[str, ...] = ()

    @property
    def is_key_action(self) -> bool:
        return self.ref.startswith("K-")


@dataclass(frozen=True)
class Dataset:
    about: str
    signatories: tuple[Signatory, ...]
    partners: tuple[Partner, ...]
    groups: tuple[OwnerGroup, ...]
    themes: tuple[Theme, ...]
    commitments: tuple[Commitment, ...]

    def commitment(self, ref: str) -> Commitment:
        for item in self.commitments:
            if item.ref == ref:
                return item
        raise KeyError(ref)

    def owner_slugs(self) -> frozenset[str]:
        return frozenset(
            [s.slug for s in self.signatories]
            + [p.slug for p in self.partners]
            + [g.slug for g in self.groups]
        )

    def commitments_for(self, slug: str, *, through_groups: bool = False) -> tuple[Commitment, ...]:
        """Commitments naming ``slug`` as an owner; ``through_groups`` adds those of groups it belongs to."""
        owners = {slug}
        if through_groups:
            owners |= {g.slug for g in self.groups if slug in g.members}
        return tuple(c for c in self.commitments if owners & set(c.owners))


def _text(
    raw: Mapping[str, Any], key: str, where: str, problems: list[str], *, optional: bool = False
) -> str | None:
    value = raw.get(key)
    if value is None:
        if not optional:
            problems.append(f"{where}: {key} is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key} must be non-empty text, not {value!r}")
        return None
    return value


def _slugs(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f"{where}: expected a list of slugs, not {value!r}")
        return ()
    return tuple(value)


def _records(data: Mapping[str, Any], key: str, problems: list[str]) -> list[Mapping[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.append(f"{key}: expected a list of mappings")
        return []
    return value


def _check_unique(slugs: Sequence[str], what: str, problems: list[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            problems.append(f"{what} {slug!r} is defined more than once")
        seen.add(slug)


def _organisations[O: (Signatory, Partner)](
    data: Mapping[str, Any], key: str, kind: type[O], problems: list[str]
) -> tuple[O, ...]:
    """The ``signatories`` or ``partners`` list: both hold the same fields."""
    result = []
    for index, raw in enumerate(_records(data, key, problems)):
        where = f"{key}[{index}]"
        slug, name = _text(raw, "slug", where, problems), _text(raw, "name", where, problems)
        if slug is None or name is None:
            continue
        result.append(
            kind(
                slug=slug,
                name=name,
                short_name=_text(raw, "short_name", where, problems, optional=True),
                kind=_text(raw, "kind", where, problems, optional=True),
                note=_text(raw, "note", where, problems, optional=True),
            )
        )
    return tuple(result)


def _groups(
    data: Mapping[str, Any], signatories: frozenset[str], problems: list[str]
) -> tuple[OwnerGroup, ...]:
    result = []
    for index, raw in enumerate(_records(data, "groups", problems)):
        where = f"groups[{index}]"
        slug = _text(raw, "slug", where, problems)
        name = _text(raw, "name", where, problems)
        description = _text(raw, "description", where, problems)
        basis = _text(raw, "membership_basis", where, problems)
        if slug is None or name is None or description is None or basis is None:
            continue
        # members: null means "every signatory" (the all-signatories group).
        raw_members = raw.get("members")
        members = tuple(sorted(signatories)) if raw_members is None else _slugs(raw_members, where, problems)
        for member in members:
            if member not in signatories:
                problems.append(f"{where} ({slug}): member {member!r} is not a signatory")
        result.append(OwnerGroup(slug, name, description, members, basis))
    return tuple(result)


def _themes(data: Mapping[str, Any], problems: list[str]) -> tuple[Theme, ...]:
    result = []
    for index, raw in enumerate(_records(data, "themes", problems)):
        where = f"themes[{index}]"
        slug, name = _text(raw, "slug", where, problems), _text(raw, "name", where, problems)
        if slug is None or name is None:
            continue
        result.append(Theme(slug, name, _slugs(raw.get("headings", []), where, problems)))
    return tuple(result)


def _source(raw: Any, where: str, problems: list[str]) -> Source | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: source must be a mapping")
        return None
    section = _text(raw, "section", where + ".source", problems)
    opens = _text(raw, "opens", where + ".source", problems)
    lines = raw.get("lines")
    if (
        not isinstance(lines, list)
        or len(lines) != 2
        or not all(isinstance(n, int) and n > 0 for n in lines)
        or lines[0] > lines[1]
    ):
        problems.append(f"{where}: source.lines must be [first, last] line numbers, not {lines!r}")
        return None
    if section is None or opens is None:
        return None
    return Source(section, opens, lines[0], lines[1])


def _commitment(raw: Mapping[str, Any], index: int, problems: list[str]) -> Commitment | None:
    ref = _text(raw, "ref", f"commitments[{index}]", problems)
    where = f"commitments[{index}] ({ref})"
    if ref is not None and not _REF_RE.match(ref):
        problems.append(f"{where}: ref must look like K-DH-01 or A-NHSCB-03")
    owners = _slugs(raw.get("owners"), where + ".owners", problems)
    if not owners:
        problems.append(f"{where}: has no owners")
    theme = _text(raw, "theme", where, problems)
    text = _text(raw, "text", where, problems)
    deadline_text = _text(raw, "deadline_text", where, problems, optional=True)
    source = _source(raw.get("source"), where, problems)
    try:
        window = parse_deadline(deadline_text)
    except DeadlineParseError as error:
        problems.append(f"{where}: {error}")
        window = DeadlineWindow("none", None, None, deadline_text or "")  # keep checking the rest
    else:
        if deadline_text is not None and window.kind == "none":
            problems.append(f"{where}: deadline_text {deadline_text!r} gives no date; use null and a note")
    if ref is None or theme is None or text is None or source is None:
        return None
    return Commitment(
        ref=ref,
        owners=owners,
        theme=theme,
        text=text,
        deadline_text=deadline_text,
        window=window,
        source=source,
        context=_text(raw, "context", where, problems, optional=True),
        note=_text(raw, "note", where, problems, optional=True),
        same_as=_slugs(raw.get("same_as", []), where + ".same_as", problems),
    )


def _check_slugs(
    owner_slugs: list[str], themes: Sequence[Theme], commitments: Sequence[Commitment], problems: list[str]
) -> None:
    """Owner and theme slugs and commitment refs are unique, and slugs are well formed."""
    _check_unique(owner_slugs, "owner slug", problems)
    _check_unique([t.slug for t in themes], "theme", problems)
    _check_unique([c.ref for c in commitments], "ref", problems)
    for slug in owner_slugs + [t.slug for t in themes]:
        if not _SLUG_RE.match(slug):
            problems.append(f"slug {slug!r} must be lower-case words joined by hyphens")


def _check_references(
    commitments: Sequence[Commitment], known_owners: set[str], known_themes: set[str], problems: list[str]
) -> None:
    """Every owner, theme and ``same_as`` a commitment names is defined."""
    refs = {c.ref for c in commitments}
    for item in commitments:
        for owner in item.owners:
            if owner not in known_owners:
                problems.append(f"{item.ref}: owner {owner!r} is not a signatory, partner or group")
        if len(set(item.owners)) != len(item.owners):
            problems.append(f"{item.ref}: an owner is listed twice")
        if item.theme not in known_themes:
            problems.append(f"{item.ref}: theme {item.theme!r} is not defined")
        for other in item.same_as:
            if other not in refs or other == item.ref:
                problems.append(f"{item.ref}: same_as {other!r} is not another commitment")


def load_dataset(path: Path | str = DEFAULT_PATH) -> Dataset:
    """Read, type and validate the dataset; raise :class:`DatasetError` listing every problem found."""
    with Path(path).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise DatasetError([f"{path}: expected a mapping at the top level"])
    problems: list[str] = []
    about = _text(data, "about", "about", problems) or ""
    signatories = _organisations(data, "signatories", Signatory, problems)
    partners = _organisations(data, "partners", Partner, problems)
    signatory_slugs = frozenset(s.slug for s in signatories)
    groups = _groups(data, signatory_slugs, problems)
    themes = _themes(data, problems)
    commitments = tuple(
        item
        for index, raw in enumerate(_records(data, "commitments", problems))
        if (item := _commitment(raw, index, problems)) is not None
    )

    owner_slugs = [s.slug for s in signatories] + [p.slug for p in partners] + [g.slug for g in groups]
    _check_slugs(owner_slugs, themes, commitments, problems)
    _check_references(commitments, set(owner_slugs), {t.slug for t in themes}, problems)

    if problems:
        raise DatasetError(problems)
    return Dataset(about, signatories, partners, groups, themes, commitments)
