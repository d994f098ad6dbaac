"""Every app and package says, in its own README, what it holds and what it may use."""

from pathlib import Path

from tests.test_architecture import ALLOWED

ROOT = Path(__file__).resolve().parent.parent / "concordat"


def test_every_app_has_a_readme_naming_what_it_may_use() -> None:
    problems = []
    for app in sorted(ALLOWED):
        readme = ROOT / app / "README.md"
        if not readme.exists():
            problems.append(f"{app}: no README.md")
        elif "May use:" not in readme.read_text(encoding="utf-8") and app != "bench":
            problems.append(f"{app}: README.md does not say what it may use ('May use: ...')")
    assert not problems, "\n".join(problems)
