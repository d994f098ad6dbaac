"""Plain data (no Django imports), so the races' own process can read it before Django starts."""

# What the person form posts for a valid person (a date as its three boxes): the form tests and the races.
PERSON_FORM = {
    "local_reference": "HAR-0100",
    "nhs_number": "",
    "commissioner_type": "CCG",
    "commissioner_name": "NHS Harrow CCG",
    "provider": "Oak Lodge",
    "ward_type": "AT",
    "placement": "IN",
    "distance_band": "LT10",
    "legal_status": "INFORMAL",
    "age_band": "35-44",
    "child_or_young_person": "N",
    "admission_date-day": "1",
    "admission_date-month": "2",
    "admission_date-year": "2013",
    "on_register_since-day": "1",
    "on_register_since-month": "4",
    "on_register_since-year": "2013",
    "personal_care_plan": "Y",
    "care_coordinator": "Y",
    "advocacy": "N",
    "health_action_plan": "N",
    "reason_no_plan": "HOUSING",
}
