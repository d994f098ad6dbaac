"""The record of the last automated accessibility check, which the accessibility statement quotes.

The accessibility browser test (tests/test_accessibility_browser.py) rewrites
``data/accessibility-check.json`` each time it has checked every page, whatever it found. The file is
committed with the code, so a fresh clone or a server (which never runs the tests) states the last check
recorded for the code it runs; a missing or unreadable record makes the statement say there is none, never
a guessed date.
"""

import dataclasses
import datetime
import json
from pathlib import Path

RECORD = Path(__file__).parent / "data" / "accessibility-check.json"


@dataclasses.dataclass(frozen=True)
class AccessibilityCheck:
    checked_on: datetime.date
    pages: int
    axe_and_layout_problems: (
        int  # axe-core violations, text off the GOV.UK typeface, sideways scrolling at 320 px
    )
    html_errors: int  # the Nu HTML Checker's errors
    tools: str

    @property
    def problems(self) -> int:
        return self.axe_and_layout_problems + self.html_errors


def last_check(path: Path | None = None) -> AccessibilityCheck | None:
    try:
        data = json.loads((path or RECORD).read_text(encoding="utf-8"))
        check = AccessibilityCheck(
            checked_on=datetime.date.fromisoformat(data["checked_on"]),
            pages=int(data["pages"]),
            axe_and_layout_problems=int(data["axe_and_layout_problems"]),
            html_errors=int(data["html_errors"]),
            tools=str(data["tools"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if min(check.pages, check.axe_and_layout_problems, check.html_errors) < 0:
        return None
    return check


def write_check(check: AccessibilityCheck, path: Path | None = None) -> None:
    path = path or RECORD
    data = {**dataclasses.asdict(check), "checked_on": check.checked_on.isoformat()}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)
