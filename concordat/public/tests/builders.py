"""Published rounds for tests, through the real actions: Harrow accepted and published; Leeds submitted."""

import datetime
from typing import Any

from django.utils import timezone

from concordat.returns import actions
from concordat.returns.models import Publication, ReturnVersion, Round
from concordat.returns.tests.builders import signed_off_version, submitted_return

DRAFT_SENTINEL = "DRAFT-ONLY-WORDING-5521"


def accepted_harrow(rnd: Round, personas: dict[str, Any]) -> ReturnVersion:
    version = signed_off_version(rnd, personas)
    actions.accept_version(version, acting_user=personas["nadia"])
    return version


def draft_over_harrow(rnd: Round, personas: dict[str, Any]) -> None:
    """Reopen Harrow's accepted return and type draft wording that is never submitted."""
    ret = ReturnVersion.objects.get(ret__round=rnd, ret__area__ons_code="E09000015", number=1).ret
    actions.reopen_return(ret, acting_user=personas["nadia"], reason="A late correction")
    question = ret.answers.select_related("question").first()
    assert question is not None
    actions.save_answers(
        ret,
        {question.question: {"status": "no", "evidence": DRAFT_SENTINEL}},
        revisions=dict(ret.answers.values_list("question_id", "revision")),
        acting_user=personas["harriet"],
    )


def published_round(
    rnd: Round, personas: dict[str, Any], *, embargo_until: datetime.date | None = None
) -> Publication:
    """Harrow accepted and published (from ``embargo_until``, default today); Leeds submitted, unpublished."""
    accepted_harrow(rnd, personas)
    submitted_return(rnd, "E08000035", personas["leo"])
    today = timezone.localdate()
    return actions.publish_round(
        rnd, embargo_until=embargo_until or today, as_at=today, acting_user=personas["nadia"]
    )
