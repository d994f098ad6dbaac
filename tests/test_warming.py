"""Before the workers fork, the server loads what first readers would otherwise wait for."""

from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection, connections
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concordat import warming as warm

pytestmark = pytest.mark.django_db


def test_warming_builds_the_report_so_its_first_reader_does_not_wait(stocktake: Any, login: Any) -> None:
    client = login("nadia")
    url = reverse("analysis:report", args=[stocktake.slug])
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    cache.clear()
    with mock.patch.object(connections, "close_all") as closed:  # the test's transaction stays open
        warm.warm()
    closed.assert_called_once()  # a connection must not be shared by the forked workers
    with CaptureQueriesContext(connection) as warmed:
        assert client.get(url).status_code == 200
    assert len(warmed) < len(cold)


def test_warming_compiles_every_template_of_ours() -> None:
    names = warm.template_names()
    assert "govuk/base.html" in names and "analysis/_dashboard_figures.html" in names
    engine = engines["django"]
    with (
        mock.patch.object(engine, "get_template", wraps=engine.get_template) as loaded,
        mock.patch.object(warm, "warm_reports"),
        mock.patch.object(connections, "close_all"),
    ):
        warm.warm()
    assert {c.args[0] for c in loaded.call_args_list} == set(names)


def test_a_database_that_cannot_be_read_does_not_stop_the_server_starting() -> None:
    with (
        mock.patch.object(warm, "warm_reports", side_effect=DatabaseError("relation does not exist")),
        mock.patch.object(connections, "close_all") as closed,
    ):
        warm.warm()  # logged; the first reader builds the report instead
    closed.assert_called_once()
