"""Running a parser on an untrusted file in a child process with a wall-clock and an address-space limit.

A module, not an app (like ``spreadsheets.py``): the document reader (imports) and the register's upload
(register) both use it, and neither may import the other. No Django here.

The parent starts ``python -m concordat.sandbox`` once and sends it calls, one at a time, as length-prefixed
JSON over its stdin/stdout: ``{"function": "package.module:name", "payload": {...}}``. The child imports the
function's module, then lowers its own ``RLIMIT_AS`` and answers each call with the function's JSON result,
or with a refusal (any exception carrying a ``message``, such as ``ReadingError``), or with the limit it hit.
The parent waits at most ``seconds`` for each answer and kills the child if it is late; the next call starts a
new child. One child serves a whole batch, so its start (about half a second) is paid once per batch.

Each answer carries the child's peak resident memory for that call (``VmHWM`` after resetting it through
``/proc/self/clear_refs``), so tests can show a hostile file stayed under its limit.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import select
import signal
import struct
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

_HEADER = struct.Struct(">Q")
_MAX_REPLY = 512 * 1024 * 1024
_ROOT = Path(__file__).resolve().parent.parent  # the folder holding the concordat package


class Refused(Exception):
    """The function refused the input: ``message`` says, in plain English, why (its own words)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class LimitExceeded(Exception):
    """The child ran out of time (``limit == "seconds"``) or memory (``"memory"``) or died (``"crashed"``)."""

    def __init__(self, limit: str, detail: str = "") -> None:
        super().__init__(f"{limit}: {detail}" if detail else limit)
        self.limit = limit
        self.detail = detail


@dataclass(frozen=True)
class Bounds:
    seconds: float = 120.0
    memory_mb: int = 1024  # the child's whole address space, libraries included (about 200 MB of it)


@dataclass
class Call:
    """The last call's figures: how long it took and the child's peak resident memory during it."""

    seconds: float = 0.0
    peak_rss_kb: int = 0


class Sandbox:
    """One bounded child, reused for every call until it breaks a limit. Use as a context manager."""

    def __init__(self, bounds: Bounds, preload: tuple[str, ...] = ()) -> None:
        self.bounds = bounds
        self.preload = preload
        self.last = Call()
        self._proc: subprocess.Popen[bytes] | None = None
        self.started = 0  # how many children this sandbox has started (a test and the bench report it)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object | type[BaseException] | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            _kill(proc)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def _start(self) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(_ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "MALLOC_ARENA_MAX": "2",  # glibc's per-thread arenas would otherwise eat the address space
            "OMP_NUM_THREADS": "1",
        }
        args = [sys.executable, "-m", "concordat.sandbox", str(self.bounds.memory_mb), *self.preload]
        self.started += 1
        # A session of its own, so that a kill takes whatever it started too (LibreOffice for a .doc).
        return subprocess.Popen(  # noqa: S603  # our own module, fixed arguments
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=_ROOT, start_new_session=True
        )

    def call(self, function: str, payload: dict[str, Any]) -> Any:
        """The function's result; raises Refused (its own refusal) or LimitExceeded."""
        if self._proc is None or self._proc.poll() is not None:
            self.close()
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        started = time.perf_counter()
        body = json.dumps({"function": function, "payload": payload}).encode()
        try:
            proc.stdin.write(_HEADER.pack(len(body)) + body)
            proc.stdin.flush()
            reply = _read_reply(proc, started + self.bounds.seconds)
        except LimitExceeded as exc:
            self.last = Call(time.perf_counter() - started, _peak_kb(proc.pid))
            _kill(proc)
            self.close()
            if exc.limit == "crashed" and proc.returncode in (
                -signal.SIGKILL,
                -signal.SIGSEGV,
                -signal.SIGABRT,
            ):
                raise LimitExceeded("memory", f"the reader stopped (signal {-proc.returncode})") from exc
            raise
        except (BrokenPipeError, OSError) as exc:
            self.close()
            raise LimitExceeded("crashed", str(exc)) from exc
        self.last = Call(time.perf_counter() - started, int(reply.get("peak_rss_kb", 0)))
        if "result" in reply:
            return reply["result"]
        if reply.get("limit"):
            self.close()  # a child that ran out of memory is not trusted with the next file
            raise LimitExceeded(str(reply["limit"]), str(reply.get("detail", "")))
        raise Refused(str(reply.get("code", "refused")), str(reply.get("message", "")))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _read_exactly(proc: subprocess.Popen[bytes], n: int, deadline: float) -> bytes:
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    chunks: list[bytes] = []
    while n:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise LimitExceeded("seconds")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise LimitExceeded("seconds")
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            proc.wait(timeout=5)
            raise LimitExceeded("crashed", f"exit status {proc.returncode}")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read_reply(proc: subprocess.Popen[bytes], deadline: float) -> dict[str, Any]:
    (size,) = _HEADER.unpack(_read_exactly(proc, _HEADER.size, deadline))
    if size > _MAX_REPLY:
        raise LimitExceeded("memory", "the answer was too large")
    reply: dict[str, Any] = json.loads(_read_exactly(proc, size, deadline))
    return reply


def _peak_kb(pid: int) -> int:
    """The process's peak resident memory (VmHWM) in kB, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


# --- the child -------------------------------------------------------------------------------------------


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def _answer(request: dict[str, Any]) -> dict[str, Any]:
    module_name, _, name = str(request["function"]).partition(":")
    if not module_name.startswith("concordat."):
        return {"code": "refused", "message": "Only the project's own readers run here."}
    function = getattr(importlib.import_module(module_name), name)
    try:
        return {"result": function(request["payload"])}
    except MemoryError:
        return {"limit": "memory"}
    except RecursionError:
        return {"code": "too_deep", "message": ""}
    except Exception as exc:  # the reader's own refusal, or a library failing on a damaged file
        message = getattr(exc, "message", None)
        if isinstance(message, str):
            return {"code": str(getattr(exc, "code", "refused")), "message": message}
        traceback.print_exc(file=sys.stderr)
        return {"code": "failed", "message": ""}


def _serve(memory_mb: int, preload: list[str]) -> None:
    for module in preload:
        importlib.import_module(module)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    while header := stdin.read(_HEADER.size):
        (size,) = _HEADER.unpack(header)
        request = json.loads(stdin.read(size))
        _reset_peak()
        try:
            reply = _answer(request)
            reply["peak_rss_kb"] = _peak_kb(os.getpid())
            body = json.dumps(reply).encode()
        except MemoryError:
            body = json.dumps({"limit": "memory", "peak_rss_kb": _peak_kb(os.getpid())}).encode()
        stdout.write(_HEADER.pack(len(body)) + body)
        stdout.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]), sys.argv[2:])
