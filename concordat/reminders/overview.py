"""A round's reminder schedule as the national team sees it: every step with its date, what was sent on it,
and who the steps still to come would tell, as the returns stand today."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from concordat.notifications.access import turned_off
from concordat.notifications.models import Message
from concordat.reminders import rounds
from concordat.reminders.schedule import Step, steps
from concordat.returns.models import Round, RoundState

KINDS = ["deadline_reminder", "signature_reminder"]
# How far past today the page looks for the next weekly step of a late round.
LOOK_AHEAD = datetime.timedelta(days=7)
# Weekly steps shown even when nothing was sent on them; later ones only if something was sent, or they are
# the current or the next step (a round years late would otherwise list hundreds of empty weeks).
LATE_WEEKS_SHOWN = 4


@dataclass
class StepView:
    step: Step
    label: str
    status: str  # sent, due, upcoming, skipped, missed
    sent: list[Message] = field(default_factory=list)
    would_tell: list[tuple[rounds.Reminder, bool]] = field(default_factory=list)  # (reminder, wanted)


def label(step: Step, deadline: datetime.date) -> str:
    days = (deadline - step.on).days
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} before the deadline"
    if days == 0:
        return "On the deadline"
    weeks = -days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''} late"


def _sent_by_step(rnd: Round) -> dict[str, list[Message]]:
    """The reminders already queued or sent for the round, by step key (the last part of the dedup key)."""
    found: dict[str, list[Message]] = defaultdict(list)
    for kind in KINDS:
        prefix = f"reminder:{kind}:{rnd.slug}:"
        for message in Message.objects.filter(dedup_key__startswith=prefix).select_related("recipient"):
            found[message.dedup_key.rsplit(":", 1)[1]].append(message)
    for messages in found.values():
        messages.sort(key=lambda m: (m.address, m.kind))
    return found


def _status(step: Step, rnd: Round, current: Step | None, today: datetime.date, sent: bool) -> str:
    if step.on < rnd.opens_on:
        return "skipped"
    if step.on > today:
        return "upcoming" if rnd.state == RoundState.OPEN else "cancelled"
    if current is not None and step == current:
        return "sent" if sent else "due"
    return "sent" if sent else "nobody"


@dataclass
class Timeline:
    steps: list[StepView]
    hidden: int  # weekly steps left out: nothing was sent on them


def _shown(view: StepView, current: Step | None, today: datetime.date) -> bool:
    if not view.step.late or int(view.step.key.removeprefix("late-")) <= LATE_WEEKS_SHOWN:
        return True
    return bool(view.sent) or view.step == current or today < view.step.on


def timeline(rnd: Round, today: datetime.date) -> Timeline:
    days_before, weekly = rounds.schedule_for(rnd)
    until = max(today, rnd.deadline) + LOOK_AHEAD
    current = rounds.current_step(rnd, today)
    sent = _sent_by_step(rnd)
    people = rounds.behind(rnd) if rnd.state == RoundState.OPEN else []
    refused = turned_off(KINDS)
    views = []
    for step in steps(rnd.deadline, days_before, weekly_when_late=weekly, until=until):
        view = StepView(step, label(step, rnd.deadline), "", sent.get(step.key, []))
        view.status = _status(step, rnd, current, today, bool(view.sent))
        if view.status in {"upcoming", "due", "sent"} and (step.on > today or step == current):
            told = {m.dedup_key for m in view.sent}
            for person in people:
                reminder = person.at_step(rnd, step, step.on)
                if reminder.dedup_key not in told:
                    wanted = (reminder.person.pk, reminder.kind) not in refused
                    view.would_tell.append((reminder, wanted))
        views.append(view)
    shown = [v for v in views if _shown(v, current, today)]
    return Timeline(shown, len(views) - len(shown))
