"""CPU per page type in one process: the pages `bench load` drives, through the whole middleware stack.

Run on a database `bench load`'s set-up prepared (``python -m concordat.bench.load`` with DATABASE_URL and
CONCORDAT_THROWAWAY_DB set), DEBUG off:

    python -m concordat.bench.pages [N] [--profile PAGE] [--cold]

prints ms of CPU (time.process_time) per request for each page type, the first request apart, having
warmed the process as the server's master does (``--cold``: not); or with ``--profile`` the cProfile of N
requests of one page type. It finds what to cut; `bench load` says whether the cut was enough under load.
"""

import cProfile
import json
import pstats
import sys
import time
from collections.abc import Callable
from typing import Any


def _pages(setup: dict[str, Any]) -> dict[str, tuple[str, Callable[[], str]]]:
    """Each page type: the username to sign in as ("" for nobody) and how to make its path."""
    r, syn, area = setup["round"], setup["synthetic"], setup["editors"][0]["area"]
    section = setup["sections"][0]["number"]
    return {
        "floor (hello world)": ("", lambda: "/bench/hello"),
        "sign-in page": ("", lambda: "/account/sign-in/"),
        "task list": (setup["editors"][0]["username"], lambda: f"/returns/rounds/{r}/areas/{area}/"),
        "section page": (
            setup["editors"][0]["username"],
            lambda: f"/returns/rounds/{r}/areas/{area}/sections/{section}/",
        ),
        "versions": (
            setup["signatories"][0]["username"],
            lambda: f"/returns/rounds/{r}/areas/{area}/versions/",
        ),
        "completeness": (setup["nationals"][0]["username"], lambda: f"/returns/rounds/{r}/completeness/"),
        "analysis": (setup["nationals"][0]["username"], lambda: f"/analysis/rounds/{syn}/"),
        "report": (setup["nationals"][0]["username"], lambda: f"/analysis/rounds/{syn}/report/"),
        "public area page": ("", lambda: f"/areas/{setup['areas'][1]}/"),
    }


def _count_queries(client: Any, path: str) -> int:
    from django.db import connection

    queries: list[str] = []

    def counted(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    # An execute wrapper, not CaptureQueriesContext: each request starts by clearing connection.queries.
    with connection.execute_wrapper(counted):
        client.get(path)
    return len(queries)


def _measure(client: Any, kind: str, path: str, n: int, profiler: cProfile.Profile | None) -> None:
    from concordat.bench.load import form_fields

    started = time.process_time()
    first = client.get(path)
    assert first.status_code == 200, (kind, first.status_code)
    cold = time.process_time() - started
    queries = _count_queries(client, path)
    # A section save posts the page's own form back, as `bench load`'s editors do, and is timed alone.
    saves = kind == "section page"
    left_out = posting = 0.0
    started = time.process_time()
    if profiler:
        profiler.enable()
    for i in range(n):
        page = client.get(path)
        if saves:
            before = time.process_time()
            data = form_fields(page.content.decode())  # this revision, or the save meets a conflict
            parsed = time.process_time()
            saved = client.post(path, data={**data, "q1-1-evidence": f"Board minutes {i}."})
            assert saved.status_code == 302, saved.status_code
            posting += time.process_time() - parsed
            left_out += time.process_time() - before  # the client's parsing is left out of both figures
    if profiler:
        profiler.disable()
    warm = (time.process_time() - started - left_out) / n
    print(
        f"{kind:22} first {cold * 1000:6.1f} ms, then {warm * 1000:5.1f} ms CPU a request, {queries} queries"
    )
    if saves:
        print(f"{'section save':22} {'':15} then {posting / n * 1000:5.1f} ms CPU a request")


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.test import Client

    from concordat.accounts.models import User
    from concordat.bench.load import _setup

    if "--cold" not in argv:
        from concordat.warming import warm

        warm()  # as concordat.wsgi does in the server's master (WEB_WARM)
    setup = _setup() if not User.objects.filter(username="national-0").exists() else json.load(sys.stdin)
    n = int(argv[0]) if argv and argv[0].isdigit() else 30
    only = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    for kind, (username, path) in _pages(setup).items():
        if only and kind != only:
            continue
        client = Client(HTTP_X_FORWARDED_FOR="10.0.0.1")
        if username:
            client.force_login(User.objects.get(username=username))
        profiler = cProfile.Profile(time.process_time) if only else None  # CPU, not waiting
        _measure(client, kind, path(), n, profiler)
        if profiler:
            pstats.Stats(profiler).sort_stats(
                "cumulative" if "--cumulative" in argv else "tottime"
            ).print_stats(120)


if __name__ == "__main__":
    main(sys.argv[1:])
