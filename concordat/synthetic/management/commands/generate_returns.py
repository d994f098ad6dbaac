"""``concordat generate-returns --round ROUND --seed N``: write a synthetic round into the database."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concordat.synthetic.rounds import GenerationError, generate_round


class Command(BaseCommand):
    help = (
        "Generate a synthetic stocktake round (every return invented, labelled synthetic) that reproduces "
        "the "
        "published 2013 figures. Creates the round if missing; refuses a round holding real returns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--round", required=True, help="Round slug, e.g. stocktake-2013-synthetic.")
        parser.add_argument("--seed", type=int, required=True)
        parser.add_argument(
            "--areas-scale",
            type=int,
            default=1,
            help="Add synthetic E10 9xxxxx areas up to 152 x N (benchmark only; throwaway databases).",
        )
        parser.add_argument("--title", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = generate_round(
                options["round"],
                seed=options["seed"],
                areas_scale=options["areas_scale"],
                title=options["title"],
            )
        except GenerationError as exc:
            raise CommandError(exc.message) from exc
        truth = result.synthetic.truth
        self.stdout.write(
            f"{result.round.slug}: {result.returns} synthetic returns for {truth.areas} areas (seed "
            f"{options['seed']}); pooled budgets {truth.headline_counts['pooled_budget']} of {truth.areas}, "
            f"{truth.headline_counts['good_practice_examples']} good-practice examples."
        )
