"""Carry forward and the change view across two versions of the stocktake, through the question mapping:
2.2 and 2.3 swapped (renamed), 2.4 and 2.5 merged, 1.9 dropped, 2.8 new."""

import copy
import datetime
from typing import Any

import pytest
from django.urls import reverse

from concordat.questionnaires.definitions import load_questionnaire
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.models import Answer, Return, ReturnVersion, Round
from concordat.returns.tests.builders import change_answer, complete_answers, filled_return

pytestmark = pytest.mark.django_db
HARROW = "E09000015"
SIGNERS = (("hugh", "hwb_chair"), ("helen", "chief_executive"), ("hari", "ccg"))


def _accepted(ret: Return, personas: dict[str, Any]) -> None:
    version = actions.submit_return(Return.objects.get(pk=ret.pk), acting_user=personas["harriet"])
    for username, role in SIGNERS:
        actions.sign_version(version, role, seen_hash=version.content_hash, acting_user=personas[username])
    actions.accept_version(ReturnVersion.objects.get(pk=version.pk), acting_user=personas["nadia"])


def _version_2(stocktake: Round) -> Any:
    definition = copy.deepcopy(stocktake.questionnaire.definition)
    sections = {s["number"]: s for s in definition["sections"]}
    sections["1"]["questions"] = [q for q in sections["1"]["questions"] if q["number"] != "1.9"]
    questions = [q for q in sections["2"]["questions"] if q["number"] != "2.5"]
    questions.append({"number": "2.8", "text": "Is there a joint workforce plan?"})
    sections["2"]["questions"] = questions
    definition["carries_from"] = {
        "questionnaire": "stocktake-2013",
        "version": 1,
        "questions": {
            "2.2": {"from": ["2.3"], "how": "renamed"},
            "2.3": {"from": ["2.2"], "how": "renamed"},
            "2.4": {"from": ["2.4", "2.5"], "how": "merged"},
        },
    }
    questionnaire, changed = load_questionnaire(definition)
    assert changed and questionnaire.version == 2
    return questionnaire


@pytest.fixture
def later(stocktake: Round, personas: dict[str, Any]) -> Round:
    """June: Harrow accepted, every answer Yes but 2.3 No and 2.4 Partially. Then a round of version 2
    carried from June."""
    ret = filled_return(stocktake, HARROW, personas["harriet"])
    change_answer(ret, personas["harriet"], "2.4", "Partly; pooled from April.")
    question = Question.objects.get(questionnaire=stocktake.questionnaire, number="2.3")
    actions.save_answers(
        ret,
        {question: {"status": "no", "evidence": "No agreement yet."}},
        revisions={question.pk: 1},
        acting_user=personas["harriet"],
    )
    _accepted(ret, personas)
    rnd = actions.create_round(
        slug="stocktake-2014",
        title="Stocktake 2014",
        questionnaire=_version_2(stocktake),
        opens_on=datetime.date(2014, 5, 1),
        deadline=datetime.date(2014, 7, 4),
        acting_user=personas["nadia"],
        carry_from=stocktake,
    )
    return actions.open_round(rnd, acting_user=personas["nadia"])


def _carried(rnd: Round, number: str) -> Answer:
    return Answer.objects.get(ret__round=rnd, question__number=number)


def test_carrying_across_versions_follows_the_mapping(later: Round) -> None:
    renamed = _carried(later, "2.2")  # from June's 2.3
    assert (renamed.status, renamed.evidence, renamed.carried_questions) == ("no", "No agreement yet.", "2.3")
    merged = _carried(later, "2.4")  # June's 2.4 (Partially) and 2.5 (Yes) disagree: the area chooses
    assert merged.status == ""
    assert merged.evidence == (
        "From 2.4: Partly; pooled from April.\n\nFrom 2.5: Yes; a joint group is in place. (2.5)"
    )
    assert merged.carried_sources == "2.4 and 2.5"
    assert not Answer.objects.filter(ret__round=later, question__number="2.8").exists()
    assert Answer.objects.filter(ret__round=later).count() == 59  # 61, less 1.9 dropped and 2.5 merged


def test_the_change_view_compares_through_the_mapping(
    later: Round, stocktake: Round, personas: dict[str, Any], nadia: Any
) -> None:
    ret = Return.objects.get(round=later)
    answers = complete_answers(later, evidence="Still so in 2014.")
    answers[Question.objects.get(questionnaire=later.questionnaire, number="2.2")] = {
        "status": "partial",
        "evidence": "Agreed in principle.",
    }
    revisions = dict(ret.answers.values_list("question_id", "revision"))
    ret = actions.save_answers(ret, answers, revisions=revisions, acting_user=personas["harriet"])
    actions.save_completed_by(ret, {"name": "Harriet"}, revision=0, acting_user=personas["harriet"])
    _accepted(ret, personas)

    response = nadia.get(reverse("analysis:change", args=[later.slug]), {"since": stocktake.slug})
    assert response.status_code == 200
    result = response.context["result"]
    questions = {q.question: q for q in result.questions}
    assert result.compared_areas == 1
    assert result.new == ("2.8",) and result.dropped == ("1.9",)
    assert (questions["2.2"].how, questions["2.2"].sources) == ("renamed", ("2.3",))
    assert questions["2.2"].transitions == {("no", "partial"): 1}  # June's 2.3 No → Partially: improved
    assert questions["2.2"].movements["improved"] == 1
    assert questions["2.3"].transitions == {("yes", "yes"): 1}  # June's 2.2
    assert (questions["2.4"].how, questions["2.4"].sources) == ("merged", ("2.4", "2.5"))
    assert questions["2.4"].transitions == {("mixed", "yes"): 1}
    assert questions["2.4"].movements["changed"] == 1
    assert questions["1.1"].movements["same"] == 1
    assert "2.8" not in questions
    page = response.content.decode()
    assert "New questions, not compared: 2.8." in page
    assert "from 2.4 and 2.5 (merged)" in page
