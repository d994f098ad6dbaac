"""The roles in which people sign a return, defined once.

Pure Python (no Django), so the document reader can use them through ``returns.vocabulary``; the membership's
choices (``accounts.models.SignatoryRole``) are built from the same values and labels.
"""

from enum import StrEnum


class SignatoryRole(StrEnum):
    """The three people who sign a stocktake return, in the order the form lists them."""

    HWB_CHAIR = "hwb_chair"
    CHIEF_EXECUTIVE = "chief_executive"
    CCG = "ccg"


SIGNATORY_LABELS: dict[SignatoryRole, str] = {
    SignatoryRole.HWB_CHAIR: "Chair of the Health and Wellbeing Board",
    SignatoryRole.CHIEF_EXECUTIVE: "Local authority chief executive",
    SignatoryRole.CCG: "CCG representative",
}
