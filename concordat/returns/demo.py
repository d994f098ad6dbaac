"""Demo data for returns: the June 2013 stocktake round, open, with Leeds part-way through; the November 2013
status report's round, open (a RAG rating and commentary per theme and milestone); and the May 2014 update's
round, open (its person-by-person part filled from the register, its local area plan answered)."""

import datetime
from dataclasses import dataclass
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
MAY_UPDATE_SLUG = "may-update-2014"


@dataclass(frozen=True)
class DemoRound:
    title: str
    opens_on: datetime.date
    deadline: datetime.date


# Each demo round, by its questionnaire's slug (the round's slug too). The November 2013 dates are
# reconstructed; the May 2014 update's opening is the March 2014 letter's month, its deadline the letter's.
DEMO_ROUNDS: dict[str, DemoRound] = {
    ROUND_SLUG: DemoRound(
        "Winterbourne View local stocktake, June 2013", datetime.date(2013, 5, 20), datetime.date(2013, 7, 5)
    ),
    STATUS_REPORT_SLUG: DemoRound(
        "Winterbourne View local status report, November 2013",
        datetime.date(2013, 11, 1),
        datetime.date(2013, 11, 29),
    ),
    MAY_UPDATE_SLUG: DemoRound(
        "Winterbourne View local update, May 2014", datetime.date(2014, 3, 17), datetime.date(2014, 5, 5)
    ),
}


def ensure_round(slug: str, acting_user: User | None = None) -> Round:
    """The demo round ``slug`` of the questionnaire of the same name, loaded and open (safe to repeat)."""
    spec = DEMO_ROUNDS[slug]
    questionnaire, _ = load_questionnaire_file(slug)
    rnd = Round.objects.filter(slug=slug).first()
    if rnd is None:
        rnd = actions.create_round(
            slug=slug,
            title=spec.title,
            questionnaire=questionnaire,
            opens_on=spec.opens_on,
            deadline=spec.deadline,
            acting_user=acting_user,
        )
    if rnd.state == RoundState.DRAFT:
        actions.open_round(rnd, acting_user=acting_user)
    return Round.objects.get(pk=rnd.pk)


def ensure_stocktake_round(acting_user: User | None = None) -> Round:
    return ensure_round(ROUND_SLUG, acting_user)


def ensure_status_report_round(acting_user: User | None = None) -> Round:
    return ensure_round(STATUS_REPORT_SLUG, acting_user)


def load_demo(*, stdout: TextIO) -> None:
    for slug in (STATUS_REPORT_SLUG, MAY_UPDATE_SLUG):
        later = ensure_round(slug)
        stdout.write(f"Round {later.slug}: open, deadline {later.deadline:%d %B %Y}.\n")
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
