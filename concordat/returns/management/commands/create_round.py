import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.questionnaires.models import Questionnaire
from concordat.returns import actions


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
        try:
            rnd = actions.create_round(
                slug=options["round"],
                title=options["title"],
                questionnaire=questionnaire,
                opens_on=options["opens"],
                deadline=options["deadline"],
                acting_user=None,
            )
            if options["open"]:
                actions.open_round(rnd, acting_user=None)
        except actions.ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Round {rnd.slug} created ({'open' if options['open'] else 'draft'}).")
