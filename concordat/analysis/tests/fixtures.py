"""Shared inputs for the analysis tests: the real 152 areas and the real questionnaire, no database."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from concordat.analysis.indicators import Indicators, compute_indicators
from concordat.analysis.records import AreaRef, read_areas_csv
from concordat.synthetic.stocktake import SyntheticRound, generate_returns

ROOT = Path(__file__).resolve().parents[3]
QUESTIONNAIRE_PATH = ROOT / "concordat" / "questionnaires" / "definitions" / "stocktake-2013.json"
_AREAS_CANDIDATES = (
    ROOT / "concordat" / "areas" / "data" / "hwb-areas-2013.csv",
    ROOT.parent / "shared" / "reference" / "hwb-areas-2013.csv",
)
DEADLINE = date(2013, 7, 5)
SEED = 2013


@cache
def questionnaire() -> dict[str, Any]:
    return json.loads(QUESTIONNAIRE_PATH.read_text(encoding="utf-8"))


@cache
def areas() -> tuple[AreaRef, ...]:
    for path in _AREAS_CANDIDATES:
        if path.exists():
            return tuple(read_areas_csv(path))
    raise FileNotFoundError("hwb-areas-2013.csv not found in " + ", ".join(map(str, _AREAS_CANDIDATES)))


@cache
def indicators() -> Indicators:
    rnd = synthetic_round()
    return compute_indicators(rnd.returns, list(areas()), questionnaire(), deadline=DEADLINE)


@cache
def synthetic_round(seed: int = SEED) -> SyntheticRound:
    return generate_returns(
        seed=seed, areas=list(areas()), questionnaire=questionnaire(), round_deadline=DEADLINE
    )
