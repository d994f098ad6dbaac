"""The end of the form: who completed it and the three signatories."""

from __future__ import annotations

import re

from concordat.returns.vocabulary import SIGNATORY_ROLES, SignatoryRole

from . import cells as C
from .model import Reading, Signature

_COMPLETED = re.compile(r"^(this document has been )?completed by\b:?\s*(.*)$", re.I)
_SIGNED = re.compile(r"^signed( by)?\b:?\s*$", re.I)
_FIELD = re.compile(r"^(name|organi[sz]ation|contact|e-?mail|telephone|tel|phone)\b\s*[:.-]?\s*(.*)$", re.I)
_FIELD_KEYS = {"name": "name", "organisation": "organisation", "organization": "organisation"}
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
        line = C.clean(" ".join(c for c in row if c and c.strip()))
        if line:
            footer.read(line)


class _Footer:
    """Reads the footer line by line: a "completed by" block, then a "signed by" block."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.mode = ""
        self.role: str | None = None  # the signatory the lines now being read are about

    def read(self, line: str) -> None:
        if m := _COMPLETED.match(line):
            self.mode, line = "completed", m.group(2)
            if not line:
                return
        if _SIGNED.match(line):
            self.mode, self.role = "signed", None
            return
        if self.mode == "completed" and (m := _FIELD.match(line)):
            key = _FIELD_KEYS.get(m.group(1).lower(), "contact")
            if not self.reading.completed_by.get(key):
                self.reading.completed_by[key] = m.group(2).strip()
        elif self.mode == "signed":
            self._signatory(line)

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
