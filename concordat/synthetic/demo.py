"""Synthetic demo data: a full stocktake round, so the national pages show a whole picture, and a register
for all 152 areas with 24 monthly snapshots up to 31 March 2014. Labelled synthetic everywhere."""

from datetime import date
from typing import TextIO

from concordat.register.models import Person, Snapshot
from concordat.returns.models import Round
from concordat.synthetic.register_loading import load_register
from concordat.synthetic.rounds import generate_round

DEMO_ROUND = "stocktake-2013-synthetic"
DEMO_SEED = 2013
REGISTER_AS_AT = date(2014, 3, 31)


def load_demo(*, stdout: TextIO) -> None:
    load_round_demo(stdout=stdout)
    load_register_demo(stdout=stdout)


def load_round_demo(*, stdout: TextIO) -> None:
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


def load_register_demo(*, stdout: TextIO) -> None:
    if Person.objects.filter(synthetic=True).exists() or Snapshot.objects.exists():
        stdout.write("Register: demo data already loaded.\n")
    else:
        register = load_register(seed=DEMO_SEED, as_at=REGISTER_AS_AT, scale=1.0)
        stdout.write(
            f"Register: {len(register.people):,} SYNTHETIC people (no real person) in 152 areas, "
            f"24 monthly snapshots to {REGISTER_AS_AT:%d %B %Y}.\n"
        )
    stdout.write(
        "Register personas (rachel: Harrow, luke: Leeds, naveen: national analyst), and nadia to manage "
        "accounts, set up an authenticator app from the emailed link (var/mail): two-factor authentication.\n"
    )
