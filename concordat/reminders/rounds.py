"""Who is reminded of a round's deadline, and of what, on a date.

Editors of an area that has not submitted (no return, not started, or a draft in progress) get a
deadline reminder; signatories who have not signed a submitted version get a signature reminder.
Each (round, area, person, step) is told once: the dedup key names all four.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from concordat.areas.models import Area
from concordat.notifications.actions import queue_message
from concordat.notifications.models import Message
from concordat.notifications.recipients import area_editors, area_signatories
from concordat.notifications.rendering import site_url
from concordat.reminders.models import DEFAULT_DAYS_BEFORE, ReminderSchedule
from concordat.reminders.schedule import Step, step_due
from concordat.returns.actions import required_signatory_roles
from concordat.returns.models import Return, ReturnState, Round, RoundState

NOT_SUBMITTED = (ReturnState.NOT_STARTED, ReturnState.IN_PROGRESS)


@dataclass(frozen=True)
class Reminder:
    person: Any
    kind: str  # deadline_reminder or signature_reminder
    area: Area
    round: Round
    step: Step
    as_at: datetime.date
    version_number: int | None = None

    @property
    def dedup_key(self) -> str:
        return f"reminder:{self.kind}:{self.round.slug}:{self.area.ons_code}:{self.person.pk}:{self.step.key}"

    @property
    def when(self) -> str:
        days = (self.round.deadline - self.as_at).days
        if days > 1:
            return f"is due in {days} days, on {self.deadline}"
        if days == 1:
            return f"is due tomorrow, {self.deadline}"
        if days == 0:
            return f"is due today, {self.deadline}"
        return f"was due on {self.deadline}"

    @property
    def deadline(self) -> str:
        return f"{self.round.deadline:%d %B %Y}".lstrip("0")

    @property
    def subject(self) -> str:
        if self.kind == "signature_reminder":
            return f"Sign {self.area.name}'s return: it {self.when}"
        return f"{self.area.name}'s return {self.when}"

    def describe(self) -> str:
        address = self.person.email or "no address"
        return f"{self.person.get_username()} <{address}> [{self.step.key}] {self.subject}"


def schedule_for(rnd: Round) -> tuple[list[int], bool]:
    schedule = ReminderSchedule.objects.filter(round=rnd).first()
    if schedule is None:
        return list(DEFAULT_DAYS_BEFORE), True
    return [int(d) for d in schedule.days_before], schedule.weekly_when_late


def current_step(rnd: Round, as_at: datetime.date) -> Step | None:
    if rnd.state != RoundState.OPEN:
        return None
    days_before, weekly = schedule_for(rnd)
    return step_due(rnd.deadline, days_before, weekly_when_late=weekly, as_at=as_at, opens_on=rnd.opens_on)


@dataclass(frozen=True)
class Behind:
    """A person who would be reminded of a round now: an editor of an area that has not submitted, or a
    signatory who has not signed the submitted version."""

    person: Any
    kind: str
    area: Area
    version_number: int | None = None

    def at_step(self, rnd: Round, step: Step, as_at: datetime.date) -> Reminder:
        return Reminder(self.person, self.kind, self.area, rnd, step, as_at, self.version_number)


def behind(rnd: Round) -> list[Behind]:
    """Everyone a reminder of ``rnd`` would go to, as its returns stand."""
    returns = {r.area_id: r for r in Return.objects.filter(round=rnd).select_related("latest_version")}
    people: list[Behind] = []
    for area in Area.objects.current(rnd.opens_on).order_by("name"):
        ret = returns.get(area.pk)
        if ret is None or ret.state in NOT_SUBMITTED:
            people += [Behind(p, "deadline_reminder", area) for p in area_editors(area)]
        elif ret.state == ReturnState.SUBMITTED and ret.latest_version is not None:
            version = ret.latest_version
            signed = {s.role for s in version.signatures.all() if s.content_hash == version.content_hash}
            unsigned = [r for r in required_signatory_roles(ret) if r not in signed]
            people += [
                Behind(p, "signature_reminder", area, version.number)
                for p in area_signatories(area, unsigned)
            ]
    return people


def plan(rnd: Round, as_at: datetime.date) -> list[Reminder]:
    """Every reminder due on ``as_at`` (some may have been sent already: see ``already_sent``)."""
    step = current_step(rnd, as_at)
    if step is None:
        return []
    return [person.at_step(rnd, step, as_at) for person in behind(rnd)]


def already_sent(reminders: list[Reminder]) -> set[str]:
    keys = [r.dedup_key for r in reminders]
    return set(Message.objects.filter(dedup_key__in=keys).values_list("dedup_key", flat=True))


def send(reminder: Reminder) -> bool:
    """Queue one reminder; False when it was sent before (or the person turned reminders off)."""
    kwargs = {"round_slug": reminder.round.slug, "ons_code": reminder.area.ons_code}
    if reminder.version_number is not None:
        link = site_url(reverse("returns:version_sign", kwargs={**kwargs, "number": reminder.version_number}))
    else:
        link = site_url(reverse("returns:task_list", kwargs=kwargs))
    message = queue_message(
        reminder.person,
        kind=reminder.kind,
        subject=reminder.subject,
        template=f"reminders/email/{reminder.kind}.txt",
        context={
            "area": reminder.area.name,
            "round": reminder.round.title,
            "when": reminder.when,
            "late": "yes" if reminder.step.late or reminder.as_at > reminder.round.deadline else "",
            "number": str(reminder.version_number or ""),
        },
        dedup_key=reminder.dedup_key,
        link=link,
        link_text="Sign the return" if reminder.version_number is not None else "Go to the return",
    )
    return message is not None
