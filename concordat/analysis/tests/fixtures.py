"""Shared inputs for the analysis tests: the real 152 areas and the real questionnaire, no database."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

from concordat.analysis.indicators import Indicators, compute_indicators
from concordat.analysis.records import AreaRef, read_areas_csv
from concordat.areas.reference import AREAS_CSV
from concordat.questionnaires.definitions import definition_path
from concordat.synthetic.stocktake import SyntheticRound, generate_returns

DEADLINE = date(2013, 7, 5)
SEED = 2013


@cache
def questionnaire() -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(definition_path("stocktake-2013").read_text(encoding="utf-8"))
    return definition


@cache
def areas() -> tuple[AreaRef, ...]:
    return tuple(read_areas_csv(AREAS_CSV))


@cache
def indicators() -> Indicators:
    rnd = synthetic_round()
    return compute_indicators(rnd.returns, list(areas()), questionnaire(), deadline=DEADLINE)


@cache
def synthetic_round(seed: int = SEED) -> SyntheticRound:
    return generate_returns(
        seed=seed, areas=list(areas()), questionnaire=questionnaire(), round_deadline=DEADLINE
    )
