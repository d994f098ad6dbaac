"""URL keyword values for the URL-by-role access test (tests/test_url_access.py)."""

from typing import Any

from concordat.analysis.models import GoodPracticeExample
from concordat.areas.models import Area
from concordat.questionnaires.models import Question
from concordat.returns.models import Return


def _example(world: dict[str, Any], ons_code: str, evidence: str) -> GoodPracticeExample:
    rnd = world["round"]
    ret = Return.objects.select_related("latest_version").get(round=rnd, area__ons_code=ons_code)
    assert ret.latest_version is not None
    return GoodPracticeExample.objects.create(
        round=rnd,
        area=Area.objects.get(ons_code=ons_code),
        question=Question.objects.filter(questionnaire=rnd.questionnaire).order_by("position")[0],
        version=ret.latest_version,
        description=f"A joint commissioning protocol. {evidence}",
        evidence=evidence,
        search_text=evidence,
    )


def build(world: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    harrow = _example(world, "E09000015", "Harrow example")
    leeds = _example(world, "E08000035", "Leeds example")
    return {"example_id": (harrow.pk, leeds.pk)}
