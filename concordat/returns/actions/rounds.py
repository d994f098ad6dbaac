"""Creating, opening and closing rounds. A round's actions may be taken by the system (no person)."""

import datetime

from django.db import transaction
from django.utils import timezone

from concordat.accounts.models import User
from concordat.audit.actions import record
from concordat.questionnaires.models import Questionnaire
from concordat.returns.models import Round, RoundState

from .carry import carry_forward
from .errors import ActionError


@transaction.atomic
def create_round(
    *,
    slug: str,
    title: str,
    questionnaire: Questionnaire,
    opens_on: datetime.date,
    deadline: datetime.date,
    acting_user: User | None,
    synthetic: bool = False,
    carry_from: Round | None = None,
) -> Round:
    """A new draft round; with ``carry_from``, each area's draft starts from its accepted return in that
    round (``carry.carry_forward``), all in this one transaction."""
    if deadline < opens_on:
        raise ActionError("The deadline must be on or after the opening date.", field="deadline")
    if Round.objects.filter(slug=slug).exists():
        raise ActionError(f"A round called {slug} already exists.", field="slug")
    rnd = Round.objects.create(
        slug=slug,
        title=title,
        questionnaire=questionnaire,
        opens_on=opens_on,
        deadline=deadline,
        synthetic=synthetic,
        carry_from=carry_from,
    )
    data = {"questionnaire": str(questionnaire), "carry_from": carry_from.slug if carry_from else None}
    record(acting_user, "round.created", rnd, data=data)
    if carry_from is not None:
        carry_forward(rnd, carry_from, acting_user=acting_user)
    return rnd


@transaction.atomic
def open_round(rnd: Round, *, acting_user: User | None) -> Round:
    """Opening freezes the questionnaire: from now on a change to it makes a new version."""
    rnd = Round.objects.select_for_update().select_related("questionnaire").get(pk=rnd.pk)
    if rnd.state not in (RoundState.DRAFT, RoundState.CLOSED):
        raise ActionError("Only a draft or closed round can be opened.")
    rnd.state = RoundState.OPEN
    rnd.save(update_fields=["state"])
    if rnd.questionnaire.frozen_at is None:
        rnd.questionnaire.frozen_at = timezone.now()
        rnd.questionnaire.save(update_fields=["frozen_at"])
    record(acting_user, "round.opened", rnd)
    return rnd


@transaction.atomic
def close_round(rnd: Round, *, acting_user: User | None) -> Round:
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if rnd.state != RoundState.OPEN:
        raise ActionError("Only an open round can be closed.")
    rnd.state = RoundState.CLOSED
    rnd.save(update_fields=["state"])
    record(acting_user, "round.closed", rnd)
    return rnd
