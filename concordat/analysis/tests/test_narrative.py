from __future__ import annotations

import re

from concordat.analysis.narrative import THEMES, Narrative, build_narrative
from concordat.analysis.records import questions_of

from .fixtures import indicators, questionnaire


def _narrative() -> Narrative:
    return build_narrative(indicators())


def test_executive_summary_states_published_figures_with_denominators() -> None:
    text = " ".join(_narrative().executive_summary)
    assert "46 of 152 areas (30%) reported a pooled budget." in text
    assert "60 of 152 areas (39%) had agreed funding contributions" in text
    assert "91 of 152 areas (60%) had a shared understanding of the total cost of current services." in text
    assert "87 of 152 areas (57%) asked the programme for support." in text
    assert "Areas offered 343 examples of good practice." in text


def test_every_percentage_has_its_count_and_denominator() -> None:
    for _heading, sentences in _narrative().sections():
        for sentence in sentences:
            for match in re.finditer(r"(\d+)%", sentence):
                before = sentence[: match.start()]
                assert (
                    re.search(r"\d+ of \d+ \w+ \($|\d+ \($|\(\d+ of \d+\)|all \d+ \w+ \($", before[-30:])
                    or "areas (" in before[-12:]
                ), sentence


def test_themes_cover_every_question_exactly_once() -> None:
    numbers = [q.number for q in questions_of(questionnaire())]
    themed = [n for theme in THEMES for n in theme.questions]
    assert sorted(themed) == sorted(numbers)
    assert len(themed) == len(set(themed))


def test_report_follows_the_2013_structure() -> None:
    headings = [h for h, _ in _narrative().sections()]
    assert headings[:2] == ["Executive summary", "Headline conclusions"]
    assert "Analysis by theme: Managing the money" in headings
    assert "Analysis by theme: Ordinary residence" in headings
    assert headings[-3:-1] == ["Good practice", "Development and support priorities"]
    assert "## Executive summary" in _narrative().to_markdown()


def test_theme_sentences_name_their_questions() -> None:
    money = next(t for t in _narrative().themes if t.key == "money")
    assert any("(question 2.4)" in s and s.startswith("46 of 152 areas (30%)") for s in money.sentences)
