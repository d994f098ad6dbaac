import io

from concordat.bench import signin


def test_bench_compares_the_service_hasher_with_pbkdf2_and_the_bare_library() -> None:
    figures = signin.run(quick=True, stdout=io.StringIO())
    service = figures["one check, argon2id (service), ms"]
    assert service > 0 and figures["one check, argon2-cffi bare (floor), ms"] > 0
    # The point of the change: a check costs a fraction of Django's default PBKDF2.
    assert service < figures["one check, pbkdf2 (Django default), ms"]
    assert figures["8 at once on 4 processes, argon2id (service)"]["last_done_s"] > 0
