"""Every return of a round as one table: a row per area's latest submitted version, a column per field.

The national team's export (and the API's ``returns.csv``): what each area sent, as ODK Central exports its
submissions. One query for the returns, then their versions' content as text in batches, decoded by orjson
(JSONField would use the slower ``json``); every cell passes ``safe_cell`` against formula injection.

On PostgreSQL the database turns the next returns' content into text (the larger part of its work) while
this process writes the rows before them: one batch fetched ahead by a second thread.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from concordat.areas.models import Area
from concordat.questionnaires.models import Question
from concordat.returns.models import Return, ReturnState, ReturnVersion, Round
from concordat.returns.vocabulary import ANSWER_FIELDS
from concordat.spreadsheets import FORMULA_PREFIXES, safe_cell

RETURN_COLUMNS = ("ons_code", "area", "region", "state", "version", "submitted_at", "completed_by")


def _header(numbers: list[str]) -> list[str]:
    per_answer = [*ANSWER_FIELDS, "attachments"]
    return [*RETURN_COLUMNS, *(f"{n} {field}" for n in numbers for field in per_answer)]


_WORDS: dict[object, str] = {True: "yes", False: "no", None: ""}
_FORMULA_STARTS = frozenset(FORMULA_PREFIXES)  # each one character, so one set lookup per text


def _cell(value: object) -> str:
    # Called for every cell (about 750,000 for 1,520 returns): texts, the commonest, first and inline.
    if value.__class__ is str:
        return "'" + value if value[:1] in _FORMULA_STARTS else value
    if value.__class__ is bool or value is None:
        return _WORDS[value]
    return safe_cell(value)


def _contents(version_ids: Sequence[int], size: int) -> Iterator[dict[int, str]]:
    """The versions' content as JSON text, ``size`` versions at a time (version id → text).

    On PostgreSQL, turning content into text is most of the database's work: a second thread fetches the
    next batch while the caller writes this one. The connection is used by one thread at a time (this one
    only waits for the other), through the driver, since Django's wrapper belongs to this thread."""
    batches = [version_ids[i : i + size] for i in range(0, len(version_ids), size)]

    def query(ids: Sequence[int]) -> tuple[str, tuple[Any, ...]]:
        found = (
            ReturnVersion.objects.filter(pk__in=ids)
            .order_by()
            .values_list("pk", Cast("content", TextField()))
        )
        return found.query.sql_with_params()

    if connection.vendor != "postgresql" or len(batches) < 2:
        for ids in batches:
            with connection.cursor() as cursor:
                cursor.execute(*query(ids))
                yield dict(cursor.fetchall())
        return
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None

    def fetch(ids: Sequence[int]) -> dict[int, str]:
        with raw.cursor() as cursor:
            cursor.execute(*query(ids))
            return dict(cursor.fetchall())

    with ThreadPoolExecutor(1) as ahead:
        pending = ahead.submit(fetch, batches[0])
        for ids in batches[1:]:
            done = pending.result()
            pending = ahead.submit(fetch, ids)
            yield done
        yield pending.result()


def submitted_rows(rnd: Round, areas: QuerySet[Area], *, batch: int = 100) -> Iterator[list[str]]:
    """Header first, then one row per return with a submitted version, in area name order (the contents
    read ``batch`` returns at a time)."""
    numbers = list(
        Question.objects.filter(questionnaire=rnd.questionnaire)
        .order_by("position")
        .values_list("number", flat=True)
    )
    yield _header(numbers)
    labels = dict(ReturnState.choices)
    returns = list(
        Return.objects.filter(round=rnd, area__in=areas, latest_version__isnull=False)
        .order_by("area__name")
        .values_list(
            "area__ons_code",
            "area__name",
            "area__region__name",
            "state",
            "latest_version__number",
            "latest_version__submitted_at",
            "latest_version_id",
        )
    )
    for start, texts in zip(
        range(0, len(returns), batch), _contents([r[-1] for r in returns], batch), strict=True
    ):
        for code, name, region, state, number, submitted_at, version_id in returns[start : start + batch]:
            content = orjson.loads(texts[version_id])
            row = [code, name, region, labels.get(state, state), str(number), submitted_at.isoformat()]
            row.append(_cell(content.get("completed_by", {}).get("name", "")))
            _answer_cells(row, content.get("answers", {}), numbers)
            yield row


def _answer_cells(row: list[str], answers: dict[str, Any], numbers: list[str]) -> None:
    """Append each question's cells (``ANSWER_FIELDS``, then its files' names) to ``row``."""
    unanswered = [""] * (len(ANSWER_FIELDS) + 1)
    append = row.append
    for n in numbers:
        answer = answers.get(n)
        if answer is None:
            row += unanswered
            continue
        get = answer.get
        for field in ANSWER_FIELDS:
            append(_cell(get(field, "")))
        files = get("attachments")
        append(_cell("; ".join(f["name"] for f in files)) if files else "")


def submitted_csv_chunks(
    rnd: Round, areas: QuerySet[Area], rows_per_chunk: int = 50, *, batch: int = 100
) -> Iterator[bytes]:
    """The CSV in pieces of ``rows_per_chunk`` rows, to stream: a 1,520-area round is about 12 MB."""
    out = io.StringIO()
    writer = csv.writer(out)
    for i, row in enumerate(submitted_rows(rnd, areas, batch=batch), start=1):
        writer.writerow(row)
        if i % rows_per_chunk == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode()


def submitted_csv(rnd: Round, areas: QuerySet[Area], *, batch: int = 100) -> str:
    return b"".join(submitted_csv_chunks(rnd, areas, batch=batch)).decode()
