"""``concordat send-reminders --round R [--as-at DATE] [--dry-run]``; ``--schedule`` starts the daily run."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from concordat.reminders import daily
from concordat.reminders.actions import ScheduleError, set_schedule
from concordat.reminders.rounds import current_step
from concordat.returns.models import Round


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-at must be a date like 2013-06-28, not {value!r}") from exc


class Command(BaseCommand):
    help = "Send a round's deadline reminders due on a date (each step once), or start the daily run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", help="The round's slug, e.g. stocktake-2013.")
        parser.add_argument("--as-at", help="The date to act as if it were (default today), e.g. 2013-06-28.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would be told what; send nothing."
        )
        parser.add_argument(
            "--set-days-before",
            help="Set the round's schedule first: days before the deadline, e.g. 14,7,2,0 (the default).",
        )
        parser.add_argument(
            "--weekly-when-late",
            choices=("yes", "no"),
            default="yes",
            help="With --set-days-before: remind weekly after the deadline (default yes).",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Start the worker's daily run (does nothing if already waiting).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self._schedule()
            return
        if not options["round"]:
            raise CommandError("Give --round SLUG (or --schedule to start the daily run).")
        rnd = Round.objects.filter(slug=options["round"]).first()
        if rnd is None:
            raise CommandError(f"There is no round called {options['round']!r}.")
        if options["set_days_before"] is not None:
            self._set_schedule(rnd, options["set_days_before"], options["weekly_when_late"] == "yes")
        as_at = _date(options["as_at"]) if options["as_at"] else timezone.localdate()
        step = current_step(rnd, as_at)
        if step is None:
            self.stdout.write(f"No reminders are due for {rnd.slug} on {as_at} (round {rnd.state}).")
            return
        outcome = daily.send_round(rnd, as_at, dry_run=options["dry_run"])
        for line in outcome.queued:
            self.stdout.write(line)
        verb = "Would send" if options["dry_run"] else "Queued"
        self.stdout.write(
            f"{verb} {len(outcome.queued)} reminder(s) for {rnd.slug} on {as_at} (step {step.key}, "
            f"{step.on}); {outcome.already_sent} already sent for this step."
        )

    def _set_schedule(self, rnd: Round, days: str, weekly: bool) -> None:
        try:
            days_before = [int(d) for d in days.split(",") if d.strip()]
            set_schedule(rnd, days_before=days_before, weekly_when_late=weekly, acting_user=None)
        except (ValueError, ScheduleError) as exc:
            raise CommandError(
                f"--set-days-before must be whole numbers of days like 14,7,2,0: {exc}"
            ) from exc
        self.stdout.write(
            f"Reminders for {rnd.slug}: {days} days before the deadline, weekly when late: {weekly}."
        )

    def _schedule(self) -> None:
        run_after = daily.schedule_next(timezone.localdate())
        if run_after is None:
            self.stdout.write(
                "The daily reminders run is already scheduled (or the task backend cannot defer)."
            )
        else:
            self.stdout.write(f"The daily reminders run is scheduled for {timezone.localtime(run_after)}.")
