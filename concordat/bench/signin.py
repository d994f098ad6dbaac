"""``concordat bench signin``: what a password check costs, and a sign-in stampede on two cores.

Issue #12: with PBKDF2 at Django's default iterations, 160 people signing in at once waited a median 27 s.
Measured here, in one run: one check with the service's hasher (Argon2id at the OWASP cost,
``accounts/hashers.py``), with Django's default PBKDF2, and with the bare argon2-cffi library at the same
parameters (the floor); then 160 checks spread over 4 processes (as 4 gunicorn workers would take them), for
each hasher: the time until the last one is done and the median wait.
"""

import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TextIO

from argon2 import PasswordHasher, Type
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from concordat.accounts.hashers import OwaspArgon2idHasher

PASSWORD = "correct horse battery staple"  # noqa: S105  # a benchmark's own sample
HASHERS = {"argon2id (service)": OwaspArgon2idHasher, "pbkdf2 (Django default)": PBKDF2PasswordHasher}


def _floor() -> PasswordHasher:
    h = OwaspArgon2idHasher
    return PasswordHasher(
        time_cost=h.time_cost, memory_cost=h.memory_cost, parallelism=h.parallelism, type=Type.ID
    )


def _one_check(name: str, encoded: str) -> float:
    """Seconds for one verification by a fresh worker process's hasher (the process pool calls this)."""
    started = time.perf_counter()
    if name == "floor":
        _floor().verify(encoded.split("$", 1)[1], PASSWORD)
    else:
        assert HASHERS[name]().verify(PASSWORD, encoded)
    return time.perf_counter() - started


def _median_check(name: str, encoded: str, repeat: int) -> float:
    return statistics.median(_one_check(name, encoded) for _ in range(repeat))


def _stampede(name: str, encoded: str, people: int, workers: int) -> dict[str, float]:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_one_check, name, encoded) for _ in range(people)]
        done = []
        for future in futures:
            future.result()
            done.append(time.perf_counter() - started)
    return {"last_done_s": round(max(done), 2), "median_wait_s": round(statistics.median(done), 2)}


def run(*, quick: bool, stdout: TextIO) -> dict[str, Any]:
    people, repeat = (8, 3) if quick else (160, 20)
    encoded = {name: hasher().encode(PASSWORD, hasher().salt()) for name, hasher in HASHERS.items()}
    encoded["floor"] = "argon2$" + _floor().hash(PASSWORD)
    figures: dict[str, Any] = {}
    for name, value in encoded.items():
        label = "argon2-cffi bare (floor)" if name == "floor" else name
        figures[f"one check, {label}, ms"] = round(_median_check(name, value, repeat) * 1000, 1)
        stdout.write(f"  {label}: {figures[f'one check, {label}, ms']} ms per check\n")
    service = figures["one check, argon2id (service), ms"]
    figures["service / floor"] = round(service / figures["one check, argon2-cffi bare (floor), ms"], 2)
    for name in HASHERS:
        figures[f"{people} at once on 4 processes, {name}"] = _stampede(name, encoded[name], people, 4)
    return figures
