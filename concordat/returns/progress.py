"""Read-side summaries of returns: section progress for the task list, and round completeness."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from concordat.areas.models import Area
from concordat.questionnaires.models import Section
from concordat.questionnaires.structure import sections_with_questions
from concordat.returns.actions import required_signatory_roles
from concordat.returns.completion import awaiting_confirmation, is_answered, return_problems
from concordat.returns.content import draft_content
from concordat.returns.models import Return, ReturnState, ReturnVersion, Round, Signature
from concordat.returns.vocabulary import SIGNATORY_ROLES
from concordat.spreadsheets import safe_cell


class SectionStatus:
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    complete: int
    started: int
    total: int
    to_confirm: int = 0  # answers carried forward from the last round, not yet confirmed or changed

    @property
    def status(self) -> str:
        if self.complete == self.total:
            return SectionStatus.COMPLETED
        return SectionStatus.IN_PROGRESS if self.started else SectionStatus.NOT_STARTED


def section_progress(ret: Return) -> list[SectionProgress]:
    """A few queries whatever the size of the questionnaire; "complete" is ``completion``'s one rule."""
    sections = sections_with_questions(ret.round.questionnaire)
    answers = draft_content(ret)["answers"] if ret.pk is not None else {}
    questions = [q for section in sections for q in section.questions.all()]
    complete: dict[int, int] = {}
    started: dict[int, int] = {}
    awaiting = awaiting_confirmation(ret)
    for question, problems in return_problems(questions, answers, awaiting=awaiting):
        sid = question.section_id
        # exactly when submitting raises nothing about it (hidden or optional included; a carried answer
        # waiting to be confirmed is not done)
        if not problems:
            complete[sid] = complete.get(sid, 0) + 1
        if is_answered(answers.get(question.number)):
            started[sid] = started.get(sid, 0) + 1
    to_confirm: dict[int, int] = {}
    for question in questions:
        if question.number in awaiting:
            to_confirm[question.section_id] = to_confirm.get(question.section_id, 0) + 1
    rows = []
    for section in sections:
        rows.append(
            SectionProgress(
                section,
                complete.get(section.pk, 0),
                started.get(section.pk, 0),
                len(section.questions.all()),
                to_confirm.get(section.pk, 0),
            )
        )
    return rows


@dataclass(frozen=True)
class CompletenessRow:
    area: Area
    ret: Return | None
    state: str
    state_label: str
    late: bool
    signed_roles: tuple[str, ...]
    submitted_at: datetime.datetime | None


def completeness(rnd: Round, areas: QuerySet[Area], *, as_at: datetime.date) -> list[CompletenessRow]:
    """Every area's position in a round. Three queries for any number of areas."""
    area_list = list(areas.select_related("region").order_by("name"))
    returns = {
        r.area_id: r
        for r in Return.objects.filter(round=rnd, area__in=[a.pk for a in area_list])
        .select_related("latest_version")
        # The page shows states and signatures, never the content: not read, not decoded.
        .defer("latest_version__content")
        .prefetch_related(
            Prefetch(
                "latest_version__signatures",
                queryset=Signature.objects.only("role", "version_id", "content_hash"),
            )
        )
    }
    labels = dict(ReturnState.choices)
    rows = []
    for area in area_list:
        ret = returns.get(area.pk)
        if ret is not None:
            ret.round = rnd  # is_late reads the deadline: the round in hand, not a query per return
        state = ret.state if ret else ReturnState.NOT_STARTED
        version: ReturnVersion | None = ret.latest_version if ret else None
        signed = version.binding_roles() if version else ()
        rows.append(
            CompletenessRow(
                area=area,
                ret=ret,
                state=state,
                state_label=labels[state],
                late=ret.is_late(as_at) if ret else as_at > rnd.deadline,
                signed_roles=signed,
                submitted_at=ret.first_submitted_at if ret else None,
            )
        )
    return rows


COMPLETENESS_CSV_COLUMNS = (
    "ons_code",
    "area",
    "region",
    "status",
    "late",
    "submitted_at",
    *(f"{role}_signed" for role in SIGNATORY_ROLES),
)


def completeness_csv_rows(rows: Iterable[CompletenessRow]) -> Iterator[list[str]]:
    """The completeness download, header first: the page's and the API's CSV are the same rows."""
    yield list(COMPLETENESS_CSV_COLUMNS)
    for r in rows:
        submitted = r.submitted_at.astimezone(datetime.UTC).isoformat() if r.submitted_at else ""
        values = (
            r.area.ons_code,
            r.area.name,
            r.area.region.name,
            r.state_label,
            "yes" if r.late else "no",
            submitted,
            *("yes" if role in r.signed_roles else "no" for role in SIGNATORY_ROLES),
        )
        yield [safe_cell(v) for v in values]


def signatory_labels(ret: Return) -> list[tuple[str, str]]:
    labels = {s["role"]: s["label"] for s in ret.round.questionnaire.signatory_roles}
    return [(role, labels.get(role, role)) for role in required_signatory_roles(ret)]
