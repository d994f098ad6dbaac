"""The good-practice library: every example offered, searchable on SQLite (FTS5) and PostgreSQL."""

from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from concordat.analysis import actions, search
from concordat.analysis.models import GoodPracticeExample
from concordat.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_library_holds_every_example_the_round_offered(synthetic: Any) -> None:
    examples = GoodPracticeExample.objects.filter(round=synthetic.round)
    assert examples.count() == synthetic.synthetic.truth.headline_counts["good_practice_examples"] == 343
    with_files = examples.exclude(attachments=[]).first()
    assert with_files is not None and {"name", "sha256", "id"} <= set(with_files.attachments[0])


def test_search_uses_the_databases_own_full_text_engine(synthetic: Any) -> None:
    expected = {"sqlite": search.SqliteSearch, "postgresql": search.PostgresSearch}[connection.vendor]
    assert isinstance(search.backend(), expected)
    example = GoodPracticeExample.objects.filter(round=synthetic.round).select_related("area").first()
    assert example is not None
    word = max(example.description.split(), key=len).strip(".,;:()")
    found = search.search_examples(GoodPracticeExample.objects.all(), f"{word} {example.area.name}")
    assert example in found
    assert all(word.lower()[:5] in e.search_text.lower() for e in found)
    assert search.search_examples(GoodPracticeExample.objects.all(), "zzzqqqxxy") == []
    # Query syntax is never run: quotes, operators and stars are just characters.
    search.search_examples(GoodPracticeExample.objects.all(), '"pooled" AND OR NEAR( * -budget')


def test_search_finds_stemmed_words_after_an_example_changes(
    synthetic: Any, personas: dict[str, Any]
) -> None:
    example = GoodPracticeExample.objects.filter(round=synthetic.round).first()
    assert example is not None
    example.search_text += " Hydrotherapy partnerships"
    example.save()
    search.backend().index([example])
    assert search.search_examples(GoodPracticeExample.objects.all(), "hydrotherapy partnership") == [example]


def test_review_tags_and_publishes_an_example_with_an_audit_event(
    synthetic: Any, personas: dict[str, Any]
) -> None:
    example = GoodPracticeExample.objects.filter(round=synthetic.round).first()
    assert example is not None
    with pytest.raises(actions.ActionError, match="reviewed before"):
        actions.review_example(
            example, theme="money", reviewed=False, publishable=True, acting_user=personas["nadia"]
        )
    actions.review_example(
        example, theme="money", reviewed=True, publishable=True, acting_user=personas["nadia"]
    )
    example.refresh_from_db()
    assert example.theme == "money" and example.is_reviewed and example.publishable
    assert AuditEvent.objects.filter(verb="good_practice.reviewed", object_id=str(example.pk)).count() == 1


def test_the_library_page_searches_filters_and_saves_a_review(synthetic: Any, nadia: Any) -> None:
    example = GoodPracticeExample.objects.filter(round=synthetic.round).select_related("area").first()
    assert example is not None
    page = nadia.get(reverse("analysis:library"), {"q": example.area.name, "round": synthetic.round.slug})
    assert page.status_code == 200
    assert reverse("analysis:example_detail", args=[example.pk]).encode() in page.content
    url = reverse("analysis:example_detail", args=[example.pk])
    refused = nadia.post(url, {"theme": "money", "publishable": "on"})
    assert refused.status_code == 200 and b"reviewed before it can be published" in refused.content
    saved = nadia.post(url, {"theme": "money", "reviewed": "on", "publishable": "on"})
    assert saved.status_code == 302
    published = nadia.get(reverse("analysis:library"), {"review": "publishable"})
    assert published.content.count(b"govuk-tag--green") == 1


def test_refreshing_the_library_keeps_reviews_of_unchanged_examples(
    synthetic: Any, nadia: Any, personas: dict[str, Any]
) -> None:
    example = GoodPracticeExample.objects.filter(round=synthetic.round).first()
    assert example is not None
    actions.review_example(
        example, theme="money", reviewed=True, publishable=True, acting_user=personas["nadia"]
    )
    response = nadia.post(reverse("analysis:library_refresh", args=[synthetic.round.slug]))
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.publishable


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "9" * 300])
def test_the_library_is_paged_and_a_bad_page_number_shows_a_real_page(
    synthetic: Any, nadia: Any, page: str
) -> None:
    examples = GoodPracticeExample.objects.filter(round=synthetic.round).count()
    last = -(-examples // 50)
    assert last > 2  # more than "the first 100"
    response = nadia.get(reverse("analysis:library"), {"round": synthetic.round.slug, "page": page})
    assert response.status_code == 200
    assert response.context["page"].number == (last if page.isdigit() and int(page) > 1 else 1)
    body = response.content.decode()
    assert f"{examples} examples" in body and f"round={synthetic.round.slug}" in body
