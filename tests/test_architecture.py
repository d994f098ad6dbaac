"""The app dependency graph in docs/architecture.md, enforced on every module's imports."""

import ast
import re
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
    # The REST API and open data: the pages' rules and actions for programs, so above every domain app.
    "api": {
        "public",
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
        "api",
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
        "api",
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


# Views read protected models only through their app's access.py, where the scoping decision is made.
# Reference data (the same for everyone who may see the page) may be read directly.
REFERENCE_MODELS = {
    "Area",
    "Region",
    "Round",
    "Questionnaire",
    "Section",
    "Question",
    "Organisation",
    "Theme",
    "Commitment",
}


def _model_read(node: ast.AST) -> str | None:
    """The model name in ``Name.objects`` or ``get_object_or_404(Name, ...)`` (the shortcut reads too)."""
    if isinstance(node, ast.Attribute) and node.attr == "objects" and isinstance(node.value, ast.Name):
        return node.value.id
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"get_object_or_404", "get_list_or_404"}
        and node.args
        and isinstance(node.args[0], ast.Name)
    ):
        return node.args[0].id
    return None


def protected_model_reads(source: str) -> set[str]:
    """The models other than reference ones that ``source`` reads directly."""
    names = {_model_read(node) for node in ast.walk(ast.parse(source))}
    return {name for name in names if name is not None and name not in REFERENCE_MODELS}


def _view_modules() -> list[Path]:
    patterns = ("*/views.py", "*/views_*.py", "*/views/*.py")
    return sorted({path for pattern in patterns for path in ROOT.glob(pattern)})


def test_the_protected_read_check_finds_managers_and_shortcuts_and_ignores_reference_data() -> None:
    source = (
        "def view(request):\n"
        "    regions = Region.objects.all()\n"
        "    area = get_object_or_404(Area, ons_code='E09000015')\n"
        "    upload = get_object_or_404(Upload, pk=1)\n"
        "    return list(Person.objects.all())\n"
    )
    assert protected_model_reads(source) == {"Person", "Upload"}


def test_views_read_protected_models_only_through_access_functions() -> None:
    assert _view_modules(), "no view modules found: has the layout changed?"
    problems = []
    for path in _view_modules():
        name = str(path.relative_to(ROOT))
        for model in sorted(protected_model_reads(path.read_text(encoding="utf-8"))):
            problems.append(f"{name} reads {model}.objects: fetch it through the app's access.py")
    assert not problems, "\n".join(problems)


# Links by URL name follow the same arrows as imports: a page may link only to the apps it may import from.
# The frame (header, service navigation, footer) and the signed-in home page must reach every app, so their
# links are built in one module and handed to templates as ``site_links``
# (docs/decisions/0007-one-place-links-every-app.md).
LINKS_ANY_APP = {"accounts/context_processors.py"}
# Upward links still to move (path → app linked to), so that a new one fails at once: delete an entry when its
# link moves. The returns pages offer the register and document uploads, which returns may not know.
PENDING_LINKS: dict[str, set[str]] = {
    "returns/templates/returns/home.html": {"register"},
    "returns/templates/returns/task_list.html": {"imports"},
    # The national team's "send a new invitation" button posts to notifications, which sends the email.
    "accounts/templates/accounts/user_detail.html": {"notifications"},
}
_TEMPLATE_URL = re.compile(r"""\{%\s*url\s+(['"])([\w-]+):[\w-]+\1""")
_URL_NAME = re.compile(r"([\w-]+):[\w-]+")


def url_namespaces_in_template(source: str) -> set[str]:
    return {match.group(2) for match in _TEMPLATE_URL.finditer(source)}


def url_namespaces_in_python(source: str, namespaces: set[str]) -> set[str]:
    """Namespaces of the URL names among the string constants (``reverse("ns:name")``, ``redirect(...)``,
    ``reverse_lazy``, ``login_url=...``: any string that is exactly a URL name)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _URL_NAME.fullmatch(node.value)
            if match and match.group(1) in namespaces:
                found.add(match.group(1))
    return found


def namespace_apps() -> dict[str, str]:
    """URL namespace → the app whose urls.py declares it."""
    owners = {}
    for urls in ROOT.glob("*/urls.py"):
        for node in ast.parse(urls.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "app_name" for t in node.targets)
                and isinstance(node.value, ast.Constant)
            ):
                owners[str(node.value.value)] = urls.parent.name
    return owners


def link_problems(path: str, app: str, source: str, owners: dict[str, str]) -> list[str]:
    """The links in ``source`` (a file of ``app``) to an app that ``app`` may not depend on."""
    if path.endswith(".html"):
        namespaces = url_namespaces_in_template(source)
    else:
        namespaces = url_namespaces_in_python(source, set(owners))
    targets = {owners[ns] for ns in namespaces if ns in owners}
    return [f"{path} links to a page of {target}" for target in sorted(targets - ALLOWED[app] - {app})]


def test_the_link_check_finds_an_upward_link_in_a_template_and_in_python() -> None:
    owners = {"accounts": "accounts", "returns": "returns"}
    template = "<a href=\"{% url 'returns:home' %}\">Home</a> <a href=\"{% url 'accounts:login' %}\">In</a>"
    python = (
        'from django.shortcuts import redirect\n\ndef go(request):\n    return redirect("returns:home")\n'
    )
    assert link_problems("accounts/templates/x.html", "accounts", template, owners) == [
        "accounts/templates/x.html links to a page of returns"
    ]
    assert link_problems("accounts/views.py", "accounts", python, owners) == [
        "accounts/views.py links to a page of returns"
    ]
    assert link_problems("returns/views.py", "returns", python, owners) == []


def test_every_namespace_used_in_the_root_urlconf_is_declared_by_an_app() -> None:
    included = re.findall(
        r'include\("concordat\.(\w+)\.urls"\)', (ROOT / "urls.py").read_text(encoding="utf-8")
    )
    assert set(included) == set(namespace_apps().values())
    assert all(namespace == app for namespace, app in namespace_apps().items())


def test_apps_link_only_to_the_apps_below_them() -> None:
    owners = namespace_apps()
    problems = []
    for app in ALLOWED:
        for path in sorted((ROOT / app).rglob("*")):
            if path.suffix not in {".py", ".html"} or "tests" in path.parts or "static" in path.parts:
                continue
            name = str(path.relative_to(ROOT))
            if name in LINKS_ANY_APP:
                continue
            found = link_problems(name, app, path.read_text(encoding="utf-8"), owners)
            pending = {f"{name} links to a page of {target}" for target in PENDING_LINKS.get(name, set())}
            problems += [p for p in found if p not in pending]
    assert not problems, "\n".join(problems)
