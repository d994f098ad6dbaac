"""Instructions a view of one page type costs, counted by valgrind's callgrind: a figure the machine's load
does not move (CPU seconds on a shared machine moved by ±20% between repeats).

On a database ``python -m concordat.bench.load`` prepared (its output saved to a file), DEBUG off:

    python -m concordat.bench.instructions "section page" SETUP.json

runs the page type 2 and then 12 times, each under callgrind in a fresh process (the same sign-in and
warm-up), and prints the difference divided by 10: the instructions of one view, set-up left out. About
four minutes a page type. Page types are those of ``concordat.bench.pages``; "section save" posts the
section's own form back, as ``bench load``'s editors do.

"whole-return PUT" takes the set-up of ``python -m concordat.bench.api`` instead, and PUTs all 61 answers of
ten areas' returns, every answer changed each time, as ``bench api`` does (each area with its own token,
``Prefer: return=minimal``); its figure is per PUT.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PUT = "whole-return PUT"


def _puts(setup: dict[str, Any], n: int) -> None:
    """In the child: a first write of ten areas' returns to warm, then ``n`` rewrites of the ten."""
    from django.test import Client

    from concordat.bench.api import _whole

    client = Client()
    areas = setup["areas"][100:110]
    start = int(time.time() * 1000)  # a pass of its own, so every answer changes
    for k in range(n + 1):
        body = _whole(setup["questions"], start + k)
        for code in areas if k else areas[:3]:
            response = client.put(
                f"/api/v1/rounds/{setup['round']}/returns/{code}",
                data=body,
                content_type="application/json",
                headers={"Authorization": f"Bearer {setup['tokens'][code]}", "Prefer": "return=minimal"},
            )
            assert response.status_code == 200, response.content[:300]


def _views(kind: str, setup_file: str, n: int) -> None:
    """In the child under callgrind: sign in, three views to warm, then ``n`` views (or saves)."""
    import django

    django.setup()
    if kind == PUT:
        _puts(json.loads(Path(setup_file).read_text()), n)
        return
    from django.test import Client

    from concordat.accounts.models import User
    from concordat.bench.load import form_fields
    from concordat.bench.pages import _pages

    setup = json.loads(Path(setup_file).read_text())
    saves = kind == "section save"
    username, path = _pages(setup)["section page" if saves else kind]
    client = Client(HTTP_X_FORWARDED_FOR="10.0.0.1")
    if username:
        client.force_login(User.objects.get(username=username))
    page = path()
    for _ in range(3):
        client.get(page)
    for i in range(n):
        if saves:
            data = form_fields(client.get(page).content.decode())
            data["q1-1-evidence"] = f"Counted {i} at {time.time()}."
            assert client.post(page, data=data).status_code == 302
        else:
            assert client.get(page).status_code == 200


def _instructions(kind: str, setup_file: str, n: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        command += [sys.executable, "-m", "concordat.bench.instructions", "--views", kind, setup_file, str(n)]
        subprocess.run(command, check=True, capture_output=True, env=os.environ)  # noqa: S603  # fixed arguments
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), flags=re.MULTILINE)
        if found is None:
            raise RuntimeError("callgrind wrote no total")
        return int(found[1])


def main(argv: list[str]) -> None:
    if argv[:1] == ["--views"]:
        _views(argv[1], argv[2], int(argv[3]))
        return
    kind, setup_file = argv[0], argv[1]
    if kind == PUT:  # each pass is ten PUTs
        few, many = _instructions(kind, setup_file, 1), _instructions(kind, setup_file, 3)
        print(f"{kind}: {(many - few) / 20 / 1e6:.1f} M instructions a PUT")
        return
    few, many = _instructions(kind, setup_file, 2), _instructions(kind, setup_file, 12)
    print(f"{kind}: {(many - few) / 10 / 1e6:.1f} M instructions a view")


if __name__ == "__main__":
    main(sys.argv[1:])
