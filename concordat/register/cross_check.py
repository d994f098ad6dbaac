"""Does an area's stocktake return agree with its register?

Flags an area whose latest submitted stocktake return says all reviews are complete (4.9 = yes) while
its register has people in hospital without a care review as at the return's date, or says it has a
register (4.4 = yes) while its register has nobody on it at that date.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from concordat.areas.models import Area
from concordat.register.figures import in_hospital_q
from concordat.register.models import Person
from concordat.returns.models import Return
from concordat.returns.vocabulary import Status

REVIEWS_QUESTION = "4.9"
REGISTER_QUESTION = "4.4"


@dataclass(frozen=True)
class Mismatch:
    area: Area
    return_date: date
    says_reviews_complete: bool
    says_has_register: bool
    on_register: int  # people admitted by the return's date
    in_hospital: int
    not_reviewed: int  # in hospital at the return's date, no care review since admission

    @property
    def problems(self) -> list[str]:
        out = []
        if self.says_reviews_complete and self.not_reviewed:
            out.append("Says all reviews are complete (4.9) but the register has people without a review")
        if self.says_has_register and not self.on_register:
            out.append("Says it has a register (4.4) but the register has nobody on it")
        return out


def cross_check(round_slug: str = "stocktake-2013", *, areas: QuerySet[Area] | None = None) -> list[Mismatch]:
    """Every area flagged, or only those among ``areas`` (a regional lead's region)."""
    returns = Return.objects.filter(round__slug=round_slug, latest_version__isnull=False).select_related(
        "area__region", "latest_version"
    )
    if areas is not None:
        returns = returns.filter(area__in=areas)
    flagged = []
    for ret in returns.order_by("area__name"):
        version = ret.latest_version
        assert version is not None
        reviews_yes = version.answer_status(REVIEWS_QUESTION) is Status.YES
        register_yes = version.answer_status(REGISTER_QUESTION) is Status.YES
        if not (reviews_yes or register_yes):
            continue
        day = version.submitted_at.date()
        inside = in_hospital_q(day)
        reviewed = Q(care_review_date__gte=F("admission_date"), care_review_date__lte=day)
        counts = Person.objects.filter(area=ret.area, admission_date__lte=day).aggregate(
            on_register=Count("pk"),
            in_hospital=Count("pk", filter=inside),
            not_reviewed=Count("pk", filter=inside & ~reviewed),
        )
        mismatch = Mismatch(ret.area, day, reviews_yes, register_yes, **counts)
        if mismatch.problems:
            flagged.append(mismatch)
    return flagged
