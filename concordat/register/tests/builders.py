"""Helpers that put the register into known states for tests. They go through the real actions."""

import csv
import io
from datetime import date
from typing import Any

from concordat.areas.models import Area
from concordat.register import actions
from concordat.register.models import Person
from concordat.register.template.columns import COLUMNS, HEADERS
from concordat.register.template.validation import RegisterRow, validate_rows

AS_AT = date(2014, 3, 31)


def row_text(**overrides: str) -> dict[str, str]:
    """One valid template row (header -> text) for a person still in hospital."""
    values = {
        "local_reference": "HAR-0001",
        "nhs_number": "943 476 5919",
        "commissioner_type": "CCG",
        "commissioner_name": "NHS Harrow CCG",
        "provider": "Example Healthcare, Oak Lodge",
        "ward_type": "AT",
        "placement": "OUT",
        "distance_band": "50-100",
        "legal_status": "MHA",
        "age_band": "25-34",
        "child_or_young_person": "N",
        "admission_date": "14/02/2011",
        "on_register_since": "01/04/2013",
        "care_review_date": "20/05/2013",
        "care_review_outcome": "MOVE",
        "personal_care_plan": "Y",
        "care_coordinator": "Y",
        "advocacy": "N",
        "health_check_date": "03/06/2013",
        "health_action_plan": "Y",
        "planned_transfer_date": "15/05/2014",
        "actual_discharge_date": "",
        "discharge_destination": "SUPPORTED",
        "reason_no_plan": "",
        "estimated_discharge_date": "",
    }
    values.update(overrides)
    return {c.header: values[c.name] for c in COLUMNS}


def csv_bytes(rows: list[dict[str, str]], headers: list[str] | None = None) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=headers or list(HEADERS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def checked_row(area_code: str = "E09000015", **overrides: str) -> RegisterRow:
    raw = {**row_text(**overrides), "__row__": "2"}
    result = validate_rows([raw], area_code=area_code, as_at=AS_AT)
    assert result.ok, result.errors
    return result.rows[0]


def person(ons_code: str, user: Any, **overrides: str) -> Person:
    area = Area.objects.get(ons_code=ons_code)
    return actions.create_person(area, checked_row(ons_code, **overrides), acting_user=user)
