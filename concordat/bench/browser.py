"""The served benchmarks' HTTP client: the standard library's ``http.client`` with a cookie jar.

The simulated people share the machine's two cores with the server and PostgreSQL, so what they spend on
each request is taken from the server being measured. httpx spent about 5 ms of CPU a request here (its
transport, headers and cookie models); a request through ``http.client`` costs a fraction of that, and the
same bytes reach the server: a keep-alive connection (reopened when the server closes it, as gunicorn's
sync workers do after each response), the cookies it set, form posts encoded as a browser's.
"""

import http.client
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class TransportError(Exception):
    """The request got no response: refused, reset or timed out."""


@dataclass(frozen=True)
class Reply:
    status_code: int
    content: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


class Browser:
    """One person's connection to ``host:port``: their cookies, their headers, one request at a time."""

    def __init__(self, host: str, port: int, *, headers: dict[str, str] | None = None, timeout: float = 60):
        self.host, self.port, self.timeout = host, port, timeout
        self.headers = dict(headers or {})
        self.cookies: dict[str, str] = {}
        self._conn: http.client.HTTPConnection | None = None

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, *, data: dict[str, str]) -> Reply:
        body = urlencode(data).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def put(self, path: str, *, content: bytes, headers: dict[str, str]) -> Reply:
        return self.request("PUT", path, content, headers)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self._conn.request(method, path, body=body, headers=sent)
            response = self._conn.getresponse()
            content = response.read()
        except (TimeoutError, OSError, http.client.HTTPException) as problem:
            self.close()
            raise TransportError(type(problem).__name__) from problem
        self._keep(response.msg.get_all("Set-Cookie") or [])
        if response.will_close:
            self.close()
        return Reply(response.status, content, {k.lower(): v for k, v in response.getheaders()})

    def _keep(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)  # the server deleted it (signing out, say)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
