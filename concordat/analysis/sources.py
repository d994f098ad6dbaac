"""From the database to the pure analysis core: a round's returns as ``AreaAnswers``.

A report is built "as at" a moment from a fixed set of versions (the rule is returns', in
``ReturnVersion.objects.counted_as_at``; a signature counts as returns' ``Signature.objects.binding()`` says):

* accepted (the default): for each return, its latest version submitted by ``as_at`` whose latest review
  by then is an acceptance (today, that is exactly the returns whose state is *accepted*);
* provisional: for each return, its latest version submitted by ``as_at``, whatever its review state
  (submitted, signed off, queried or accepted). Anything built this way is labelled provisional.

Four queries whatever the number of areas: areas, versions (with their latest review), the round's signatures,
content (the content of versions already decoded in this process is not fetched again).
"""

import datetime
import gc
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import orjson
from django.db.models import TextField
from django.db.models.functions import Cast

from concordat.areas.models import Area
from concordat.returns.models import ReturnVersion, Round, Signature, end_of_day

from .records import AreaAnswers, AreaRef, DecodedAnswers

__all__ = ["RoundData", "SourceVersion", "area_ref", "end_of_day", "load_round", "round_areas"]


@dataclass(frozen=True)
class SourceVersion:
    """One version a report was built from."""

    ons_code: str
    version_id: int
    number: int
    content_hash: str
    accepted: bool

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "ons_code": self.ons_code,
            "version_id": self.version_id,
            "number": self.number,
            "content_hash": self.content_hash,
            "accepted": self.accepted,
        }


@dataclass(frozen=True)
class RoundData:
    round: Round
    questionnaire: dict[str, Any]
    areas: list[AreaRef]
    returns: list[AreaAnswers]
    sources: list[SourceVersion]
    provisional: bool
    as_at: datetime.datetime | None
    area_names: dict[str, str] = field(default_factory=dict)

    @property
    def deadline(self) -> datetime.date:
        return self.round.deadline

    @property
    def synthetic(self) -> bool:
        return bool(self.round.synthetic)

    @property
    def basis(self) -> str:
        return "provisional" if self.provisional else "accepted"

    def inputs_digest(self) -> str:
        """A hash of exactly which versions (and contents) the figures come from."""
        canonical = json.dumps(
            [s.to_json_dict() for s in self.sources], sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


def _current_areas(rnd: Round) -> Any:
    """The areas a round covers: those valid on its deadline (the 152 of 2013 for the stocktake)."""
    return Area.objects.current(on=rnd.deadline).order_by("ons_code")


def round_areas(rnd: Round) -> list[Area]:
    return list(_current_areas(rnd).select_related("region"))


_TYPE_NAMES = dict(Area._meta.get_field("type").flatchoices)


def _type_name(type_label: str, type_code: str) -> str:
    """An area's type as the analysis groups it: its own label if it has one, else its type's name."""
    return type_label or str(_TYPE_NAMES.get(type_code, type_code))


def area_ref(area: Area) -> AreaRef:
    return AreaRef(
        ons_code=area.ons_code,
        name=area.name,
        type=_type_name(area.type_label, area.type),
        region_code=area.region.code,
        region_name=area.region.name,
    )


# Versions never change once submitted, so their decoded answers are kept (by id and content hash) for the
# life of the process: building a report again reads only which versions to use, not their content.
_PARSED: "OrderedDict[tuple[int, str], tuple[DecodedAnswers, str]]" = OrderedDict()
PARSED_CACHE_SIZE = 4000
_PARSED_LOCK = threading.Lock()


def _parsed_contents(keys: set[tuple[int, str]]) -> dict[tuple[int, str], tuple[DecodedAnswers, str]]:
    with _PARSED_LOCK:
        found = {key: _PARSED[key] for key in keys if key in _PARSED}
    missing = [version_id for version_id, _ in keys - set(found)]
    with _gc_paused():
        _parse(missing, found)
    with _PARSED_LOCK:
        for key, parsed in found.items():
            _PARSED[key] = parsed
            _PARSED.move_to_end(key)
        while len(_PARSED) > PARSED_CACHE_SIZE:
            _PARSED.popitem(last=False)
    return found


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Decoding a round allocates ~10 objects per answer, none of them cyclic; without the pause the cyclic
    collector walks the growing heap again and again (half the time of a cold load at 1,520 areas)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(missing: list[int], found: dict[tuple[int, str], tuple[DecodedAnswers, str]]) -> None:
    # The content is read as text and decoded by orjson (Django's JSONField would use json.loads, about twice
    # as slow); no ORDER BY (the model's default ordering joins the return and its area to sort 15 kB rows).
    for start in range(0, len(missing), 2000):
        rows = (
            ReturnVersion.objects.filter(pk__in=missing[start : start + 2000])
            .order_by()
            .values_list("id", "content_hash", Cast("content", TextField()))
        )
        for version_id, digest, text in rows:
            content = orjson.loads(text)
            found[(version_id, digest)] = (
                DecodedAnswers(content.get("answers", {}), partial(_answers_json, text)),
                content.get("completed_by", {}).get("name", ""),
            )


def _answers_json(text: str) -> dict[str, Any]:
    answers: dict[str, Any] = orjson.loads(text).get("answers", {})
    return answers


@dataclass(frozen=True, slots=True)
class _CountedReturn:
    """An area's counted version, with everything the figures need of it except its answers."""

    area_id: int
    ons_code: str
    version_id: int
    number: int
    content_hash: str
    accepted: bool
    submitted_on: datetime.date | None
    signed_by: frozenset[str]


def _round_area_refs(rnd: Round) -> tuple[list[AreaRef], dict[int, str]]:
    """``round_areas`` as ``AreaRef``, and area id → ONS code, read as plain values (model instances cost a
    third of the loading at 1,520 areas)."""
    refs, code_of = [], {}
    for pk, code, name, type_code, type_label, region_code, region_name in _current_areas(rnd).values_list(
        "pk", "ons_code", "name", "type", "type_label", "region__code", "region__name"
    ):
        refs.append(AreaRef(code, name, _type_name(type_label, type_code), region_code, region_name))
        code_of[pk] = code
    return refs, code_of


def _counted_versions(
    rnd: Round, *, provisional: bool, as_at: datetime.datetime | None
) -> tuple[list[AreaRef], list[_CountedReturn]]:
    """The round's areas, and the version each counts with (in the areas' order; none for an area that
    returned nothing, or whose return is not counted), with its signatures and dates; no content."""
    areas, code_of = _round_area_refs(rnd)
    counted = ReturnVersion.objects.counted_as_at(rnd, as_at=as_at, provisional=provisional)
    wanted = {c.version_id for c in counted.values()}
    # The round's signatures, kept where counted: a filter on the round rather than on a list of 1,520
    # ids, which the driver would spell out in the query's text.
    signed: dict[int, set[str]] = {}
    for version_id, role in (
        Signature.objects.filter(version__ret__round=rnd)
        .binding()
        .order_by()
        .values_list("version_id", "role")
    ):
        if version_id in wanted:
            signed.setdefault(version_id, set()).add(role)
    by_code: dict[str, _CountedReturn] = {}
    for c in counted.values():
        code = code_of.get(c.area_id)
        if code is None:  # from an area outside the round's
            continue
        by_code[code] = _CountedReturn(
            c.area_id,
            code,
            c.version_id,
            c.number,
            c.content_hash,
            c.accepted,
            c.first_submitted_on,
            frozenset(signed.get(c.version_id, ())),
        )
    return areas, [by_code[a.ons_code] for a in areas if a.ons_code in by_code]


def load_round(
    rnd: Round | str, *, provisional: bool = False, as_at: datetime.datetime | None = None
) -> RoundData:
    """Every area of the round and its return (or none) as the analysis sees it."""
    if isinstance(rnd, str):
        rnd = Round.objects.select_related("questionnaire").get(slug=rnd)
    areas, counted_returns = _counted_versions(rnd, provisional=provisional, as_at=as_at)
    parsed = _parsed_contents({(c.version_id, c.content_hash) for c in counted_returns})
    returns = []
    for counted in counted_returns:
        answers, completed_by = parsed[(counted.version_id, counted.content_hash)]
        returns.append(
            AreaAnswers(
                ons_code=counted.ons_code,
                returned=True,
                submitted_on=counted.submitted_on,
                signed_by=counted.signed_by,
                answers=answers,
                completed_by=completed_by,
            )
        )
    return RoundData(
        round=rnd,
        questionnaire=rnd.questionnaire.definition,
        areas=areas,
        returns=returns,
        sources=[
            SourceVersion(c.ons_code, c.version_id, c.number, c.content_hash, c.accepted)
            for c in counted_returns
        ],
        provisional=provisional,
        as_at=as_at,
        area_names={a.ons_code: a.name for a in areas},
    )
