"""Which area a completed return belongs to, from its own content or its file name.

In order: an ONS area code in the text; an area's name in the "completed by" organisation; in the signatories'
names and titles ("NHS Harrow CCG"); in the file name. A step that finds two areas is ambiguous and the next
step is tried. Names match whole words, and a name inside a longer matched name ("Somerset" inside
"North Somerset") does not count.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from concordat.areas.models import Area
from concordat.imports.reading import Reading

ONS_CODE = re.compile(r"\bE(?:06|08|09|10)\d{6}\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class AreaMatch:
    area: Area | None
    how: str = ""
    problem: str = ""


def _norm(text: str) -> str:
    return f" {_NON_WORD.sub(' ', text.lower()).strip()} "


def _aliases(area: Area) -> list[str]:
    """'Bristol, City of' is also written 'City of Bristol' and 'Bristol'."""
    names = [area.name]
    if "," in area.name:
        main, _, qualifier = area.name.partition(",")
        names += [f"{qualifier.strip()} {main.strip()}", main.strip()]
    return [_norm(n) for n in names]


def areas_named_in(text: str, areas: Sequence[Area]) -> list[Area]:
    haystack = _norm(text)
    found: dict[int, tuple[Area, str]] = {}
    for area in areas:
        for alias in _aliases(area):
            known = found.get(area.pk)
            if alias.strip() and alias in haystack and (known is None or len(alias) > len(known[1])):
                found[area.pk] = (area, alias)
    matches = list(found.values())
    return [
        area
        for area, alias in matches
        if not any(other is not area and alias in longer for other, longer in matches)
    ]


def _codes_in(text: str, by_code: dict[str, Area]) -> list[Area]:
    return list({by_code[c].pk: by_code[c] for c in ONS_CODE.findall(text) if c in by_code}.values())


def match_area(reading: Reading, filename: str, areas: Iterable[Area]) -> AreaMatch:
    candidates = list(areas)
    by_code = {a.ons_code: a for a in candidates}
    signatories = " ; ".join(f"{s.name} {s.title}" for s in reading.signatures.values())
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    steps: list[tuple[str, list[Area]]] = [
        ("ONS code in the document", _codes_in(reading.source_text, by_code)),
        (
            "area name in the completed-by organisation",
            areas_named_in(reading.completed_by.get("organisation", ""), candidates),
        ),
        ("area name in the signatories", areas_named_in(signatories, candidates)),
        ("ONS code in the file name", _codes_in(filename, by_code)),
        ("area name in the file name", areas_named_in(stem, candidates)),
    ]
    ambiguous: list[str] = []
    for how, found in steps:
        if len(found) == 1:
            return AreaMatch(found[0], how)
        if len(found) > 1:
            ambiguous.append(f"{how}: {', '.join(sorted(a.name for a in found))}")
    problem = "Could not tell which area this return is for"
    if ambiguous:
        problem += f" ({'; '.join(ambiguous)})"
    return AreaMatch(None, problem=problem + ". Name the file after the area, or use --area.")
