"""``concordat serve``: serve Concordat in production with gunicorn.

Configuration comes from settings (``WEB_*``, from the environment: docs/deploying.md), each overridable on
the command line. The command refuses development keys before gunicorn forks a single worker, with the same
plain message ``concordat.wsgi`` gives.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication

from concordat.operations.checks import refuse_unsafe_settings

# The request line without its query string (``%(U)s`` is the path only): query strings can carry personal
# data (a search for a name, a token), and access logs are kept longer and read more widely than the
# database. No referrer either, for the same reason. %(M)s is the request time in milliseconds.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class ConcordatApplication(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        # concordat.wsgi refuses development keys again, as it does under any WSGI server.
        from concordat.wsgi import application

        return application


def gunicorn_options(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "bind": [options["bind"]],
        "workers": options["workers"],
        "threads": options["threads"],
        "worker_class": "gthread" if options["threads"] > 1 else "sync",
        "timeout": options["timeout"],
        "graceful_timeout": options["graceful_timeout"],
        "keepalive": settings.WEB_KEEPALIVE,
        "max_requests": settings.WEB_MAX_REQUESTS,
        "max_requests_jitter": settings.WEB_MAX_REQUESTS // 10,
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "proc_name": "concordat",
        # Load Django once in the master, then fork: workers start (and are replaced) at once and share the
        # loaded code's memory. Nothing at import opens a database connection (and handle() closes any).
        "preload_app": True,
        # gunicorn's runtime control socket lives at one path per user: two servers on a machine would clash.
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    help = "Serve Concordat with gunicorn (production). Refuses development keys when DEBUG is off."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=settings.WEB_BIND, help="host:port (WEB_BIND).")
        parser.add_argument(
            "--workers", type=int, default=settings.WEB_WORKERS, help="Processes (WEB_WORKERS)."
        )
        parser.add_argument(
            "--threads", type=int, default=settings.WEB_THREADS, help="Threads each (WEB_THREADS)."
        )
        parser.add_argument(
            "--timeout", type=int, default=settings.WEB_TIMEOUT, help="Seconds (WEB_TIMEOUT)."
        )
        parser.add_argument(
            "--graceful-timeout",
            type=int,
            default=settings.WEB_GRACEFUL_TIMEOUT,
            help="WEB_GRACEFUL_TIMEOUT.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            refuse_unsafe_settings()
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from None
        # Nothing opened in this process may be shared by the forked workers.
        connections.close_all()
        ConcordatApplication(gunicorn_options(options)).run()
