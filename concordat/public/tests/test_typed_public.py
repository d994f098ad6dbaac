"""A published round of typed questions on the public pages: an area's answers beside England's, and counts
of people only through disclosure control."""

from typing import Any

import pytest
from django.utils import timezone

from concordat.analysis.tests.figures_round import figures_round, figures_version
from concordat.public.typed import TABLE_NOT_PUBLISHED, shown_answer
from concordat.questionnaires.tests.table_type import PLACEMENTS
from concordat.questionnaires.types import QuestionSpec
from concordat.returns import actions
from concordat.returns.models import ReturnVersion, Round

pytestmark = pytest.mark.django_db
HARROW, LEEDS = "E09000015", "E08000035"
HARROW_VALUES = {
    "1.1": "yes",
    "1.2": "3",
    "1.3": "1500",
    "1.4": "pooled",
    "1.5": ["pooled"],
    "1.6": "2014-03-01",
}
LEEDS_VALUES = {
    "1.1": "no",
    "1.2": "12",
    "1.3": "250",
    "1.4": "aligned",
    "1.5": ["aligned"],
    "1.6": "2014-03-02",
}


def _accept(version: ReturnVersion, signer: Any, nadia: Any) -> None:
    actions.sign_version(version, "chief_executive", seen_hash=version.content_hash, acting_user=signer)
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=nadia)


@pytest.fixture
def published_figures(personas: dict[str, Any]) -> Round:
    """Harrow (3 people) and Leeds (12 people) accepted and published."""
    rnd = figures_round(personas["nadia"])
    nadia = personas["nadia"]
    _accept(figures_version(rnd, HARROW, personas["harriet"], HARROW_VALUES), personas["helen"], nadia)
    _accept(figures_version(rnd, LEEDS, personas["leo"], LEEDS_VALUES), personas["lucy"], nadia)
    today = timezone.localdate()
    actions.publish_round(rnd, embargo_until=today, as_at=today, acting_user=personas["nadia"])
    return rnd


def test_the_area_page_shows_typed_answers_beside_englands(published_figures: Round, client: Any) -> None:
    response = client.get(f"/areas/{HARROW}/")
    typed = {t.number: t for t in response.context["position"].typed}
    assert typed["1.1"].answer == "Yes"
    assert (
        typed["1.1"].england
        == "Yes: 1 of 2 areas (50%); No: 1 of 2 areas (50%); Not answered: 0 of 2 areas (0%)"
    )
    assert typed["1.3"].answer == "1,500"
    assert typed["1.3"].england == "1,750 in all, from 2 of 2 areas (100%)"
    assert typed["1.4"].answer == "Pooled"
    assert typed["1.6"].answer == "1 March 2014"


def test_an_areas_count_of_people_is_suppressed_or_rounded_and_englands_is_exact(
    published_figures: Round, client: Any
) -> None:
    harrow = {t.number: t for t in client.get(f"/areas/{HARROW}/").context["position"].typed}
    leeds = {t.number: t for t in client.get(f"/areas/{LEEDS}/").context["position"].typed}
    assert harrow["1.2"].answer == "*"  # 3 people: 1 to 7 is hidden
    assert leeds["1.2"].answer == "10"  # 12 people: rounded to the nearest 5
    assert harrow["1.2"].england == "15 people in all, from 2 of 2 areas (100%)"
    page = client.get(f"/areas/{HARROW}/").content.decode()
    assert '<td class="govuk-table__cell concordat-pre-wrap">*</td>' in page


def test_the_whole_return_page_shows_typed_values_with_people_through_disclosure_control(
    published_figures: Round, client: Any
) -> None:
    page = client.get(f"/published/{published_figures.slug}/areas/{HARROW}/").content.decode()
    assert "1 March 2014" in page and "Pooled" in page and "1,500" in page
    assert ">3<" not in page  # Harrow's 3 people are never shown
    leeds = client.get(f"/published/{published_figures.slug}/areas/{LEEDS}/").content.decode()
    assert ">10<" in leeds and ">12<" not in leeds


def test_the_easy_read_page_shows_typed_answers_in_its_words(published_figures: Round, client: Any) -> None:
    page = client.get(f"/areas/{HARROW}/easy-read/").content.decode()
    assert "How many people left hospital? *." in page
    assert "Is the plan signed off? Yes." in page


def test_a_tables_rows_are_never_published_not_even_how_many() -> None:
    rows = [{"provider": "Calderstones", "people": 3}, {"provider": "Oak House", "people": 1}]
    assert shown_answer(QuestionSpec.from_definition(PLACEMENTS), rows) == TABLE_NOT_PUBLISHED
    assert shown_answer(QuestionSpec.from_definition(PLACEMENTS), None) == ""
