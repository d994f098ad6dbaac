import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.questionnaires.models import Questionnaire
from concordat.returns import actions
from concordat.returns.models import Round


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, for example 2013-07-05."
        ) from exc


class Command(BaseCommand):
    help = (
        "Create a round of a questionnaire (as a draft unless --open), e.g. the November 2013 status report."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--round", required=True, help="The round's identifier, e.g. status-report-2013-11."
        )
        parser.add_argument("--questionnaire", required=True, help="The questionnaire's identifier.")
        parser.add_argument("--questionnaire-version", type=int, help="Default: the latest version.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--opens", required=True, type=_date, help="YYYY-MM-DD")
        parser.add_argument("--deadline", required=True, type=_date, help="YYYY-MM-DD")
        parser.add_argument("--open", action="store_true", help="Open the round straight away.")
        parser.add_argument(
            "--carry-from",
            metavar="ROUND",
            help="Start each area's draft from its accepted answers in this round, marked carried forward.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        versions = Questionnaire.objects.filter(slug=options["questionnaire"]).order_by("-version")
        if options["questionnaire_version"]:
            versions = versions.filter(version=options["questionnaire_version"])
        questionnaire = versions.first()
        if questionnaire is None:
            raise CommandError(
                f"No questionnaire {options['questionnaire']!r}: load it first with "
                "`concordat load-questionnaire --questionnaire NAME`."
            )
        carry_from = None
        if options["carry_from"]:
            rounds = Round.objects.select_related("questionnaire")
            carry_from = rounds.filter(slug=options["carry_from"]).first()
            if carry_from is None:
                raise CommandError(f"No round {options['carry_from']!r} to carry answers forward from.")
        try:
            rnd = actions.create_round(
                slug=options["round"],
                title=options["title"],
                questionnaire=questionnaire,
                opens_on=options["opens"],
                deadline=options["deadline"],
                acting_user=None,
                carry_from=carry_from,
            )
            if options["open"]:
                actions.open_round(rnd, acting_user=None)
        except actions.ActionError as exc:
            raise CommandError(exc.message) from exc
        carried = f", drafts carried forward from {carry_from.slug}" if carry_from else ""
        self.stdout.write(f"Round {rnd.slug} created ({'open' if options['open'] else 'draft'}{carried}).")
