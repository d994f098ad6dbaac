"""The end of the form: who completed it and the three signatories.

Read from whatever shape the council gave them: lines ("Completed by: ...", "Chief Executive: name"), form
fields ("Name:", "Position:", "Signature:", "Date:" under a role), tables with a heading row (Role | Name |
Position | Signed | Date, in any order) or without one (a role, a name, a title per row), and a tick, a
checkbox, "Y"/"Yes", "(signed)" or a signing date as the sign of a signature.
"""

from __future__ import annotations

import re

from concordat.returns.vocabulary import SIGNATORY_ROLES, SignatoryRole

from . import cells as C
from .model import Reading, Signature

_COMPLETED = re.compile(
    r"^((this|the) (document|return|form) (has been|was) |return )?completed by\b:?\s*(?P<rest>.*)$", re.I
)
_SIGNED = re.compile(r"^(signed( by)?|sign[- ]?off|signatures?|signatories)\b:?\s*$", re.I)
_ON_BEHALF = re.compile(r"^signed (for and )?on behalf of\b", re.I)
_FIELD = re.compile(
    r"^(?P<label>name|organi[sz]ation|contact( details)?|e-?mail|telephone|tel|phone|position|job title|"
    r"title|"
    r"designation|role|signature|signed|date)\b[^:]{0,20}?(:\s*|\s+|$)(?P<value>.*)$",
    re.I,
)
_FIELD_KEYS = {"name": "name", "organisation": "organisation", "organization": "organisation"}
_TITLE_LABELS = ("position", "job title", "title", "designation", "role")
_SIGNED_TRUE = re.compile(
    r"^(\(?signed\)?|y|yes|\[x\]|[✓✔√☒☑xX\u00d7]|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$", re.I
)
# How a form names each signatory role (the document's wording); the first pattern that matches decides.
_ROLE_LABELS: tuple[tuple[SignatoryRole, re.Pattern[str]], ...] = (
    (SignatoryRole.CHIEF_EXECUTIVE, re.compile(r"\bchief\s+exec\w*\b|\bchief executive officer\b", re.I)),
    (SignatoryRole.HWB_CHAIR, re.compile(r"\bchair\b|\bhwbb?\b|health and well-?being board", re.I)),
    (SignatoryRole.CCG, re.compile(r"\bccg\b|clinical commissioning group", re.I)),
)
_LEADING_MARK = re.compile(r"^([^\w(]|[A-Za-z](?=\s))*\s*")


def _role_of(line: str) -> str | None:
    for role, pattern in _ROLE_LABELS:
        if pattern.search(line):
            return role.value
    return None


def read_footer(rows: list[list[str]], questionnaire: object, reading: Reading) -> None:
    roles = getattr(questionnaire, "signatory_roles", ()) or SIGNATORY_ROLES
    reading.signatures = {role: Signature(role) for role in roles}
    reading.completed_by = {"name": "", "organisation": "", "contact": ""}
    footer = _Footer(reading)
    for row in rows:
        cells = [C.clean(c) for c in row]
        line = " ".join(c for c in cells if c)
        if line and not footer.read_cells(cells):
            footer.read(line)


class _Footer:
    """Reads the footer line by line: a "completed by" block, then a "signed by" block."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.mode = ""
        self.role: str | None = None  # the signatory the lines now being read are about
        self.columns: dict[
            str, int
        ] = {}  # a sign-off table's heading: "role"/"name"/"title"/"signed" -> column

    # -- tables and form fields --------------------------------------------------------------------------
    def read_cells(self, cells: list[str]) -> bool:
        """A row read as table cells or as a form field; False leaves it to the line reader."""
        filled = [c for c in cells if c]
        if not filled:
            return True
        if _ON_BEHALF.match(filled[0]) and len(filled) == 1:
            self.mode, self.role = "signed", _role_of(filled[0])
            return True
        if heading := _sign_off_heading(cells):
            self.mode, self.columns = "signed", heading
            return True
        if self.mode == "signed" and self.columns and len(filled) >= 2:
            return self._table_row(cells)
        field = _field(filled)
        if field is not None:
            return self._field(*field)
        if self.mode == "signed" and len(filled) >= 2 and (role := _role_of(_unmarked(filled[0]))):
            self._signatory_row(role, filled)
            return True
        return False

    def _table_row(self, cells: list[str]) -> bool:
        def cell(key: str) -> str:
            i = self.columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        role = _role_of(cell("role") or cells[0])
        signatures = self.reading.signatures
        if role is None or role not in signatures:
            return False
        signature = signatures[role]
        signature.name = signature.name or cell("name")
        signature.title = signature.title or cell("title")
        signature.signed = signature.signed or _is_signed(cell("signed"))
        return True

    def _signatory_row(self, role: str, filled: list[str]) -> None:
        signature = self.reading.signatures.get(role)
        if signature is None:
            return
        rest = [c for c in filled[1:] if not _is_signed(c) and not _SIGNED_TRUE.match(c)]
        signature.name = signature.name or (rest[0] if rest else "")
        signature.title = signature.title or (rest[1] if len(rest) > 1 else "")
        signature.signed = (
            signature.signed or _is_signed(_mark(filled[0])) or any(_is_signed(c) for c in filled[1:])
        )

    def _field(self, label: str, value: str) -> bool:
        label = label.lower()
        if self.mode == "completed":
            if label in ("name", "organisation", "organization") or label.startswith(
                ("contact", "e", "tel", "phone")
            ):
                key = _FIELD_KEYS.get(label, "contact")
                if not self.reading.completed_by.get(key):
                    self.reading.completed_by[key] = value
                return True
            return False
        signature = self.reading.signatures.get(self.role or "")
        if self.mode != "signed" or signature is None:
            return False
        if label == "name":
            signature.name = signature.name or value
        elif label in _TITLE_LABELS:
            signature.title = signature.title or value
        elif label in ("signature", "signed"):
            signature.signed = signature.signed or _is_signed(value)
        return label in ("name", "date", "signature", "signed", *_TITLE_LABELS)

    def read(self, line: str) -> None:
        if m := _COMPLETED.match(line):
            self.mode, line = "completed", m.group("rest").strip()
            if not line:
                return
            if not _FIELD.match(line):
                self._completed_by_line(line)
                return
        if _SIGNED.match(line):
            self.mode, self.role = "signed", None
            return
        if self.mode == "completed" and (m := _FIELD.match(line)):
            self._field(m.group("label"), m.group("value").strip())
        elif self.mode == "signed":
            self._signatory(line)

    def _completed_by_line(self, text: str) -> None:
        """ "Janet Holroyd, Calderdale Council" after "completed by": a name, then the organisation."""
        name, _, organisation = text.partition(",")
        completed = self.reading.completed_by
        completed["name"] = completed.get("name") or name.strip()
        completed["organisation"] = completed.get("organisation") or organisation.strip()

    def _signatory(self, line: str) -> None:
        """A role's label (perhaps with the name after a colon), or a name in brackets for the last role."""
        signatures = self.reading.signatures
        ticked = any(ch in C.TICK_CHARS for ch in line[:2]) and "(" in line[:3]
        body = _LEADING_MARK.sub("", line, count=1) if ticked or not line.startswith("(") else line
        if body.startswith("(") or (self.role and not _role_of(body)):
            if self.role and self.role in signatures:
                _set_name(signatures[self.role], body, ticked)
            return
        role = _role_of(body)
        if role is None:
            return
        self.role = role
        if role not in signatures:
            return
        after = re.split(r"[:]", body, maxsplit=1)
        if len(after) == 2 and after[1].strip(" ._"):
            _set_name(signatures[role], after[1], ticked)
        elif ticked:
            signatures[role].signed = True


def _set_name(signature: Signature, text: str, ticked: bool) -> None:
    text = text.strip().strip("()").strip(" ._")
    if re.search(r"\bsigned\b", text, re.I):
        ticked = True
        text = re.sub(r"\(?\bsigned\b\)?", "", text, flags=re.I).strip(" ,;:-")
    name, _, title = text.partition(",")
    if name and not signature.name:
        signature.name = name.strip()
        signature.title = title.strip()
    signature.signed = signature.signed or ticked


_HEADING_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("signed", re.compile(r"^(signed|signature|signed\s*\(y/n\)|sign)\b", re.I)),
    ("role", re.compile(r"^(role|signatory|on behalf of|for)\b", re.I)),
    ("name", re.compile(r"^(name|full name|print name)\b", re.I)),
    ("title", re.compile(r"^(position|job title|title|designation)\b", re.I)),
    ("date", re.compile(r"^date\b", re.I)),
)


def _sign_off_heading(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        for key, pattern in _HEADING_WORDS:
            if cell and pattern.match(cell) and len(cell) < 30 and key not in columns:
                columns[key] = i
                break
        else:
            if cell:
                return None
    return columns if "name" in columns and ("signed" in columns or "role" in columns) else None


def _field(filled: list[str]) -> tuple[str, str] | None:
    """A "Label: value" line or a [label, value] pair of cells."""
    if len(filled) == 2 and (m := _FIELD.match(filled[0])) and not m.group("value").strip(" :"):
        return m.group("label"), filled[1]
    if len(filled) == 1 and (m := _FIELD.match(filled[0])) and ":" in filled[0][:25]:
        return m.group("label"), m.group("value").strip()
    return None


_MARK = re.compile(r"^\s*(\[\s*[xX✓✔]?\s*\]|[☐☒☑✓✔√■□])\s*")


def _mark(text: str) -> str:
    m = _MARK.match(text)
    return m.group(1).replace(" ", "") if m else ""


def _unmarked(text: str) -> str:
    return _MARK.sub("", text, count=1)


def _is_signed(text: str) -> bool:
    t = text.strip()
    return bool(t) and bool(
        _SIGNED_TRUE.match(t) or (re.search(r"\bsigned\b", t, re.I) and "not" not in t.lower())
    )
