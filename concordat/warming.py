"""What every server process would otherwise do on its first requests, done once before the workers fork.

A module beside ``wsgi.py``, not an app: the WSGI entry point runs it (and the profiler, bench/pages.py).

gunicorn loads ``concordat.wsgi`` in its master (``preload_app``) and forks the workers from it, so what is
loaded here is in every worker from its first request, and in every replacement worker (``max_requests``)
too: the URLconf and every view it imports, every template compiled (the cached loader keeps them), and the
latest rounds' national reports in the default cache. Measured first views without it: any page about 0.8 s
(the URLconf), the report 0.8 s more, in each of the workers (docs/benchmarks.md).
"""

import logging

from django.db import DatabaseError, connections
from django.template import engines
from django.template.autoreload import get_template_directories
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver

from concordat.analysis.report_cache import warm_reports

log = logging.getLogger(__name__)


def template_names() -> list[str]:
    """Every template in the project's and the apps' template folders (Django's own are left out)."""
    return sorted(
        {
            str(p.relative_to(root))
            for root in get_template_directories()
            for p in root.rglob("*")
            if p.is_file()
        }
    )


def warm() -> None:
    get_resolver().reverse_dict  # noqa: B018  # imports every view and builds the reverse map
    names = template_names()
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            for name in names:
                engine.get_template(name)
    try:
        warm_reports()
    except DatabaseError:  # not migrated yet, or the database is down: the first reader builds it instead
        log.warning("Could not build the national reports before serving", exc_info=True)
    finally:
        connections.close_all()  # a connection must not be shared by the forked workers
