"""A migrated, demo-like PostgreSQL template for the serving tests, made once per test session and cloned
(``CREATE DATABASE ... TEMPLATE``) by each test that needs a private database."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from concordat.operations.tests import serving


@dataclass(frozen=True)
class Template:
    name: str
    var_dir: Path  # the uploaded files that belong with the template's rows


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    var_dir = tmp_path_factory.mktemp("template-var")
    with serving.private_database("svc_tpl") as url:
        env = serving.service_environment(url, var_dir)
        serving.run_ok(["-m", "concordat.operations.tests.demo_like"], env, timeout=600)
        yield Template(url.rsplit("/", 1)[1], var_dir)
