"""A real SMTP server (aiosmtpd) in the test process, for `concordat worker` to send to over the network.

It records every message whose DATA it received (``seen``) and every one it accepted with a 250 reply
(``accepted``), by the ``X-Concordat-Message-Id`` header the email channel sets. It can be slow (``delay``,
so that a sending worker holds its claim for a while) or hold the first message without answering (``hold``),
so that a test can kill the worker in the middle of sending.
"""

import asyncio
import email
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller

from concordat.operations.tests.serving import free_port

HOLD_AT_MOST = 120.0


@dataclass
class Sink:
    delay: float = 0.0
    hold: bool = False
    release: threading.Event = field(default_factory=threading.Event)
    seen: list[str] = field(default_factory=list)
    accepted: list[tuple[str, list[str]]] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content or envelope.content)
        message_id = str(parsed["X-Concordat-Message-Id"])
        first = not self.seen
        self.seen.append(message_id)
        if self.hold and first:
            # Never answer while held: the sender is stuck between sending and hearing "accepted".
            started = time.monotonic()
            while not self.release.is_set() and time.monotonic() - started < HOLD_AT_MOST:
                await asyncio.sleep(0.05)
            return "451 4.3.0 Not accepted: the sender was stopped while this one was held"
        if self.delay:
            await asyncio.sleep(self.delay)
        self.accepted.append((message_id, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def accepted_ids(self) -> list[str]:
        return [message_id for message_id, _ in self.accepted]


@contextmanager
def smtp_sink(*, delay: float = 0.0, hold: bool = False) -> Iterator[Sink]:
    sink = Sink(delay=delay, hold=hold, port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        sink.release.set()
        controller.stop()


def smtp_environment(sink: Sink) -> dict[str, str]:
    """The environment variables that point the service's email at the sink (plain SMTP, no TLS)."""
    return {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_USE_TLS": "false",
        "EMAIL_TIMEOUT": "60",
        "EMAIL_CHANNEL": "django",
    }
