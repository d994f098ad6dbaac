"""A table's columns as the designer writes them: one line each, ``Heading | kind``.

The kinds: ``text``, ``number``, ``people`` (a number that counts people), ``date``, ``yes or no`` and
``choose: First option; Second option``. The designer's form reads and writes them here, and the
definition's checks (``checking``) then apply as to any definition.
"""

from typing import Any

from django.utils.text import slugify

from concordat.questionnaires.types import MAX_COLUMNS, MAX_OPTIONS

KINDS = {"text": "short_text", "number": "number", "people": "number", "date": "date", "yes or no": "yes_no"}
CHOOSE = "choose:"
FORMAT = "Heading | text, number, people, date, yes or no, or choose: First option; Second option"


class ColumnsRefused(ValueError):
    """The lines are not columns; the message says which line and why."""


def _name(text: str, i: int) -> str:
    return slugify(text).replace("-", "_")[:40] or f"column_{i}"


def _column(line: str, i: int) -> dict[str, Any]:
    heading, bar, kind = (part.strip() for part in line.partition("|"))
    if not bar or not heading:
        raise ColumnsRefused(f"Line {i}: write the column as {FORMAT}")
    column: dict[str, Any] = {"name": _name(heading, i), "text": heading}
    word = kind.lower()
    if word.startswith(CHOOSE):
        labels = [o.strip() for o in kind[len(CHOOSE) :].split(";") if o.strip()]
        if not labels or len(labels) > MAX_OPTIONS:
            raise ColumnsRefused(f"Line {i}: give between 1 and {MAX_OPTIONS} options, separated by ;")
        column["answer_type"] = "choose_one"
        column["options"] = [{"value": _name(label, n), "label": label} for n, label in enumerate(labels, 1)]
        return column
    if word not in KINDS:
        raise ColumnsRefused(
            f"Line {i}: the kind must be one of text, number, people, date, yes or no, choose:"
        )
    column["answer_type"] = KINDS[word]
    if word == "people":
        column["counts_people"] = True
    return column


def read_columns(text: str) -> list[dict[str, Any]]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ColumnsRefused("Enter the table's columns, one on each line")
    if len(lines) > MAX_COLUMNS:
        raise ColumnsRefused(f"A table can have at most {MAX_COLUMNS} columns")
    columns = [_column(line, i) for i, line in enumerate(lines, start=1)]
    names = [c["name"] for c in columns]
    if len(set(names)) != len(names):
        raise ColumnsRefused("Each column's heading must be different from the others")
    return columns


def written_columns(columns: list[dict[str, Any]]) -> str:
    """The lines that read back as ``columns``."""
    words = {v: k for k, v in KINDS.items() if k != "people"}
    lines = []
    for c in columns:
        if c.get("answer_type") == "choose_one":
            kind = CHOOSE + " " + "; ".join(o["label"] for o in c.get("options", []))
        else:
            kind = "people" if c.get("counts_people") else words.get(str(c.get("answer_type")), "text")
        lines.append(f"{c.get('text', '')} | {kind}")
    return "\n".join(lines)
