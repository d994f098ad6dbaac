"""The worked examples in docs/api.md, run as written against a live server."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from concordat.api.tests.helpers import make_token
from concordat.returns.models import Answer, ReturnVersion

DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def _examples() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    return blocks[1:]  # the first block only says where BASE and the tokens come from


@pytest.mark.django_db(transaction=True)
def test_the_worked_examples_run_against_a_live_server(
    live_server: Any, stocktake: Any, personas: dict[str, Any], capsys: Any
) -> None:
    examples = _examples()
    assert len(examples) == 4
    namespace: dict[str, Any] = {
        "BASE": live_server.url,
        "TOKEN": make_token(personas["harriet"]),
        "NATIONAL_TOKEN": make_token(personas["nadia"], scope="read"),
    }
    # The live server's first answer loads every app (tens of seconds on a busy machine): not the examples'.
    httpx.get(live_server.url + "/api/v1/openapi.json", timeout=180)
    for code in examples:
        exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102  # our own documentation
    printed = capsys.readouterr().out
    assert namespace["version"]["number"] == 1
    assert ReturnVersion.objects.get().content_hash == namespace["version"]["content_hash"]
    assert namespace["response"].status_code == 200
    assert Answer.objects.get(question__number="1.1").evidence.startswith("Agreed in principle")
    assert namespace["csv_text"].startswith("ons_code,area,region,status")
    assert namespace["figures"].json()["england"]["areas"] == 152
    assert namespace["again"].status_code == 304
    assert namespace["table"].startswith("ons_code,area,region_code")
    assert "Submitted version 1" in printed
