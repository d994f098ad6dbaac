"""Reference data every token holder may read: regions, areas, questionnaires, rounds."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import CursorPagination, paginate

from concordat.api.schemas import AreaOut, QuestionnaireDetailOut, QuestionnaireOut, RegionOut, RoundOut
from concordat.areas.models import Area, Region
from concordat.questionnaires.models import Questionnaire, Section
from concordat.returns import access
from concordat.returns.models import Round

router = Router(tags=["reference"])


@router.get("/regions", response=list[RegionOut], url_name="regions")
def regions(request: HttpRequest) -> QuerySet[Region]:
    """The 9 English regions."""
    return Region.objects.order_by("code")


@router.get("/areas", response=list[AreaOut], url_name="areas")
@paginate(CursorPagination, ordering=("ons_code",), page_size=50, max_page_size=200)
def areas(request: HttpRequest, region: str = "", type: str = "") -> QuerySet[Area]:
    """The Health and Wellbeing Board areas, by ONS code; filter by ``region`` code or ``type``."""
    found = Area.objects.select_related("region")
    if region:
        found = found.filter(region__code=region)
    if type:
        found = found.filter(type=type)
    return found


@router.get("/areas/{ons_code}", response=AreaOut, url_name="area")
def area(request: HttpRequest, ons_code: str) -> Area:
    return get_object_or_404(Area.objects.select_related("region"), ons_code=ons_code)


@router.get("/questionnaires", response=list[QuestionnaireOut], url_name="questionnaires")
def questionnaires(request: HttpRequest) -> list[dict[str, object]]:
    return [_questionnaire(q) for q in Questionnaire.objects.order_by("slug", "version")]


def _questionnaire(q: Questionnaire) -> dict[str, object]:
    return {
        "slug": q.slug,
        "version": q.version,
        "title": q.title,
        "content_hash": q.content_hash,
        "frozen": q.frozen_at is not None,
    }


@router.get(
    "/questionnaires/{questionnaire_slug}/{int:version}",
    response=QuestionnaireDetailOut,
    url_name="questionnaire",
)
def questionnaire(request: HttpRequest, questionnaire_slug: str, version: int) -> dict[str, object]:
    """One version of a questionnaire: its sections, questions, and the roles that sign a return."""
    q = get_object_or_404(Questionnaire, slug=questionnaire_slug, version=version)
    sections = Section.objects.filter(questionnaire=q).order_by("position").prefetch_related("questions")
    return {
        **_questionnaire(q),
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "questions": [
                    {"number": x.number, "text": x.text, "answer_type": x.answer_type}
                    for x in sorted(s.questions.all(), key=lambda x: x.position)
                ],
            }
            for s in sections
        ],
        "signatory_roles": [r["role"] for r in q.signatory_roles],
    }


def _round(r: Round) -> dict[str, object]:
    return {
        "slug": r.slug,
        "title": r.title,
        "questionnaire": r.questionnaire.slug,
        "questionnaire_version": r.questionnaire.version,
        "opens_on": r.opens_on,
        "deadline": r.deadline,
        "state": r.state,
        "synthetic": r.synthetic,
    }


@router.get("/rounds", response=list[RoundOut], url_name="rounds")
def rounds(request: HttpRequest, state: str = "") -> list[dict[str, object]]:
    """Every round; filter by ``state`` (draft, open, closed, published)."""
    found = Round.objects.select_related("questionnaire")
    if state:
        found = found.filter(state=state)
    return [_round(r) for r in found]


@router.get("/rounds/{round_slug}", response=RoundOut, url_name="round")
def round_detail(request: HttpRequest, round_slug: str) -> dict[str, object]:
    return _round(access.get_round(round_slug))
