"""What the public may read of a published return, built from the exact version that was published.

Only the answers (status, evidence text), good-practice descriptions, whether support was asked for, and the
signatories' names and roles (public office holders). Never who completed or edited the return, attachment
names, support descriptions, draft text or anything from the register.
"""

from dataclasses import dataclass

from concordat.accounts.models import SignatoryRole
from concordat.questionnaires import types
from concordat.questionnaires.models import Question
from concordat.returns import vocabulary
from concordat.returns.models import ReturnVersion, Signature

from .typed import shown_answer


@dataclass(frozen=True)
class PublicAnswer:
    number: str
    question: str
    status: str
    evidence: str
    good_practice: str  # the description, or "" when no example was offered
    support_required: bool
    value: str = ""  # a typed answer in words, as it may be published (register.disclosure for people)
    typed: bool = False  # answered with a value, not a status: no evidence, good practice or support


@dataclass(frozen=True)
class PublicSection:
    number: str
    title: str
    answers: tuple[PublicAnswer, ...]


@dataclass(frozen=True)
class PublicSignatory:
    role: str
    name: str


@dataclass(frozen=True)
class PublicReturn:
    area_name: str
    version_number: int
    sections: tuple[PublicSection, ...]
    signatories: tuple[PublicSignatory, ...]

    def status_of(self, number: str) -> vocabulary.Status:
        for section in self.sections:
            for answer in section.answers:
                if answer.number == number:
                    return vocabulary.status_of(answer.status)
        return vocabulary.Status.BLANK


def _typed_answer(question: Question, entry: dict[str, object]) -> PublicAnswer:
    spec = question.spec
    value = entry.get("value")
    # A rating's commentary is its evidence; the other types have none.
    commentary = value.get("commentary", "") if isinstance(value, dict) else ""
    return PublicAnswer(
        number=question.number,
        question=question.text,
        status="",
        evidence=str(commentary or "").strip(),
        good_practice="",
        support_required=False,
        value=shown_answer(spec, value),
        typed=True,
    )


def _answer(question: Question, entry: dict[str, object]) -> PublicAnswer:
    if question.answer_type in types.VALUE_TYPES:
        return _typed_answer(question, entry)
    status = vocabulary.status_of(str(entry.get("status") or ""))
    described = bool(entry.get("good_practice"))
    return PublicAnswer(
        number=question.number,
        question=question.text,
        status=str(status) if status != vocabulary.Status.BLANK else "",
        evidence=str(entry.get("evidence") or "").strip(),
        good_practice=str(entry.get("good_practice_description") or "").strip() if described else "",
        support_required=bool(entry.get("support_required")),
    )


def public_return(version: ReturnVersion) -> PublicReturn:
    """``version``'s public content, section by section in questionnaire order."""
    entries = version.content.get("answers") or {}
    questions = Question.objects.filter(questionnaire=version.ret.round.questionnaire).select_related(
        "section"
    )
    sections: dict[str, tuple[str, list[PublicAnswer]]] = {}
    for q in questions.order_by("section__position", "position"):
        entry = entries.get(q.number)
        if entry:
            sections.setdefault(q.section.number, (q.section.title, []))[1].append(_answer(q, entry))
    roles = dict(SignatoryRole.choices)
    signatures = Signature.objects.filter(version=version).binding().order_by("signed_at")
    return PublicReturn(
        area_name=version.ret.area.name,
        version_number=version.number,
        sections=tuple(PublicSection(n, title, tuple(a)) for n, (title, a) in sections.items()),
        signatories=tuple(PublicSignatory(roles.get(s.role, s.role), s.signer_name) for s in signatures),
    )


STATUS_LABELS = {str(k): v for k, v in vocabulary.FORM_LABELS.items()}
