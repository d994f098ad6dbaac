"""The demo: Harrow's real return imported from the seed, confirmed by Harriet, once."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from concordat.imports.demo import load_demo
from concordat.imports.models import DocumentState, ImportedDocument
from concordat.returns.models import Answer

from .conftest import SEED


@pytest.mark.django_db
def test_demo_imports_harrows_return_once(stocktake: Any, seed_bytes: bytes) -> None:
    out = io.StringIO()
    load_demo(stdout=out, seed=SEED)
    document = ImportedDocument.objects.get()
    assert document.state == DocumentState.CONFIRMED
    assert document.confirmed_by is not None and document.confirmed_by.username == "harriet"
    assert Answer.objects.filter(ret__area__ons_code="E09000015").count() == 60
    load_demo(stdout=out, seed=SEED)
    assert "already imported" in out.getvalue()
    assert ImportedDocument.objects.count() == 1


@pytest.mark.django_db
def test_demo_skips_with_a_message_without_the_seed(stocktake: Any, tmp_path: Path) -> None:
    out = io.StringIO()
    load_demo(stdout=out, seed=tmp_path / "missing.txt")
    assert "Imports: not loaded" in out.getvalue()
    assert "missing.txt) is not here" in out.getvalue()
    assert not ImportedDocument.objects.exists()
