"""A national correction on an area's behalf is emailed to its editors and signatories, with the reason."""

from typing import Any

import pytest
from django.core import mail

from concordat.notifications.tests.helpers import send_queued, sent_to
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.tests.builders import filled_return

pytestmark = pytest.mark.django_db


def test_the_area_is_told_which_answers_the_national_team_corrected_and_why(
    stocktake: Any, personas: dict[str, Any]
) -> None:
    ret = filled_return(stocktake, "E09000015", personas["harriet"])
    question = Question.objects.get(questionnaire=stocktake.questionnaire, number="1.1")
    send_queued()
    mail.outbox.clear()

    actions.correct_answers(
        ret,
        {question: {"status": "no", "evidence": "No; corrected."}},
        revisions={question.pk: ret.answers.get(question=question).revision},
        reason="The area asked us to fix a typing slip.",
        acting_user=personas["nadia"],
    )
    send_queued()

    told = {m.to[0] for m in mail.outbox if "corrected" in m.subject}
    assert told == {
        "harriet@example.org",
        "hamid@example.org",
        "hugh@example.org",
        "helen@example.org",
        "hari@example.org",
    }
    (email,) = [m for m in sent_to("hugh@example.org") if "corrected" in m.subject]
    assert email.subject == "The national team corrected Harrow's return"
    assert "They changed question 1.1. Their reason:" in email.body
    assert "The area asked us to fix a typing slip." in email.body
    assert "/rounds/stocktake-2013/areas/E09000015/" in email.body
