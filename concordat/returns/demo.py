"""Demo data for returns: the June 2013 stocktake round, open, with Leeds part-way through; and the
November 2013 status report's round, open (a RAG rating and commentary per theme and milestone)."""

import datetime
from typing import TextIO

from concordat.accounts.models import User
from concordat.areas.models import Area
from concordat.questionnaires.definitions import load_questionnaire_file
from concordat.questionnaires.models import Question
from concordat.returns import actions
from concordat.returns.models import Return, Round, RoundState
from concordat.returns.vocabulary import Status

ROUND_SLUG = "stocktake-2013"
STATUS_REPORT_SLUG = "status-report-2013-11"


def ensure_stocktake_round(acting_user: User | None = None) -> Round:
    questionnaire, _ = load_questionnaire_file("stocktake-2013")
    rnd = Round.objects.filter(slug=ROUND_SLUG).first()
    if rnd is None:
        rnd = actions.create_round(
            slug=ROUND_SLUG,
            title="Winterbourne View local stocktake, June 2013",
            questionnaire=questionnaire,
            opens_on=datetime.date(2013, 5, 20),
            deadline=datetime.date(2013, 7, 5),
            acting_user=acting_user,
        )
    if rnd.state == RoundState.DRAFT:
        actions.open_round(rnd, acting_user=acting_user)
    return Round.objects.get(pk=rnd.pk)


def ensure_status_report_round(acting_user: User | None = None) -> Round:
    """The November 2013 status report, open from 1 November to its deadline (both dates reconstructed)."""
    questionnaire, _ = load_questionnaire_file(STATUS_REPORT_SLUG)
    rnd = Round.objects.filter(slug=STATUS_REPORT_SLUG).first()
    if rnd is None:
        rnd = actions.create_round(
            slug=STATUS_REPORT_SLUG,
            title="Winterbourne View local status report, November 2013",
            questionnaire=questionnaire,
            opens_on=datetime.date(2013, 11, 1),
            deadline=datetime.date(2013, 11, 29),
            acting_user=acting_user,
        )
    if rnd.state == RoundState.DRAFT:
        actions.open_round(rnd, acting_user=acting_user)
    return Round.objects.get(pk=rnd.pk)


def load_demo(*, stdout: TextIO) -> None:
    report = ensure_status_report_round()
    stdout.write(f"Round {report.slug}: open, deadline {report.deadline:%d %B %Y}.\n")
    rnd = ensure_stocktake_round()
    leeds = Area.objects.get(ons_code="E08000035")
    if not Return.objects.filter(round=rnd, area=leeds).exists():
        editor = User.objects.get(username="leo")
        questions = Question.objects.filter(questionnaire=rnd.questionnaire, section__number="1")
        answers = {
            q: {
                "status": Status.PARTIAL.value,
                "evidence": "Partially; a joint Winterbourne View group meets monthly.",
            }
            for q in questions
        }
        actions.save_answers(Return(round=rnd, area=leeds), answers, revisions={}, acting_user=editor)
    stdout.write(f"Round {rnd.slug}: open, deadline {rnd.deadline:%d %B %Y}.\n")
