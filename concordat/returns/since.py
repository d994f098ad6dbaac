"""What changed since the last round, for a draft or version whose return was carried forward.

The check-answers page and the national team's review show, for each question carried from the earlier
round's accepted version (``Return.carried_from``), the status then and now and whether the evidence changed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concordat.questionnaires.mapping import SAME, QuestionLink, mapping_for
from concordat.questionnaires.types import RATINGS, YES_NO
from concordat.returns.actions.carry import carried_values, position
from concordat.returns.models import Return, ReturnVersion
from concordat.returns.vocabulary import FORM_LABELS, status_of


@dataclass(frozen=True)
class SinceLastRound:
    round_title: str
    version: int
    link: QuestionLink
    before: str  # "No"; for merged questions "2.1: Yes; 2.2: No"
    after: str
    status_changed: bool
    evidence_changed: bool

    @property
    def how(self) -> str:
        """ "" for the same question, else how it carries ("renamed from 2.3")."""
        return "" if self.link.how == SAME else self.link.described


def _label(answer: Mapping[str, Any] | None) -> str:
    """The answer's standing in words: "Partially", "Amber", or another type's value."""
    standing, _ = position(answer or {})
    if standing in RATINGS:
        return RATINGS[standing]
    if standing in YES_NO and "value" in (answer or {}):
        return YES_NO[standing]
    return standing if standing and "value" in (answer or {}) else FORM_LABELS[status_of(standing)]


def _normal(text: object) -> str:
    return " ".join(str(text or "").split())


def since_last_round(ret: Return, content: Mapping[str, Any]) -> dict[str, SinceLastRound]:
    """Question number → its change since the version ``ret`` was carried from (empty if it was not)."""
    if ret.carried_from_id is None:
        return {}
    earlier = ReturnVersion.objects.select_related("ret__round__questionnaire").get(pk=ret.carried_from_id)
    mapping = mapping_for(earlier.ret.round.questionnaire, ret.round.questionnaire)
    if mapping is None:
        return {}
    before_answers = earlier.content.get("answers") or {}
    now_answers = content.get("answers") or {}
    changes = {}
    for link in mapping.carried:
        carried = carried_values(link, before_answers)
        if carried is None:
            continue
        after = now_answers.get(link.number) or {}
        if len(link.sources) == 1:
            before = _label(before_answers.get(link.sources[0]))
        else:
            before = "; ".join(f"{n}: {_label(before_answers.get(n))}" for n in link.sources)
        changes[link.number] = SinceLastRound(
            round_title=earlier.ret.round.title,
            version=earlier.number,
            link=link,
            before=before,
            after=_label(after),
            status_changed=position(after)[0] != position(carried)[0]
            or after.get("value") != carried.get("value"),
            evidence_changed=_normal(position(after)[1]) != _normal(position(carried)[1]),
        )
    return changes
