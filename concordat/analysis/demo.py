"""Demo data for the analysis: a full synthetic stocktake round, so the national pages show a whole
picture."""

from typing import TextIO

from concordat.returns.models import Round

from .synthetic_rounds import generate_round

DEMO_ROUND = "stocktake-2013-synthetic"
DEMO_SEED = 2013


def load_demo(*, stdout: TextIO) -> None:
    if Round.objects.filter(slug=DEMO_ROUND).exists():
        stdout.write(f"Round {DEMO_ROUND}: already present (synthetic).\n")
        return
    result = generate_round(
        DEMO_ROUND,
        seed=DEMO_SEED,
        title="Synthetic stocktake, June 2013 \N{EN DASH} generated data, not real returns",
    )
    stdout.write(
        f"Round {DEMO_ROUND}: {result.returns} synthetic returns (seed {DEMO_SEED}); "
        "see /analysis/ as nadia.\n"
    )
