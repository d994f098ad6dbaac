"""What changed since the last round, for a draft or version whose return was carried forward.

The check-answers page and the national team's review show, for each question carried from the earlier
round's accepted version (``Return.carried_from``), the status then and now and whether the evidence changed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from concordat.questionnaires.mapping import SAME, QuestionLink, mapping_for
from concordat.returns.actions.carry import carried_values
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
    return FORM_LABELS[status_of((answer or {}).get("status"))]


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
            status_changed=str(after.get("status") or "") != str(carried.get("status") or ""),
            evidence_changed=_normal(after.get("evidence")) != _normal(carried.get("evidence")),
        )
    return changes
