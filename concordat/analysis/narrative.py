"""Plain-English sentences for the national report, generated from the figures.

The structure follows the September 2013 *Stocktake of progress report*: executive summary, headline
conclusions, analysis by theme, good practice, and development and support priorities. Every percentage
is given with its count and denominator ("46 of 152 areas (30%)"). Counts of areas are national counts of
organisations, so they are shown exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .indicators import HEADLINES, Indicators, QuestionFigures
from .records import Share, Status


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    questions: tuple[str, ...]
    about: str


def _qs(section: str, count: int, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(n for n in (f"{section}.{i}" for i in range(1, count + 1)) if n not in skip)


# How the stocktake's 11 sections map to the 2013 report's themes. Every question belongs to exactly one theme
# (a test keeps this true). Decisions: 1.8 (ordinary residence) is its own theme, as in 2013, so
# "leadership and partnership" is the rest of section 1; "strategic capacity" is understanding the
# population (section 9); "work with providers" is the provider market (section 11); "delivery and
# progress" gathers case management, reviews, commissioning, local teams and crisis response
# (sections 3, 4, 6, 7, 8).
THEMES: tuple[Theme, ...] = (
    Theme(
        "leadership",
        "Leadership and partnership",
        _qs("1", 9, skip=("1.8",)),
        "joint arrangements between councils, CCGs and partners, and how progress is overseen",
    ),
    Theme(
        "strategic_capacity",
        "Strategic capacity",
        _qs("9", 2),
        "understanding the population who need or receive services",
    ),
    Theme(
        "delivery",
        "Delivery and progress",
        _qs("3", 5) + _qs("4", 9) + _qs("6", 10) + _qs("7", 3) + _qs("8", 3),
        "case management, reviews, commissioning, local teams and crisis response",
    ),
    Theme(
        "ordinary_residence",
        "Ordinary residence",
        ("1.8",),
        "current issues about ordinary residence and the financial risks that come with them",
    ),
    Theme(
        "providers",
        "Work with providers",
        _qs("11", 3),
        "current and future market requirements and capacity",
    ),
    Theme(
        "money",
        "Managing the money",
        _qs("2", 7),
        "understanding costs, pooled budgets and agreed contributions",
    ),
    Theme(
        "safeguarding",
        "Safeguarding",
        _qs("5", 8),
        "safeguarding arrangements for people placed in and out of area",
    ),
    Theme("children", "Children and young people", _qs("10", 2), "transition planning and future demand"),
)

# Short plain-English statements of what a "yes" means, for the questions the report names.
YES_MEANS: Mapping[str, str] = {
    "1.1": "were establishing joint arrangements between the council and CCGs",
    "1.5": "said their Health and Wellbeing Board was engaged and receiving reports",
    "1.8": "reported current ordinary residence issues",
    "2.1": "had a shared understanding of the total cost of current services",
    "2.3": "used section 75 arrangements that were sufficient and robust",
    "2.4": "reported a pooled budget",
    "2.5": "had agreed funding contributions between council and CCGs",
    "3.1": "had a joint, integrated community team",
    "4.4": "were confident that comprehensive local registers were in use",
    "4.9": "had completed all the required reviews",
    "5.1": "were engaged with safeguarding arrangements where people are placed out of area",
    "5.7": "said their Community Safety Partnership was considering these issues",
    "6.8": "had a local delivery plan being developed, resourced and agreed",
    "6.9": "were confident of meeting the 1 June 2014 target",
    "9.1": "said their planning and market assessments supported people with complex needs",
    "10.1": "said commissioning took account of young people in transition",
    "11.1": "had an assessment of local market capacity in progress",
}


@dataclass(frozen=True)
class ThemeNarrative:
    key: str
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Narrative:
    executive_summary: tuple[str, ...]
    headline_conclusions: tuple[str, ...]
    themes: tuple[ThemeNarrative, ...]
    good_practice: tuple[str, ...]
    support_priorities: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    def sections(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, sentences) in report order."""
        out: list[tuple[str, tuple[str, ...]]] = [
            ("Executive summary", self.executive_summary),
            ("Headline conclusions", self.headline_conclusions),
        ]
        out.extend((f"Analysis by theme: {t.title}", t.sentences) for t in self.themes)
        out.append(("Good practice", self.good_practice))
        out.append(("Development and support priorities", self.support_priorities))
        out.append(("About these figures", self.notes))
        return out

    def to_markdown(self) -> str:
        parts: list[str] = []
        for heading, sentences in self.sections():
            parts.append(f"## {heading}\n")
            parts.extend(f"{s}\n" for s in sentences)
        return "\n".join(parts)


def areas_phrase(share: Share, noun: str = "areas") -> str:
    """``46 of 152 areas (30%)``; ``no areas (0 of 152)``; ``all 152 areas (100%)``."""
    if share.count == 0:
        return f"no {noun} (0 of {share.denominator})"
    if share.count == share.denominator:
        return f"all {share.denominator} {noun} (100%)"
    return share.text(noun)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def question_sentence(number: str, figures: QuestionFigures, text: str) -> str:
    """One sentence for a question: who said yes, and who said partly or no."""
    yes = figures.of_all[Status.YES.value]
    partial = figures.of_all[Status.PARTIAL.value]
    no = figures.of_all[Status.NO.value]
    means = YES_MEANS.get(number)
    if means is not None:
        lead = f"{_capital(areas_phrase(yes))} {means} (question {number})."
    else:
        lead = f"{_capital(areas_phrase(yes))} answered yes to question {number}: “{text.rstrip('.')}”."
    return f"{lead} {partial.count} ({partial.percent}%) answered partly and {no.count} ({no.percent}%) no."


def build_narrative(indicators: Indicators) -> Narrative:
    n = indicators.national.areas
    return Narrative(
        executive_summary=_executive_summary(indicators),
        headline_conclusions=_headline_conclusions(indicators),
        themes=tuple(_theme_narrative(indicators, theme) for theme in THEMES),
        good_practice=_good_practice(indicators),
        support_priorities=_support_priorities(indicators),
        notes=(
            f"Percentages are of all {n} areas, including areas that did not return the stocktake, "
            "unless stated.",
            "Percentages are rounded to whole numbers, with halves rounded up.",
        ),
    )


def _share(indicators: Indicators, headline: str) -> Share:
    share = indicators.headlines[headline].share
    assert share is not None  # every headline but the good-practice count is a share of all areas
    return share


def _executive_summary(indicators: Indicators) -> tuple[str, ...]:
    n = indicators.national.areas
    returned = indicators.completeness.returned
    examples = indicators.headlines["good_practice_examples"].count
    return (
        f"All {n} Health and Wellbeing Board areas were asked to complete the stocktake; "
        f"{areas_phrase(returned)} returned it.",
        *(
            f"{_capital(areas_phrase(_share(indicators, h.name)))} {h.label}."
            for h in HEADLINES
            if h.name != "good_practice_examples"
        ),
        f"Areas offered {examples} examples of good practice.",
    )


def _headline_conclusions(indicators: Indicators) -> tuple[str, ...]:
    c = indicators.completeness
    pooled, contributions = _share(indicators, "pooled_budget"), _share(indicators, "contributions_agreed")
    not_confident = indicators.questions["6.9"].of_all[Status.NO.value]
    partly = indicators.questions["6.9"].of_all[Status.PARTIAL.value]
    reviews = indicators.questions["4.9"].of_all[Status.YES.value]
    return (
        f"Joint funding is the main gap: only {areas_phrase(pooled)} reported a pooled budget, "
        f"and {areas_phrase(contributions)} had agreed contributions.",
        f"{_capital(areas_phrase(not_confident))} said they were not confident of meeting "
        f"the 1 June 2014 target, "
        f"and {areas_phrase(partly)} were only partly confident.",
        f"{_capital(areas_phrase(reviews))} had completed all the required reviews.",
        f"{_capital(areas_phrase(c.on_time))} returned the stocktake by the deadline, and "
        f"{areas_phrase(c.signed_all_three)} had it signed by all three signatories.",
    )


def _theme_narrative(indicators: Indicators, theme: Theme) -> ThemeNarrative:
    sentences = [f"This theme covers {theme.about}."]
    for number in theme.questions:
        ref = indicators.question_ref(number)
        if number == "6.10" or ref.polarity == "open":
            continue
        sentences.append(question_sentence(number, indicators.questions[number], ref.text))
    return ThemeNarrative(theme.key, theme.title, tuple(sentences))


def _good_practice(indicators: Indicators) -> tuple[str, ...]:
    examples = indicators.headlines["good_practice_examples"].count
    gp_areas = sum(1 for a in indicators.per_area.values() if a.good_practice_examples)
    busiest = sorted(indicators.sections.values(), key=lambda s: (-s.good_practice_examples, int(s.section)))
    return (
        f"Areas offered {examples} examples of good practice, "
        f"from {areas_phrase(Share.of(gp_areas, indicators.national.areas))}.",
        *(f"Section {s.section} ({s.title}): {s.good_practice_examples} examples." for s in busiest[:3]),
    )


def _support_priorities(indicators: Indicators) -> tuple[str, ...]:
    support = _share(indicators, "areas_requesting_support")
    busiest = sorted(indicators.sections.values(), key=lambda s: (-s.support_areas.count, int(s.section)))
    return (
        f"{_capital(areas_phrase(support))} asked the programme for support in at least one section.",
        *(
            f"{_capital(areas_phrase(s.support_areas))} asked for support with "
            f"{s.title.lower()} (section {s.section})."
            for s in busiest[:4]
            if s.support_areas.count
        ),
    )
