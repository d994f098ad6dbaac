"""The analysis pages for a round of RAG ratings (the November 2013 status report), not only assessments."""

from typing import Any

import pytest
from django.urls import reverse

from concordat.returns.demo import ensure_status_report_round
from concordat.returns.models import Round
from concordat.returns.tests.builders import status_report_version

pytestmark = pytest.mark.django_db
HARROW, LEEDS = "E09000015", "E08000035"


@pytest.fixture
def status_report(personas: dict[str, Any]) -> Round:
    """Harrow rated amber throughout, Leeds green; both submitted."""
    rnd = ensure_status_report_round(personas["nadia"])
    status_report_version(rnd, HARROW, personas["harriet"], "amber")
    status_report_version(rnd, LEEDS, personas["leo"], "green")
    return rnd


@pytest.mark.parametrize("name", ["analysis:dashboard", "analysis:triage", "analysis:change"])
def test_each_analysis_page_shows_a_rag_round(status_report: Round, nadia: Any, name: str) -> None:
    response = nadia.get(reverse(name, args=[status_report.slug]), {"basis": "provisional"})
    assert response.status_code == 200


def test_the_dashboard_of_a_rag_round_counts_its_returns(status_report: Round, nadia: Any) -> None:
    response = nadia.get(reverse("analysis:dashboard", args=[status_report.slug]), {"basis": "provisional"})
    assert b"152 areas shown" in response.content


def test_a_rag_round_has_no_national_report_and_says_why(status_report: Round, nadia: Any) -> None:
    response = nadia.get(reverse("analysis:report", args=[status_report.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no national report for Winterbourne View local status report, November 2013" in html
    assert "does not ask them all" in html
    download = nadia.get(reverse("analysis:report_download", args=[status_report.slug]), {"format": "csv"})
    assert download.status_code == 400 and "does not ask them all" in download.content.decode()


def test_the_dashboard_counts_each_rag_questions_ratings(status_report: Round, nadia: Any) -> None:
    response = nadia.get(reverse("analysis:dashboard", args=[status_report.slug]), {"basis": "provisional"})
    ratings = {r.number: dict(r.counts) for r in response.context["ratings"]}
    assert len(ratings) == 15  # eleven themes and four milestones
    assert ratings["1.1"] == {"red": 0, "amber": 1, "green": 1, "not_rated": 0}
    assert ratings["12.4"] == {"red": 0, "amber": 1, "green": 1, "not_rated": 0}
    # The words and the yes/no question have no status: they are summarised, not put in the status table.
    assert response.context["rows"] == []
    summaries = {s.number: s for s in response.context["summaries"]}
    assert sorted(summaries) == ["13.1", "13.2", "13.3"]
    assert [(label, share.count) for label, share in summaries["13.2"].counts] == [
        ("Yes", 0),
        ("No", 2),
        ("Not answered", 0),
    ]
    assert summaries["13.1"].answered == 2 and summaries["13.1"].counts == ()
    page = response.content.decode()
    assert "Ratings by question (number of areas, and percent of the 2 with a return)" in page
    assert '1 <span class="govuk-body-s">(50%)</span>' in page
