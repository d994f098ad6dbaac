"""The end of the form: who completed it and the three signatories."""

from __future__ import annotations

import re

from . import cells as C
from .model import Reading, Signature

_COMPLETED = re.compile(r"^(this document has been )?completed by\b:?\s*(.*)$", re.I)
_SIGNED = re.compile(r"^signed( by)?\b:?\s*$", re.I)
_FIELD = re.compile(r"^(name|organi[sz]ation|contact|e-?mail|telephone|tel|phone)\b\s*[:.-]?\s*(.*)$", re.I)
_FIELD_KEYS = {"name": "name", "organisation": "organisation", "organization": "organisation"}
_ROLE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chief_executive", re.compile(r"\bchief\s+exec\w*\b|\bchief executive officer\b", re.I)),
    ("hwb_chair", re.compile(r"\bchair\b|\bhwbb?\b|health and well-?being board", re.I)),
    ("ccg", re.compile(r"\bccg\b|clinical commissioning group", re.I)),
)
_LEADING_MARK = re.compile(r"^([^\w(]|[A-Za-z](?=\s))*\s*")


def _role_of(line: str) -> str | None:
    for role, pattern in _ROLE_LABELS:
        if pattern.search(line):
            return role
    return None


def read_footer(rows: list[list[str]], questionnaire: object, reading: Reading) -> None:
    roles = getattr(questionnaire, "signatory_roles", ()) or tuple(r for r, _ in _ROLE_LABELS)
    reading.signatures = {role: Signature(role) for role in roles}
    reading.completed_by = {"name": "", "organisation": "", "contact": ""}
    mode = ""
    role: str | None = None
    for row in rows:
        line = C.clean(" ".join(c for c in row if c and c.strip()))
        if not line:
            continue
        if m := _COMPLETED.match(line):
            mode, line = "completed", m.group(2)
            if not line:
                continue
        if _SIGNED.match(line):
            mode, role = "signed", None
            continue
        if mode == "completed" and (m := _FIELD.match(line)):
            key = _FIELD_KEYS.get(m.group(1).lower(), "contact")
            if not reading.completed_by.get(key):
                reading.completed_by[key] = m.group(2).strip()
            continue
        if mode != "signed":
            continue
        ticked = any(ch in C.TICK_CHARS for ch in line[:2]) and "(" in line[:3]
        body = _LEADING_MARK.sub("", line, count=1) if ticked or not line.startswith("(") else line
        if body.startswith("(") or (role and not _role_of(body)):
            if role and role in reading.signatures:
                _set_name(reading.signatures[role], body, ticked)
            continue
        new_role = _role_of(body)
        if new_role:
            role = new_role
            after = re.split(r"[:]", body, maxsplit=1)
            if len(after) == 2 and after[1].strip(" ._") and role in reading.signatures:
                _set_name(reading.signatures[role], after[1], ticked)
            elif ticked and role in reading.signatures:
                reading.signatures[role].signed = True


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
