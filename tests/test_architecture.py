"""The app dependency graph in docs/architecture.md, enforced on every module's imports."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "concordat"
FOUNDATION = {"audit", "govuk"}
# app → the apps it may import from (besides itself). Keep in step with docs/architecture.md.
ALLOWED = {
    "audit": set(),
    "govuk": set(),
    "areas": {"audit"},
    "accounts": {"areas", "audit", "govuk"},
    # Email: queued rows, the send task, the account messages. Domain apps call it; it calls none of them.
    "notifications": {"accounts", "areas", "audit", "govuk"},
    "questionnaires": {"areas", "accounts", "audit"},
    "returns": {"questionnaires", "notifications", "areas", "accounts", "audit", "govuk"},
    "imports": {"returns", "questionnaires", "areas", "accounts", "audit", "govuk"},
    "analysis": {"imports", "returns", "questionnaires", "areas", "accounts", "audit", "govuk"},
    "register": {"returns", "questionnaires", "areas", "accounts", "audit", "govuk"},
    "commitments": {"returns", "notifications", "areas", "accounts", "audit", "govuk"},
    # Deadline reminders and the worker's daily run: rounds' reminders and commitments' updates due.
    "reminders": {
        "commitments",
        "returns",
        "questionnaires",
        "notifications",
        "areas",
        "accounts",
        "audit",
        "govuk",
    },
    "public": {
        "analysis",
        "register",
        "commitments",
        "returns",
        "questionnaires",
        "areas",
        "accounts",
        "audit",
        "govuk",
    },
    # Generated data for demos, tests and benchmarks: never a domain rule, so no domain app imports it.
    "synthetic": {
        "analysis",
        "imports",
        "register",
        "returns",
        "questionnaires",
        "areas",
        "accounts",
        "audit",
        "govuk",
    },
    # Benchmarks (a package, not an app): may use every app and the generators.
    "bench": {
        "synthetic",
        "public",
        "analysis",
        "imports",
        "register",
        "commitments",
        "returns",
        "questionnaires",
        "areas",
        "accounts",
        "audit",
        "govuk",
    },
    "operations": {
        "bench",
        "synthetic",
        "public",
        "analysis",
        "imports",
        "register",
        "commitments",
        "returns",
        "questionnaires",
        "areas",
        "accounts",
        "audit",
        "govuk",
    },
}


def _imported_apps(path: Path) -> set[str]:
    apps = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "concordat" and len(parts) > 1 and parts[1] in ALLOWED:
                apps.add(parts[1])
    return apps


def test_apps_import_only_from_the_apps_below_them() -> None:
    problems = []
    for app, allowed in ALLOWED.items():
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts:
                continue
            for imported in _imported_apps(path) - allowed - {app}:
                problems.append(f"{path.relative_to(ROOT)} imports concordat.{imported}")
    assert not problems, "\n".join(problems)


def test_every_app_and_package_is_in_the_architecture_map() -> None:
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert apps == set(ALLOWED)
    text = (ROOT.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"`{app}`" in text for app in apps)
