"""The accessibility statement names the support contact and quotes the record of the last automated check
(written by tests/test_accessibility_browser.py); with no readable record it says so, never a guessed date."""

import datetime
from pathlib import Path
from typing import Any

import pytest

from concordat.public import accessibility_record
from concordat.public.accessibility_record import AccessibilityCheck, last_check, write_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "accessibility-check.json"
    monkeypatch.setattr(accessibility_record, "RECORD", path)
    return path


def _check(**changes: Any) -> AccessibilityCheck:
    fields: dict[str, Any] = {
        "checked_on": datetime.date(2026, 11, 30),
        "pages": 97,
        "axe_and_layout_problems": 0,
        "html_errors": 0,
        "tools": "axe-core 4.14.1, Nu Html Checker 26.9.27, Chromium 140",
    }
    return AccessibilityCheck(**(fields | changes))


def test_the_statement_names_the_support_team_and_the_date_and_result_of_the_last_check(
    client: Any, reference: None, record: Path
) -> None:
    write_check(_check())
    html = client.get("/accessibility/").content.decode()
    assert "contact the Concordat support team" in html
    assert 'href="mailto:concordat-support@example.org"' in html
    assert (
        "last checked on 30 November 2026, on 97 pages (one of each kind). The checks found no problems."
        in html
    )
    assert "axe-core 4.14.1" in html


def test_the_statement_reports_the_problems_a_check_found(client: Any, reference: None, record: Path) -> None:
    write_check(_check(axe_and_layout_problems=2, html_errors=1))
    html = client.get("/accessibility/").content.decode()
    assert "The checks found 3 problems (2 from axe-core or the layout checks, 1 HTML error)" in html


@pytest.mark.parametrize(
    "content",
    [
        None,
        "",
        "not json",
        '{"checked_on": "yesterday", "pages": 1}',
        '{"checked_on": "2026-11-30"}',
        '{"checked_on": "2026-11-30", "pages": -1, "axe_and_layout_problems": 0, "html_errors": 0, '
        '"tools": ""}',
    ],
)
def test_a_missing_or_broken_record_makes_the_statement_say_there_is_none(
    client: Any, reference: None, record: Path, content: str | None
) -> None:
    if content is not None:
        record.write_text(content, encoding="utf-8")
    assert last_check() is None
    html = client.get("/accessibility/").content.decode()
    assert "There is no record of an automated check" in html and "last checked on" not in html


def test_the_committed_record_is_readable_so_a_fresh_clone_states_a_check() -> None:
    check = last_check()
    assert check is not None and check.pages > 60
