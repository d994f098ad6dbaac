"""Modules and functions stay small enough to read and change: no module over 500 lines and no function
over 60 lines outside tests and migrations, unless the line before the ``def`` gives a reason
(``# long: <why>``)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "concordat"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return [
        p
        for p in ROOT.rglob("*.py")
        if "tests" not in p.parts and "migrations" not in p.parts and "static" not in p.parts
    ]


def test_no_module_is_over_500_lines() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not long, "\n".join(long)


def _long_functions(path: Path, root: Path = ROOT) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        reason = lines[first - 2].strip() if first >= 2 else ""
        if length > MAX_FUNCTION_LINES and not reason.startswith("# long:"):
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.name}: {length} lines")
    return found


def test_no_function_is_over_60_lines_without_a_reason() -> None:
    long = [problem for path in _sources() for problem in _long_functions(path)]
    assert not long, "\n".join(long)


def test_the_shape_check_finds_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    module = tmp_path / "probe.py"
    module.write_text(f"def too_long() -> None:\n{body}\n", encoding="utf-8")
    assert _long_functions(module, tmp_path) == ["probe.py:1 too_long: 62 lines"]
    module.write_text(f"# long: a table of cases\ndef too_long() -> None:\n{body}\n", encoding="utf-8")
    assert _long_functions(module, tmp_path) == []
