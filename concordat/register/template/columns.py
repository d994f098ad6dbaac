"""The bulk-upload template's columns: the data dictionary every upload, form, export and model is built from.

A column has a header (what the spreadsheet says), a field name, a type and, for choices, short codes with
labels. :class:`PersonRecord` is one person's facts in the template's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from concordat.register.rules import PersonFacts

MAX_ROWS = 20_000  # people in one upload; also the rows the workbook template's drop-down lists cover
SHEET_NAME = "Register"


class ColumnType(StrEnum):
    TEXT = "text"
    NHS_NUMBER = "NHS number"
    CHOICE = "choice"
    YES_NO = "yes/no"
    DATE = "date"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    required: bool
    type: ColumnType
    description: str
    example: str
    choices: tuple[Choice, ...] = ()
    max_length: int = 100

    @property
    def allowed_values(self) -> str:
        if self.type is ColumnType.YES_NO:
            return "Y = Yes; N = No"
        return "; ".join(f"{c.code} = {c.label}" for c in self.choices)


YES_NO = (Choice("Y", "Yes"), Choice("N", "No"))

COMMISSIONER_TYPES = (
    Choice("CCG", "Clinical commissioning group"),
    Choice("NHSE", "NHS England specialised commissioning"),
)
WARD_TYPES = (
    Choice("AT", "Assessment and treatment"),
    Choice("SECURE", "Secure"),
    Choice("REHAB", "Rehabilitation"),
    Choice("OTHER", "Other"),
)
PLACEMENTS = (Choice("IN", "In area"), Choice("OUT", "Out of area"))
DISTANCE_BANDS = (
    Choice("LT10", "Less than 10 km"),
    Choice("10-50", "10 to 50 km"),
    Choice("50-100", "50 to 100 km"),
    Choice("100+", "100 km or more"),
)
LEGAL_STATUSES = (
    Choice("INFORMAL", "Informal"),
    Choice("MHA", "Mental Health Act section"),
    Choice("MOJ", "Ministry of Justice restrictions"),
)
AGE_BANDS = (
    Choice("0-17", "Under 18"),
    Choice("18-24", "18 to 24"),
    Choice("25-34", "25 to 34"),
    Choice("35-44", "35 to 44"),
    Choice("45-54", "45 to 54"),
    Choice("55-64", "55 to 64"),
    Choice("65+", "65 and over"),
)
REVIEW_OUTCOMES = (
    Choice("STAY", "Hospital is the right place for now"),
    Choice("MOVE", "Should move to community-based support"),
    Choice("OTHER", "Other outcome"),
)
DESTINATIONS = (
    Choice("SUPPORTED", "Supported living"),
    Choice("RESIDENTIAL", "Residential care"),
    Choice("FAMILY", "Family home"),
    Choice("HOSPITAL", "Another hospital"),
    Choice("OTHER", "Other"),
)
NO_PLAN_REASONS = (
    Choice("CLINICAL", "Clinical decision"),
    Choice("PROVIDER", "No suitable provider"),
    Choice("FUNDING", "Funding not agreed"),
    Choice("HOUSING", "Housing"),
    Choice("MOJ", "Ministry of Justice"),
    Choice("OTHER", "Other"),
)

_T, _C, _Y, _D = ColumnType.TEXT, ColumnType.CHOICE, ColumnType.YES_NO, ColumnType.DATE

COLUMNS: tuple[Column, ...] = (
    Column(
        "local_reference",
        "Local reference",
        True,
        _T,
        "Your area's own reference for the person. Never use a name, NHS number or hospital number.",
        "HAR-0042",
        max_length=30,
    ),
    Column(
        "nhs_number",
        "NHS number",
        False,
        ColumnType.NHS_NUMBER,
        "10 digits, spaces allowed. Used only to spot the same person twice; it is stored as a keyed "
        "pseudonym and never shown.",
        "943 476 5919",
    ),
    Column(
        "commissioner_type",
        "Commissioner type",
        True,
        _C,
        "Who commissions the placement.",
        "CCG",
        COMMISSIONER_TYPES,
    ),
    Column(
        "commissioner_name",
        "Commissioner name",
        True,
        _T,
        "Name of the commissioning organisation.",
        "NHS Harrow CCG",
    ),
    Column(
        "provider",
        "Provider or hospital",
        True,
        _T,
        "The provider and hospital the person is in.",
        "Example Healthcare, Oak Lodge",
    ),
    Column("ward_type", "Ward type", True, _C, "The kind of ward the person is on.", "AT", WARD_TYPES),
    Column(
        "placement",
        "In or out of area",
        True,
        _C,
        "Whether the hospital is in the person's home area.",
        "OUT",
        PLACEMENTS,
    ),
    Column(
        "distance_band",
        "Distance from home",
        True,
        _C,
        "Distance from the person's home to the hospital.",
        "50-100",
        DISTANCE_BANDS,
    ),
    Column(
        "legal_status",
        "Legal status",
        True,
        _C,
        "The person's legal status in hospital.",
        "MHA",
        LEGAL_STATUSES,
    ),
    Column("age_band", "Age band", True, _C, "The person's age on the as-at date.", "25-34", AGE_BANDS),
    Column(
        "child_or_young_person",
        "Child or young person",
        True,
        _Y,
        "Y if the person is a child or young person (under 18, or 18 to 24 with children's services "
        "involved).",
        "N",
    ),
    Column(
        "admission_date",
        "Admission date",
        True,
        _D,
        "Date of admission to the current hospital stay.",
        "14/02/2011",
    ),
    Column(
        "on_register_since",
        "On register since",
        True,
        _D,
        "Date the person was added to your register.",
        "01/04/2013",
    ),
    Column(
        "care_review_date",
        "Care review date",
        False,
        _D,
        "Date of the most recent care review.",
        "20/05/2013",
    ),
    Column(
        "care_review_outcome",
        "Care review outcome",
        False,
        _C,
        "Outcome of that review. Fill in when there is a review date.",
        "MOVE",
        REVIEW_OUTCOMES,
    ),
    Column(
        "personal_care_plan",
        "Personal care plan agreed",
        True,
        _Y,
        "Y if a personal care plan has been agreed with the person and their family.",
        "Y",
    ),
    Column(
        "care_coordinator",
        "Named care co-ordinator",
        True,
        _Y,
        "Y if the person has a named care co-ordinator.",
        "Y",
    ),
    Column("advocacy", "Independent advocacy", True, _Y, "Y if the person has independent advocacy.", "N"),
    Column(
        "health_check_date",
        "Health check date",
        False,
        _D,
        "Date of the most recent health check.",
        "03/06/2013",
    ),
    Column(
        "health_action_plan", "Health action plan", True, _Y, "Y if the person has a health action plan.", "Y"
    ),
    Column(
        "planned_transfer_date",
        "Planned transfer date",
        False,
        _D,
        "Date the person is planned to move to community-based support.",
        "15/05/2014",
    ),
    Column("actual_discharge_date", "Actual discharge date", False, _D, "Date the person left hospital.", ""),
    Column(
        "discharge_destination",
        "Discharge destination",
        False,
        _C,
        "Where the person went, or is planned to go. Required when there is an actual discharge date.",
        "SUPPORTED",
        DESTINATIONS,
    ),
    Column(
        "reason_no_plan",
        "Reason no transfer plan",
        False,
        _C,
        "Required when the person is still in hospital and has no planned transfer date. Give it too when "
        "the planned date is after 1 June 2014: it is why the person will not be discharged by then.",
        "",
        NO_PLAN_REASONS,
    ),
    Column(
        "estimated_discharge_date",
        "Estimated discharge date",
        False,
        _D,
        "For a person who will not be discharged by 1 June 2014: when you now expect them to leave "
        "hospital, if you know. Leave empty for a person already discharged.",
        "",
    ),
)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)


@dataclass(frozen=True)
class PersonRecord:
    """One person's facts as the template holds them: the shape of an upload row and of a synthetic person."""

    local_reference: str
    nhs_number: str | None  # 10 digits; hash it before storing
    commissioner_type: str
    commissioner_name: str
    provider: str
    ward_type: str
    placement: str
    distance_band: str
    legal_status: str
    age_band: str
    child_or_young_person: bool
    admission_date: date
    on_register_since: date
    care_review_date: date | None
    care_review_outcome: str | None
    personal_care_plan: bool
    care_coordinator: bool
    advocacy: bool
    health_check_date: date | None
    health_action_plan: bool
    planned_transfer_date: date | None
    actual_discharge_date: date | None
    discharge_destination: str | None
    reason_no_plan: str | None
    # Keyword-only with a default, so files and generators from before the column still make records.
    estimated_discharge_date: date | None = field(default=None, kw_only=True)

    def facts(self) -> PersonFacts:
        return PersonFacts(
            admission_date=self.admission_date,
            care_review_date=self.care_review_date,
            health_check_date=self.health_check_date,
            planned_transfer_date=self.planned_transfer_date,
            actual_discharge_date=self.actual_discharge_date,
        )
