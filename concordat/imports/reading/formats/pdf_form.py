"""Fillable PDF forms (AcroForm): field values, not page text, hold the answers.

Fields are matched by name: a question number ("1.1", "Q1_1") plus a kind word — "support", "good practice"
(checkbox) or "details"/"attach" (its text), anything else is the evidence. Footer fields are named for the
completer ("completed_by name") and the signatories ("hwb_chair name", "chief_executive signed", ...).
The fields are turned into the same rows as a paper form, so the one aligner reads them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from concordat.returns.vocabulary import SignatoryRole

_NUMBER = re.compile(r"(?<!\d)(\d{1,2})\s*[._-]\s*(\d{1,2})(?!\d)")
# How a field's name says which signatory it is for; the first pattern that matches decides.
_ROLES = (
    (SignatoryRole.CHIEF_EXECUTIVE, r"chief|exec"),
    (SignatoryRole.HWB_CHAIR, r"chair|hwb"),
    (SignatoryRole.CCG, r"ccg"),
)
# Each role's label in the rows made for the aligner: the wording a paper form uses.
_LABELS: dict[str, str] = {
    SignatoryRole.HWB_CHAIR: "Chair HWB",
    SignatoryRole.CHIEF_EXECUTIVE: "Chief Executive",
    SignatoryRole.CCG: "CCG rep",
}
_OFF = {"", "/Off", "Off", "/No", "No", "/0", "0", "false"}


def _value(field: Any) -> str:
    value = field.get("/V")
    if value is None:
        return ""
    return str(value)


def _ticked(field: Any) -> bool:
    return _value(field).strip() not in _OFF


@dataclass
class _FormFields:
    """A form's fields sorted into questions, the "completed by" block and the signatories."""

    questions: dict[tuple[int, int], dict[str, str]] = field(default_factory=dict)
    completed: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, name: str, form_field: Any) -> None:
        lower = name.lower().replace("_", " ")
        is_box = form_field.get("/FT") == "/Btn"
        if m := _NUMBER.search(name):
            slot = self.questions.setdefault((int(m.group(1)), int(m.group(2))), {})
            key, value = _question_part(lower, form_field, is_box)
            slot[key] = value
        elif "complet" in lower or re.search(r"organi[sz]ation|contact", lower):
            key = next((k for k in ("organisation", "contact") if k[:6] in lower), "name")
            self.completed[key] = _value(form_field)
        elif role := next((r.value for r, pattern in _ROLES if re.search(pattern, lower)), None):
            entry = self.signatures.setdefault(role, {})
            if is_box or "signed" in lower:
                entry["signed"] = "√" if _ticked(form_field) else ""
            else:
                entry["name"] = _value(form_field)

    def rows(self) -> list[list[str]]:
        """The same rows a paper form gives: a row per question, then the footer."""
        rows: list[list[str]] = []
        for (section, number), slot in sorted(self.questions.items()):
            gp = "; ".join(p for p in (slot.get("gp_tick", ""), slot.get("gp_text", "")) if p)
            rows.append([f"{section}.{number}", slot.get("evidence", ""), gp, slot.get("support", "")])
        rows.append(["This document has been completed by"])
        rows.extend([f"{key.capitalize()} {value}"] for key, value in self.completed.items() if value)
        rows.append(["Signed by:"])
        for role, entry in self.signatures.items():
            rows.append([_LABELS[role]])
            rows.append([f"{entry.get('signed', '')}({entry.get('name', '')})"])
        return rows


def _question_part(lower: str, form_field: Any, is_box: bool) -> tuple[str, str]:
    """Which part of a question's row a field holds, and its value."""
    if "support" in lower:
        return "support", "x" if _ticked(form_field) else ""
    if re.search(r"good|practice|\bgp\b|example", lower) and is_box:
        return "gp_tick", "x" if _ticked(form_field) else ""
    if re.search(r"detail|attach|document|good|practice|\bgp\b", lower):
        return "gp_text", _value(form_field)
    return "evidence", _value(form_field)


def rows_from_pdf_form(data: bytes) -> list[list[str]] | None:
    """Rows from a fillable form, or None when the PDF has no question fields (read its page text instead)."""
    from pypdf import PdfReader

    try:
        fields = PdfReader(io.BytesIO(data), strict=False).get_fields() or {}
    except Exception:  # a damaged form dictionary: fall back to reading the page text
        return None
    form = _FormFields()
    for name, form_field in fields.items():
        form.add(name, form_field)
    if len(form.questions) < 2:
        return None
    return form.rows()
