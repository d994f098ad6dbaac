"""Fillable PDF forms (AcroForm): field values, not page text, hold the answers.

Fields are matched by name: a question number ("1.1", "Q1_1") plus a kind word — "support", "good practice"
(checkbox) or "details"/"attach" (its text), anything else is the evidence. Footer fields are named for the
completer ("completed_by name") and the signatories ("hwb_chair name", "chief_executive signed", ...).
The fields are turned into the same rows as a paper form, so the one aligner reads them.
"""

from __future__ import annotations

import io
import re
from typing import Any

_NUMBER = re.compile(r"(?<!\d)(\d{1,2})\s*[._-]\s*(\d{1,2})(?!\d)")
_ROLES = (("chief_executive", r"chief|exec"), ("hwb_chair", r"chair|hwb"), ("ccg", r"ccg"))
_LABELS = {"hwb_chair": "Chair HWB", "chief_executive": "Chief Executive", "ccg": "CCG rep"}
_OFF = {"", "/Off", "Off", "/No", "No", "/0", "0", "false"}


def _value(field: Any) -> str:
    value = field.get("/V")
    if value is None:
        return ""
    return str(value)


def _ticked(field: Any) -> bool:
    return _value(field).strip() not in _OFF


def rows_from_pdf_form(data: bytes) -> list[list[str]] | None:
    """Rows from a fillable form, or None when the PDF has no question fields (read its page text instead)."""
    from pypdf import PdfReader

    try:
        fields = PdfReader(io.BytesIO(data), strict=False).get_fields() or {}
    except Exception:  # a damaged form dictionary: fall back to reading the page text
        return None
    questions: dict[tuple[int, int], dict[str, str]] = {}
    completed: dict[str, str] = {}
    signatures: dict[str, dict[str, str]] = {}
    for name, field in fields.items():
        lower = name.lower().replace("_", " ")
        is_box = field.get("/FT") == "/Btn"
        if m := _NUMBER.search(name):
            slot = questions.setdefault((int(m.group(1)), int(m.group(2))), {})
            if "support" in lower:
                slot["support"] = "x" if _ticked(field) else ""
            elif re.search(r"good|practice|\bgp\b|example", lower) and is_box:
                slot["gp_tick"] = "x" if _ticked(field) else ""
            elif re.search(r"detail|attach|document|good|practice|\bgp\b", lower):
                slot["gp_text"] = _value(field)
            else:
                slot["evidence"] = _value(field)
        elif "complet" in lower or re.search(r"organi[sz]ation|contact", lower):
            key = next((k for k in ("organisation", "contact") if k[:6] in lower), "name")
            completed[key] = _value(field)
        else:
            role = next((r for r, pattern in _ROLES if re.search(pattern, lower)), None)
            if role:
                entry = signatures.setdefault(role, {})
                if is_box or "signed" in lower:
                    entry["signed"] = "√" if _ticked(field) else ""
                else:
                    entry["name"] = _value(field)
    if len(questions) < 2:
        return None
    rows: list[list[str]] = []
    for (section, number), slot in sorted(questions.items()):
        gp = "; ".join(p for p in (slot.get("gp_tick", ""), slot.get("gp_text", "")) if p)
        rows.append([f"{section}.{number}", slot.get("evidence", ""), gp, slot.get("support", "")])
    rows.append(["This document has been completed by"])
    rows.extend([f"{key.capitalize()} {value}"] for key, value in completed.items() if value)
    rows.append(["Signed by:"])
    for role, entry in signatures.items():
        rows.append([_LABELS[role]])
        rows.append([f"{entry.get('signed', '')}({entry.get('name', '')})"])
    return rows
