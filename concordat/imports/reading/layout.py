"""Rows in a council's own layout -> the reader's: [question, evidence, good practice, support, status].

Two steps, both before alignment:

1. ``split_fixed_width``: text extracted with its layout kept (``pdftotext -layout``: no tabs, columns padded
   with spaces) is cut into cells at the column starts most lines share.
2. ``by_headers``: a heading row names the columns ("Ref", "Question", "RAG rating", "Commentary", "Help
   needed", ...) in any order; the rows under it are rearranged into the reader's order, a reference column
   folded into the question and a status column (RAG colour, Y/N, "In progress") kept as the fifth cell.
   Rows from a heading that does not name a question or evidence column (a sign-off table) are left alone.
"""

from __future__ import annotations

import re
from collections import Counter

QUESTION, EVIDENCE, GOOD_PRACTICE, SUPPORT, STATUS, NUMBER = (
    "question",
    "evidence",
    "good_practice",
    "support",
    "status",
    "number",
)
CANONICAL = (QUESTION, EVIDENCE, GOOD_PRACTICE, SUPPORT, STATUS)

# Heading words, most specific first: the first role whose pattern matches a heading cell names that column.
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (GOOD_PRACTICE, re.compile(r"good practice|example|share|exemplar", re.I)),
    (SUPPORT, re.compile(r"support (required|needed)|help (needed|required)|^support\b|assistance", re.I)),
    (STATUS, re.compile(r"\brag\b|^status|^progress|rating|^(yes|y)\s*/\s*(no|n)\b|^red.{0,6}amber", re.I)),
    (
        EVIDENCE,
        re.compile(
            r"assessment|evidence|comment|commentary|response|where are we|current position|narrative|"
            r"update|answer|details",
            re.I,
        ),
    ),
    (NUMBER, re.compile(r"^(ref(erence)?|no\.?|number|q(uestion)? ?(no|number|ref)\.?|#|item)$", re.I)),
    (
        QUESTION,
        re.compile(r"^(questions?|question text|key (question|line of enquiry)|area|indicator)\b", re.I),
    ),
)
FOOTER_START = re.compile(
    r"^((this|the) (document|return|form) (has been|was) completed by|(return )?completed by\b|"
    r"sign[- ]?off\b|"
    r"signatories\b|signed (by|on behalf)\b)",
    re.I,
)
_PAGE_FOOTER = re.compile(r"^\s*(page \d+( of \d+)?|- ?\d+ ?-|\d+ of \d+)\s*$", re.I)


def role_of_heading(cell: str) -> str | None:
    text = " ".join(cell.split())
    if not text or len(text) > 80:
        return None
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return None


def heading_roles(cells: list[str]) -> dict[int, str] | None:
    """The column roles a heading row names, or None when the row is not a questions heading."""
    roles: dict[int, str] = {}
    unnamed = 0  # a heading cell cut short by a page break ("Good" for "Good practice to share")
    for i, cell in enumerate(cells):
        if not cell.strip():
            continue
        role = role_of_heading(cell)
        if role is None and len(cell.strip()) <= 12:
            unnamed += 1
            continue
        if role is None or role in roles.values():
            return None
        roles[i] = role
    named = set(roles.values())
    if unnamed and not {QUESTION, EVIDENCE} <= named:
        return None
    if len(roles) + unnamed < 3 or not named & {QUESTION, EVIDENCE}:
        return None
    if not unnamed and not named & {GOOD_PRACTICE, SUPPORT, STATUS}:
        return None
    return roles


def _rearranged(row: list[str], roles: dict[int, str]) -> list[str]:
    out = dict.fromkeys(CANONICAL, "")
    number = ""
    for i, cell in enumerate(row):
        role = roles.get(i)
        if role == NUMBER:
            number = cell.strip()
        elif role in out:
            out[role] = f"{out[role]}\n{cell}".strip() if out[role] else cell
    if number:
        out[QUESTION] = f"{_number_text(number)} {out[QUESTION]}".strip()
    return [out[k] for k in CANONICAL]


def _number_text(number: str) -> str:
    """A reference typed as a number keeps two parts: 6.1 stays 6.1 (the aligner tells 6.1 from 6.10)."""
    return number.rstrip()


def _fills_question_column(roles: dict[int, str]) -> dict[int, str]:
    """A heading without a question column: the first unnamed column left of the evidence holds it."""
    if QUESTION in roles.values():
        return roles
    evidence = min((i for i, r in roles.items() if r in (EVIDENCE, STATUS)), default=0)
    free = [i for i in range(evidence) if i not in roles]
    return {**roles, free[-1]: QUESTION} if free else roles


def by_headers(rows: list[list[str]]) -> tuple[list[list[str]], bool]:
    """Rearrange the rows under each questions heading. Returns (rows, whether any heading was found)."""
    out: list[list[str]] = []
    roles: dict[int, str] | None = None
    found = False
    for row in rows:
        first = next((c for c in row if c and c.strip()), "")
        if FOOTER_START.match(first.strip()):
            roles = None  # the sign-off and completed-by blocks keep their own shape
        new = heading_roles(row)
        if new is not None:
            roles, found = _fills_question_column(new), True
            if _is_standard(roles):
                roles = None
            out.append(row)
            continue
        out.append(_rearranged(row, roles) if roles else row)
    return out, found


def _is_standard(roles: dict[int, str]) -> bool:
    """The questionnaire's own column order (Harrow's form): nothing to rearrange."""
    standard = {0: QUESTION, 1: EVIDENCE, 2: GOOD_PRACTICE, 3: SUPPORT}
    return all(standard.get(i) == r for i, r in roles.items())


# -- fixed-width text ---------------------------------------------------------------------------------------
_GAP = re.compile(r"(?<=\S)( {2,})(?=\S)")


def _heading_starts(lines: list[str]) -> list[int] | None:
    """The column starts of the first line that reads as a questions heading ("Question   Assessment ...")."""
    for line in lines:
        positions = [0, *(m.end() for m in _GAP.finditer(line))]
        cells = [line[a:b].strip() for a, b in zip(positions, [*positions[1:], len(line)], strict=True)]
        if heading_roles(cells) is not None:
            return positions[1:]
    return None


def column_starts(lines: list[str]) -> list[int]:
    """The heading's column starts, else positions where many lines start a cell after two or more spaces."""
    if heading := _heading_starts(lines):
        return heading
    counts: Counter[int] = Counter()
    for line in lines:
        for m in _GAP.finditer(line):
            counts[m.end()] += 1
        indent = len(line) - len(line.lstrip(" "))
        if 2 <= indent < len(line):
            counts[indent] += 1
    minimum = max(5, len(lines) // 25)
    starts: list[int] = []
    for position, count in sorted(counts.items()):
        if count < minimum:
            continue
        if starts and position - starts[-1] < 6:
            continue
        starts.append(position)
    return starts


def is_fixed_width(lines: list[str]) -> bool:
    spaced = sum(1 for line in lines if _GAP.search(line) or line.startswith("   "))
    return not any("\t" in line for line in lines) and spaced >= max(10, len(lines) // 5)


def _cut(line: str, starts: list[int]) -> list[str]:
    """One line's cells; text running over a column start stays in its cell and leaves the next one empty."""
    bounds, columns = [0], [0]
    for column, start in enumerate(starts, 1):
        if len(line) <= start:
            break
        if line[start - 2 : start] == "  " or not line[bounds[-1] : start].strip():
            bounds.append(start)
            columns.append(column)
    cells = [""] * (len(starts) + 1)
    for column, a, b in zip(columns, bounds, [*bounds[1:], len(line)], strict=True):
        cells[column] = line[a:b].strip()
    return cells


def split_fixed_width(text: str) -> list[list[str]] | None:
    """Rows of cells for layout-preserving extracted text, or None when the text is not laid out so."""
    lines = [line.replace("\f", "") for line in text.splitlines()]
    if not is_fixed_width(lines):
        return None
    starts = column_starts(lines)
    if not starts:
        return None
    rows: list[list[str]] = []
    footer = False
    for line in lines:
        footer = footer or bool(FOOTER_START.match(line.strip()))
        if _PAGE_FOOTER.match(line) or not line.strip():
            rows.append([""])
        elif footer:  # the sign-off block has columns of its own: cells are what two or more spaces divide
            rows.append(re.split(r"\s{2,}", line.strip()))
        else:
            rows.append(_cut(line, starts))
    return rows
