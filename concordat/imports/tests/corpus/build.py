"""The reader's corpus: completed returns in four house styles that are not Harrow's, made from the
hand-written answers in ``source/*.txt`` (SYNTHETIC: written for these tests, in the register of the 2013
returns).

Every source file is rendered in every style, so each style is read with three different sets of answers:

- ``rag``       Word, one continuous table: Ref | Question | RAG rating | Commentary | Good practice | Support
                needed; references typed every which way (Q1.1, 1,2, 1.3., none); a Ref-less section row; a
                checkbox control per tick; sign-off and completed-by as tables.
- ``sections``  Word, a heading and a table per section, no question numbers, some questions reworded, columns
                "Question | Where are we now? | Good practice to share | Help needed";
                sign-off as form fields.
- ``workbook``  Excel, columns in a different order per council, question numbers typed as numbers (6.10 is
                6.1), section rows between questions, Y/N and "Y - description" ticks; a "Sign off" sheet.
- ``layout``    text as ``pdftotext -layout`` gives it: fixed-width columns, wrapped cells sharing lines,
                page breaks repeating the heading row, page footers, a few numbers dropped.

The expected reading of each document (``expected/<council>-<style>.json``, the Harrow fixture's format) is
made from the hand-written labels in the source file, never from the reader: ``python -m
concordat.imports.tests.corpus.build`` rewrites them and ``test_reading_corpus`` checks they are current.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concordat.imports.reading import DEFAULT_QUESTIONNAIRE, Questionnaire, load_questionnaire

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "source"
EXPECTED = HERE / "expected"
STYLES = ("rag", "sections", "workbook", "layout")
ROLES = ("hwb_chair", "chief_executive", "ccg")
RAG = {"yes": "Green", "partial": "Amber", "no": "Red", "na": "N/A", "blank": ""}
_LEADING_RAG = re.compile(r"^(Green|Amber/Green|Amber|Red)\.\s*")


@dataclass
class Answer:
    number: str
    statuses: list[str]
    good_practice: str  # "" none, "Y" a tick, "Y: words" a tick and a description, or a document name
    support: bool
    text: str

    @property
    def ticked(self) -> bool:
        return bool(self.good_practice)

    @property
    def description(self) -> str:
        return self.good_practice[3:] if self.good_practice.startswith("Y: ") else ""

    @property
    def attachment(self) -> str:
        return "" if self.good_practice.startswith("Y") else self.good_practice


@dataclass
class Source:
    name: str
    area: str = ""
    completed_by: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, tuple[str, str, bool]] = field(default_factory=dict)  # role: (name, title, signed)
    answers: dict[str, Answer] = field(default_factory=dict)
    index: int = 0


def load_source(path: Path, index: int = 0) -> Source:
    source = Source(path.stem, index=index)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            _meta(source, key, value.strip())
            continue
        number, statuses, good_practice, support, text = line.split("|", 4)
        source.answers[number] = Answer(
            number, statuses.split(","), "" if good_practice == "-" else good_practice, support == "Y", text
        )
    return source


def _meta(source: Source, key: str, value: str) -> None:
    if key == "area":
        source.area = value
    elif key.startswith("completed_by."):
        source.completed_by[key.split(".", 1)[1]] = value
    elif key in ROLES:
        name, title, signed = (part.strip() for part in value.split("|"))
        source.signatures[key] = (name, title, signed == "signed")


def sources() -> list[Source]:
    return [load_source(p, i) for i, p in enumerate(sorted(SOURCES.glob("*.txt")))]


def commentary(answer: Answer, style: str) -> str:
    """The answer's text as the style prints it: the RAG table has the colour in a column of its own."""
    return _LEADING_RAG.sub("", answer.text) if style in ("rag", "workbook") else answer.text


# -- expected readings -------------------------------------------------------------------------------------
def _words(text: str, count: int, tail: bool = False) -> str:
    words = text.split()
    return " ".join(words[-count:] if tail else words[:count])


def expected_reading(source: Source, style: str, questionnaire: Questionnaire) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for number in questionnaire.numbers():
        answer = source.answers[number]
        text = commentary(answer, style)
        entry: dict[str, Any] = {
            "status": answer.statuses,
            "good_practice": answer.ticked,
            "support_required": answer.support,
        }
        if text:
            entry["starts"], entry["ends"] = _words(text, 4), _words(text, 4, tail=True)
        if answer.attachment:
            entry["attachments"] = [answer.attachment]
        answers[number] = entry
    return {
        "about": f"SYNTHETIC. Expected reading of {source.name} in the '{style}' house style, from the "
        "hand-written labels in source/{source.name}.txt (see build.py); fields as in the Harrow fixture.",
        "area": {"name": source.area},
        "completed_by": {k: source.completed_by[k] for k in ("name", "organisation")},
        "signatures": {
            role: {"name": name, "signed": signed} for role, (name, _, signed) in source.signatures.items()
        },
        "question_count": len(answers),
        "answers": answers,
    }


def write_expected(questionnaire: Questionnaire | None = None) -> list[Path]:
    q = questionnaire or load_questionnaire(DEFAULT_QUESTIONNAIRE)
    EXPECTED.mkdir(exist_ok=True)
    paths = []
    for source in sources():
        for style in STYLES:
            path = EXPECTED / f"{source.name}-{style}.json"
            data = expected_reading(source, style, q)
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            paths.append(path)
    return paths


# -- documents -----------------------------------------------------------------------------------------------
def build(outdir: Path, questionnaire: Questionnaire | None = None) -> dict[str, Path]:
    """Every source in every style under `outdir`: {"<council>-<style>": path}."""
    from . import styles

    q = questionnaire or load_questionnaire(DEFAULT_QUESTIONNAIRE)
    writers = {
        "rag": styles.write_rag,
        "sections": styles.write_sections,
        "workbook": styles.write_workbook,
        "layout": styles.write_layout,
    }
    outdir.mkdir(parents=True, exist_ok=True)
    files = {}
    for source in sources():
        for style, writer in writers.items():
            files[f"{source.name}-{style}"] = writer(source, q, outdir / f"{source.name}-{style}")
    return files


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True) or [""]


if __name__ == "__main__":
    for written in write_expected():
        print(written.relative_to(HERE))
