"""Every return of a round as one table: a row per area's latest submitted version, a column per field.

The national team's export (and the API's ``returns.csv``): what each area sent, as ODK Central exports its
submissions. Read in one query with the content as text and decoded by orjson (JSONField would use the
slower ``json``); every cell passes ``safe_cell`` against formula injection.
"""

import csv
import io
from collections.abc import Iterator

import orjson
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from concordat.areas.models import Area
from concordat.questionnaires.models import Question
from concordat.returns.models import Return, ReturnState, Round
from concordat.returns.vocabulary import ANSWER_FIELDS
from concordat.spreadsheets import safe_cell

RETURN_COLUMNS = ("ons_code", "area", "region", "state", "version", "submitted_at", "completed_by")


def _header(numbers: list[str]) -> list[str]:
    per_answer = [*ANSWER_FIELDS, "attachments"]
    return [*RETURN_COLUMNS, *(f"{n} {field}" for n in numbers for field in per_answer)]


def _cell(value: object) -> str:
    if value == "" or value is None:  # most cells of most returns: not worth the guard's call
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return safe_cell(value)


def submitted_rows(rnd: Round, areas: QuerySet[Area]) -> Iterator[list[str]]:
    """Header first, then one row per return with a submitted version, in area name order."""
    numbers = list(
        Question.objects.filter(questionnaire=rnd.questionnaire)
        .order_by("position")
        .values_list("number", flat=True)
    )
    yield _header(numbers)
    labels = dict(ReturnState.choices)
    rows = (
        Return.objects.filter(round=rnd, area__in=areas, latest_version__isnull=False)
        .order_by("area__name")
        .values_list(
            "area__ons_code",
            "area__name",
            "area__region__name",
            "state",
            "latest_version__number",
            "latest_version__submitted_at",
            Cast("latest_version__content", TextField()),
        )
    )
    unanswered = [""] * (len(ANSWER_FIELDS) + 1)
    for code, name, region, state, number, submitted_at, text in rows.iterator(chunk_size=200):
        content = orjson.loads(text)
        answers = content.get("answers", {})
        row = [code, name, region, labels.get(state, state), str(number), submitted_at.isoformat()]
        row.append(_cell(content.get("completed_by", {}).get("name", "")))
        for n in numbers:
            answer = answers.get(n)
            if answer is None:
                row += unanswered
                continue
            row += [_cell(answer.get(field, "")) for field in ANSWER_FIELDS]
            files = answer.get("attachments")
            row.append(_cell("; ".join(f["name"] for f in files)) if files else "")
        yield row


def submitted_csv_chunks(rnd: Round, areas: QuerySet[Area], rows_per_chunk: int = 50) -> Iterator[bytes]:
    """The CSV in pieces of ``rows_per_chunk`` rows, to stream: a 1,520-area round is about 12 MB."""
    out = io.StringIO()
    writer = csv.writer(out)
    for i, row in enumerate(submitted_rows(rnd, areas), start=1):
        writer.writerow(row)
        if i % rows_per_chunk == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode()


def submitted_csv(rnd: Round, areas: QuerySet[Area]) -> str:
    return b"".join(submitted_csv_chunks(rnd, areas)).decode()
