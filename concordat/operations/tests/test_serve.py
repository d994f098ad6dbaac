"""`concordat serve` in real gunicorn processes: it refuses development keys before forking, logs requests
without their query strings, and two servers on one PostgreSQL database share sessions and writes."""

import time
from pathlib import Path

import pytest

from concordat.operations.tests import serving
from concordat.operations.tests.conftest import Template

PASSWORD = "winterbourne-2013"


def test_serve_refuses_development_keys_before_starting_gunicorn(tmp_path: Path) -> None:
    env = serving.service_environment(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    del env["SECRET_KEY"]
    started = time.monotonic()
    result = serving.run(["-m", "concordat.cli", "serve", "--bind", f"127.0.0.1:{serving.free_port()}"], env)
    assert result.returncode == 1
    assert "Concordat will not start with DEBUG off on development keys." in result.stderr
    assert "Set SECRET_KEY in the environment" in result.stderr
    assert "Set REGISTER_HASH_KEY" not in result.stderr
    assert "gunicorn" not in (result.stdout + result.stderr).lower()
    assert time.monotonic() - started < 60


def test_the_worker_refuses_development_keys_before_taking_work(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    env = serving.service_environment(f"sqlite:///{database}", tmp_path)
    env["REGISTER_HASH_KEY"] = "dev-only-register-key-change-me"
    result = serving.run(["-m", "concordat.cli", "worker", "--batch"], env)
    assert result.returncode == 1
    assert "Concordat will not start with DEBUG off on development keys." in result.stderr
    assert "Set REGISTER_HASH_KEY in the environment" in result.stderr
    assert "Set SECRET_KEY" not in result.stderr
    assert "started" not in result.stdout  # it never registered itself or took a task


@pytest.mark.slow
def test_two_servers_share_sessions_and_writes_through_one_database(
    pg_template: Template, tmp_path: Path
) -> None:
    with serving.private_database("svc_two", template=pg_template.name) as url:
        env = serving.service_environment(url, tmp_path, WEB_WORKERS="2", WEB_THREADS="2")
        with (
            serving.serve(env, tmp_path / "a.log") as a,
            serving.serve(env, tmp_path / "b.log", "--workers", "1") as b,
        ):
            # WEB_WORKERS from the environment; --workers on the command line wins over it.
            serving.wait_for(lambda: len(a.children()) == 2, timeout=60, what="two workers in A")
            assert len(b.children()) == 1
            person = serving.Browser()
            signed_in = person.sign_in(a.url, "hannah", PASSWORD)
            assert signed_in.status == 302, signed_in.body[:500]
            session = person.cookie("sessionid")
            assert session

            # The session made through A is accepted by B.
            home = person.request(f"{b.url}/account/")
            assert home.status == 200 and "hannah" in home.body.lower()
            assert serving.Browser().request(f"{b.url}/account/").status == 302

            # A write through B (a new password) is what A checks the next sign-in against.
            new_password = "a-new-long-passphrase-2013"
            changed = person.post_form(
                f"{b.url}/account/password/",
                {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
            )
            assert changed.status == 302, changed.body[:500]
            assert serving.Browser().sign_in(a.url, "hannah", PASSWORD).status == 200  # refused: form again
            assert serving.Browser().sign_in(a.url, "hannah", new_password).status == 302

            # Query strings never reach the access log.
            assert serving.Browser().request(f"{a.url}/healthz?name=Jane+Doe&nhs=9434765919").status in (
                200,
                503,
            )
        log = a.output()
        assert "Using worker: gthread" in log
        assert '"GET /healthz HTTP/1.1" 503' in log or '"GET /healthz HTTP/1.1" 200' in log
        assert '"POST /account/sign-in/ HTTP/1.1" 302' in log
        requests = [line for line in log.splitlines() if '"GET ' in line or '"POST ' in line]
        assert len(requests) >= 8
        assert not [line for line in requests if "?" in line]
        assert "Jane" not in log and "9434765919" not in log
