"""Email in production processes: two `concordat serve` and two `concordat worker` on one PostgreSQL database
send every message exactly once to a real SMTP server, and a worker killed with kill -9 in the middle of
sending leaves the message to be sent once, later, by another."""

import collections
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from concordat.operations.tests import serving
from concordat.operations.tests.conftest import Template
from concordat.operations.tests.smtp_sink import smtp_environment, smtp_sink

PASSWORD = "winterbourne-2013"
SEND_TASK = "concordat.notifications.tasks.send_message"
WORKER = ["-m", "concordat.cli", "worker", "--interval", "0.1"]
RESET_FOR = ["harriet", "hamid", "hugh", "helen", "hari", "leo", "lucy", "rachel"]
# Every queued message gets two more send tasks of the same priority, one pair after another, so that the
# two workers take both tasks of a pair at once and race for the same row (as a retry sweep or a duplicated
# enqueue would make them).
ENQUEUE_PAIRS = """
import django; django.setup()
from concordat.notifications.models import Message
from concordat.notifications.tasks import send_message
ids = list(Message.objects.filter(state="queued").order_by("pk").values_list("pk", flat=True))
for i, pk in enumerate(ids):
    for _ in range(2):
        send_message.using(priority=max(1, 90 - i)).enqueue(pk)
print(len(ids))
"""


def _messages(url: str) -> list[tuple[Any, ...]]:
    return serving.query(url, "SELECT id, address, state, attempts FROM notifications_message ORDER BY id")


def _send_tasks(url: str) -> list[tuple[Any, ...]]:
    return serving.query(
        url,
        "SELECT args_kwargs->'args'->>0, status, return_value #>> '{}', worker_ids->>0, started_at, "
        "finished_at, priority FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        (SEND_TASK,),
    )


def _all_send_tasks_done(url: str) -> bool:
    tasks = _send_tasks(url)
    return bool(tasks) and all(status in {"SUCCESSFUL", "FAILED"} for _, status, *_ in tasks)


def _raced_pairs(tasks: list[tuple[Any, ...]]) -> int:
    """How many messages had their paired tasks running at the same time in the two workers."""
    pairs: dict[str, list[tuple[Any, ...]]] = collections.defaultdict(list)
    for task in tasks:
        if task[6] > 0:
            pairs[task[0]].append(task)
    raced = 0
    for first, second in (p for p in pairs.values() if len(p) == 2):
        overlapped = first[4] < second[5] and second[4] < first[5]
        raced += first[3] != second[3] and overlapped
    return raced


def _ask_for_password_resets(a: serving.Service, b: serving.Service) -> None:
    for i, username in enumerate(RESET_FOR):
        server = (a, b)[i % 2]
        reply = serving.Browser().post_form(
            f"{server.url}/account/password/forgotten/", {"email": f"{username}@example.org"}
        )
        assert reply.status == 302, reply.body[:300]


def _session_made_on_one_is_accepted_by_the_other(a: serving.Service, b: serving.Service) -> None:
    person = serving.Browser()
    assert person.sign_in(a.url, "hannah", PASSWORD).status == 302
    home = person.request(f"{b.url}/account/")
    assert home.status == 200 and "hannah" in home.body.lower()
    assert serving.Browser().request(f"{b.url}/account/").status == 302  # no session: sent to sign in


@pytest.mark.slow
def test_two_servers_and_two_workers_share_sessions_and_send_each_message_exactly_once(
    pg_template: Template, tmp_path: Path
) -> None:
    with (
        smtp_sink(delay=0.5) as sink,
        serving.private_database("svc_mail", template=pg_template.name) as url,
    ):
        env = serving.service_environment(url, tmp_path, **smtp_environment(sink))
        with (
            serving.serve(env, tmp_path / "a.log", "--workers", "1") as a,
            serving.serve(env, tmp_path / "b.log", "--workers", "1") as b,
        ):
            _session_made_on_one_is_accepted_by_the_other(a, b)
            _ask_for_password_resets(a, b)
        queued = _messages(url)
        assert {address for _, address, _, _ in queued} >= {f"{u}@example.org" for u in RESET_FOR}
        assert {state for _, _, state, _ in queued} == {"queued"}  # nothing was sent in a request
        assert sink.seen == []
        assert serving.run_ok(["-c", ENQUEUE_PAIRS], env).strip() == str(len(queued))

        with (
            serving.started(WORKER, env, tmp_path / "worker1.log"),
            serving.started(WORKER, env, tmp_path / "worker2.log"),
        ):
            serving.wait_for(lambda: _all_send_tasks_done(url), timeout=240, what="every send task")

        ids = [str(pk) for pk, *_ in queued]
        assert collections.Counter(sink.accepted_ids()) == collections.Counter(ids)  # each exactly once
        assert sorted(sink.seen) == sorted(ids)  # and never even offered twice
        addresses = {str(pk): address for pk, address, _, _ in queued}
        assert all(rcpt == [addresses[pk]] for pk, rcpt in sink.accepted)
        assert [(state, attempts) for _, _, state, attempts in _messages(url)] == [("sent", 1)] * len(ids)
        tasks = _send_tasks(url)
        outcomes = collections.Counter(outcome for _, _, outcome, *_ in tasks)
        assert outcomes == {"sent": len(ids), "not queued": 2 * len(ids)}
        assert len({worker for _, _, _, worker, *_ in tasks}) == 2
        assert _raced_pairs(tasks) >= 1  # the two workers really did try the same message at once


@pytest.mark.slow
def test_a_worker_killed_while_sending_leaves_the_message_to_be_sent_once_later(
    pg_template: Template, tmp_path: Path
) -> None:
    with (
        smtp_sink(hold=True) as sink,
        serving.private_database("svc_mailkill", template=pg_template.name) as url,
    ):
        env = serving.service_environment(
            url, tmp_path, **smtp_environment(sink), WORKER_HEARTBEAT_SECONDS="0.5", WORKER_STALE_SECONDS="3"
        )
        # A real action queues the messages: the stocktake's 14-day reminders (nothing is sent yet).
        remind = ["send-reminders", "--round", "stocktake-2013", "--as-at", "2013-06-21"]
        reminded = serving.run_ok(["-m", "concordat.cli", *remind], env)
        assert "Queued " in reminded
        queued = _messages(url)
        assert queued and {state for _, _, state, _ in queued} == {"queued"}

        with serving.started(WORKER, env, tmp_path / "first.log") as first:
            held = serving.wait_for(lambda: sink.seen and sink.seen[0], timeout=90, what="the first send")
            # The worker has handed the message to the SMTP server and waits for its answer.
            assert sink.accepted == []
            os.kill(first.process.pid, signal.SIGKILL)
            first.process.wait(timeout=10)
        sink.release.set()
        # The claim died with the worker's transaction: the message is still queued, its attempt not counted.
        held_row = "SELECT state, attempts FROM notifications_message WHERE id = %s"
        assert serving.query(url, held_row, (int(held),)) == [("queued", 0)]

        with serving.started(WORKER, env, tmp_path / "second.log"):
            serving.wait_for(lambda: _all_send_tasks_done(url), timeout=120, what="the resend")
        ids = [str(pk) for pk, *_ in queued]
        assert collections.Counter(sink.accepted_ids()) == collections.Counter(ids)
        assert sink.seen.count(held) == 2  # offered twice, accepted once
        assert [(state, attempts) for _, _, state, attempts in _messages(url)] == [("sent", 1)] * len(ids)
        requeued = serving.query(url, "SELECT count(*) FROM audit_auditevent WHERE verb = 'task requeued'")
        assert requeued == [(1,)]
