"""Full-text search of the good-practice library: one interface, two implementations.

* SQLite: an FTS5 virtual table (``analysis_goodpractice_fts``, created by migration 0002) holds each
  example's ``search_text`` under the example's id; ``index`` keeps it in step and is called by every action
  that writes examples. Porter stemming, ranked by bm25.
* PostgreSQL: ``to_tsvector('english', search_text)`` matched with ``websearch_to_tsquery``, ranked by
  ``ts_rank``. Nothing to keep in step (the library is a few hundred rows a round; a GIN expression index
  can be added when it grows).

The backend is chosen by ``connection.vendor``. Both take the words of the query, all of which must match
(stemmed: "pooled budgets" finds "pooled budget").
"""

import re
from collections.abc import Iterable
from typing import Protocol

from django.db import connection
from django.db.models import QuerySet

from .models import GoodPracticeExample

FTS_TABLE = "analysis_goodpractice_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:20]


def search_text(example: GoodPracticeExample) -> str:
    names = " ".join(a.get("name", "") for a in example.attachments or [])
    return "\n".join(
        [
            example.area.name,
            example.area.region.name,
            f"question {example.question.number}",
            example.question.text,
            example.description,
            example.evidence,
            names,
        ]
    )


class ExampleSearch(Protocol):
    def index(self, examples: Iterable[GoodPracticeExample]) -> None: ...

    def remove(self, ids: Iterable[int]) -> None: ...

    def search(self, examples: QuerySet[GoodPracticeExample], query: str) -> list[GoodPracticeExample]: ...


class SqliteSearch:
    def index(self, examples: Iterable[GoodPracticeExample]) -> None:
        rows = [(e.pk, e.search_text) for e in examples]
        if not rows:
            return
        self.remove(pk for pk, _ in rows)
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)", rows)  # noqa: S608

    def remove(self, ids: Iterable[int]) -> None:
        id_list = list(ids)
        with connection.cursor() as cursor:
            for start in range(0, len(id_list), 500):
                chunk = id_list[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def search(self, examples: QuerySet[GoodPracticeExample], query: str) -> list[GoodPracticeExample]:
        words = search_words(query)
        if not words:
            return list(examples)
        match = " ".join(f'"{w}"' for w in words)  # each word quoted: FTS5 syntax in the query is not run
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank, rowid",  # noqa: S608
                [match],
            )
            ranked = [row[0] for row in cursor.fetchall()]
        position = {pk: i for i, pk in enumerate(ranked)}
        found = examples.filter(pk__in=ranked)
        return sorted(found, key=lambda e: position[e.pk])


class PostgresSearch:
    def index(self, examples: Iterable[GoodPracticeExample]) -> None:
        """Nothing to do: PostgreSQL reads ``search_text`` directly."""

    def remove(self, ids: Iterable[int]) -> None:
        """Nothing to do."""

    def search(self, examples: QuerySet[GoodPracticeExample], query: str) -> list[GoodPracticeExample]:
        words = search_words(query)
        if not words:
            return list(examples)
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="english")
        search_query = SearchQuery(" ".join(words), config="english", search_type="plain")
        return list(
            examples.annotate(search=vector, rank=SearchRank(vector, search_query))
            .filter(search=search_query)
            .order_by("-rank", "pk")
        )


def backend() -> ExampleSearch:
    if connection.vendor == "sqlite":
        return SqliteSearch()
    if connection.vendor == "postgresql":
        return PostgresSearch()
    raise NotImplementedError(f"No good-practice search for the {connection.vendor} database.")


def search_examples(examples: QuerySet[GoodPracticeExample], query: str) -> list[GoodPracticeExample]:
    return backend().search(examples, query)
