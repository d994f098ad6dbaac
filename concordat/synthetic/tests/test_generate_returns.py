"""``concordat generate-returns``: a synthetic round written to the database, deterministically."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from concordat.analysis.models import GoodPracticeExample, SyntheticTruth
from concordat.audit.models import AuditEvent
from concordat.returns.content import content_hash
from concordat.returns.models import ReturnVersion, Round

pytestmark = pytest.mark.django_db


def _hashes(slug: str) -> list[str]:
    """Content hashes with the attachments' database ids left out (new rows get new ids)."""
    out = []
    for content in ReturnVersion.objects.filter(ret__round__slug=slug).values_list("content", flat=True):
        for answer in content["answers"].values():
            for attachment in answer["attachments"]:
                attachment.pop("id")
        out.append(content_hash(content))
    return sorted(out)


def test_generate_returns_creates_a_labelled_synthetic_round_and_is_deterministic(
    personas: dict[str, Any],
) -> None:
    out = StringIO()
    call_command("generate_returns", "--round", "synthetic-a", "--seed", "7", stdout=out)
    assert "149 synthetic returns for 152 areas" in out.getvalue()
    rnd = Round.objects.get(slug="synthetic-a")
    assert rnd.synthetic and rnd.state == "closed"
    first = _hashes("synthetic-a")
    call_command("generate_returns", "--round", "synthetic-a", "--seed", "7", stdout=StringIO())
    assert _hashes("synthetic-a") == first
    assert SyntheticTruth.objects.get(round=rnd).seed == 7
    assert GoodPracticeExample.objects.filter(round=rnd).count() == 343
    assert AuditEvent.objects.filter(verb="round.synthetic_generated").count() == 2


def test_generate_returns_refuses_a_round_with_real_returns(stocktake: Any) -> None:
    with pytest.raises(CommandError, match="holds real returns"):
        call_command("generate_returns", "--round", stocktake.slug, "--seed", "1", stdout=StringIO())
    assert not ReturnVersion.objects.exists()
