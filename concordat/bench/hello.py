"""The floor for ``concordat bench api``: the smallest WSGI app, served by the same gunicorn settings."""

from collections.abc import Callable, Iterable
from typing import Any


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    # Read what was sent, as the API must: the floor for a 37 KB PUT includes receiving it.
    length = int(environ.get("CONTENT_LENGTH") or 0)
    received = environ["wsgi.input"].read(length) if length else b""
    body = b'{"hello": "world", "received": %d}' % len(received)
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
