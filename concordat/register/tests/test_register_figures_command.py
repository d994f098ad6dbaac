"""``register-figures``: unsuppressed by default; ``--public`` passes disclosure control."""

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from concordat.synthetic.register import AT_DATE
from concordat.synthetic.register_loading import load_register

AREA_COUNTS = ("in_hospital", "secure", "transfer_before_target")


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("register_figures", "--as-at", AT_DATE.isoformat(), *args, stdout=out)
    return out.getvalue()


def _counts(data: dict[str, Any]) -> list[str]:
    values = [data[k] for k in AREA_COUNTS]
    values += [v["count"] for v in data.values() if isinstance(v, dict) and "count" in v]
    values += [m[k] for m in data["months"] for k in ("admissions", "discharges")]
    return [str(v) for v in values]


@pytest.mark.django_db
def test_public_area_and_region_output_hides_1_to_7_and_rounds_to_5(reference: None) -> None:
    load_register(seed=11, as_at=AT_DATE, scale=0.2, months=6)
    for scope in (["--area", "E09000015"], ["--area", "E10000003"], ["--region", "E12000007"]):
        raw = json.loads(_run(*scope, "--format", "json"))
        public = json.loads(_run(*scope, "--format", "json", "--public"))
        assert public["disclosure_control"] is True and raw["disclosure_control"] is False
        for shown in _counts(public):
            assert shown == "*" or int(shown.replace(",", "")) % 5 == 0, shown
        for name in ("reviewed", "out_of_area"):
            if public[name]["count"] == "*":
                assert public[name]["percent"] == "*"


@pytest.mark.django_db
def test_england_output_is_exact_even_when_public(reference: None) -> None:
    register = load_register(seed=11, as_at=AT_DATE, scale=0.05, months=6)
    public = json.loads(_run("--format", "json", "--public"))
    assert public["in_hospital"] == f"{register.truth.in_hospital:,}"
    table = list(csv.reader(io.StringIO(_run("--format", "csv"))))
    assert table[0] == ["measure", "count", "percent"]
    assert ["in_hospital", str(register.truth.in_hospital), ""] in table
