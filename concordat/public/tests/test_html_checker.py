"""The Nu HTML Checker (vnu, from the npm package vnu-jar: `make vnu`) on every public page."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from .builders import published_round
from .public_pages import public_paths

VNU_JAR = (
    Path(settings.BASE_DIR).parent
    / "var"
    / "node"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def vnu_errors(files: list[Path]) -> list[str]:
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or b'{"messages": []}')["messages"]
    return [f"{Path(m.get('url', '')).name}: {m.get('message')} ({m.get('extract', '')!r})" for m in messages]


@pytest.mark.skipif(
    not VNU_JAR.exists() or not shutil.which("java"), reason="run `make vnu` (and install Java)"
)
def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>nested</p>", encoding="utf-8")
    assert vnu_errors([page])


@pytest.mark.skipif(
    not VNU_JAR.exists() or not shutil.which("java"), reason="run `make vnu` (and install Java)"
)
@pytest.mark.django_db
def test_every_public_page_is_valid_html(client: Any, stocktake: Any, personas: dict[str, Any]) -> None:
    published_round(stocktake, personas)
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for index, path in enumerate(public_paths(stocktake.slug)):
            response = client.get(path)
            assert response.status_code == 200, path
            file = (
                Path(folder)
                / f"{index:02d}-{path.strip('/').replace('/', '_').replace('?', '_') or 'home'}.html"
            )
            file.write_bytes(response.content)
            files.append(file)
        assert not vnu_errors(files)
