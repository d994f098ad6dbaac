"""The aligner: rows of cells (from text lines or table rows) -> one reading per question.

Rows come in two kinds. `positional=True` rows come from real tables (Word, Excel, ODF, PDF tables): cell 0
is the question column, 1 the evidence, 2 the good-practice column, 3 the support column.
`positional=False` rows come from extracted text, where empty cells may have vanished, so tick columns
are told apart by content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cells as C
from .footer import read_footer
from .layout import FOOTER_START, heading_roles
from .match import REVIEW_BELOW, Match, Matcher, norm, similarity
from .model import QuestionReading, Reading, Status
from .questionnaire import Question, Questionnaire
from .status import REVIEW_THRESHOLD, read_status

_SECTION = re.compile(r"^\s*(\d{1,2})\s*\.\s+(\D.*)$", re.S)
_NUMBER_ONLY = re.compile(r"^\s*\d{1,2}\s*[.,]\s*\d{1,2}\.?\s*$")
_FOOTER = re.compile(rf"{FOOTER_START.pattern}|^please send\b", re.I)
_INTERROGATIVE = re.compile(r"^(are|is|do|does|have|has|how|what|where|when|who|which|can|will)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'“(]|\s*$)")


_norm = norm
# An answer read by OCR is less certain than its rule says: the words themselves may be misread. A rule of
# 0.70 or less then falls below REVIEW_THRESHOLD (0.6) and the answer is flagged for review.
OCR_PENALTY = 0.1


@dataclass
class _Extra:
    index: int
    text: str
    row_len: int


@dataclass
class _Collected:
    question: Question
    evidence: list[str] = field(default_factory=list)
    extras: list[_Extra] = field(default_factory=list)
    status_cells: list[str] = field(default_factory=list)
    match: Match | None = None
    from_ocr: bool = False  # some of its text was read by OCR from a scanned page


class _Aligner:
    def __init__(
        self,
        questionnaire: Questionnaire,
        reading: Reading,
        positional: bool,
        whole_cells: bool = False,
        paragraphs: bool = False,
    ) -> None:
        self.q = questionnaire
        self.by_number = questionnaire.by_number()
        self.order = questionnaire.numbers()
        self.reading = reading
        self.positional = positional
        self.after_heading = False
        self.whole_cells = whole_cells  # cells from a real table (not text cut into columns): compare whole
        # A cell's lines are paragraphs someone wrote (Word, ODF, Excel), not lines a PDF wrapped: kept.
        self.paragraphs = paragraphs
        self.collected: dict[str, _Collected] = {}
        self.current: _Collected | None = None
        self.matcher = Matcher(questionnaire, reading.warn)
        self.sections_seen: set[str] = set()
        self.number_column = False
        self.headings = [_norm(h) for h in questionnaire.column_headings]
        self.title = _norm(questionnaire.title)
        self.section_titles = {_norm(t) for t in questionnaire.section_titles}
        self.heading_starts = {h[:5].lower() for h in (*questionnaire.column_headings, questionnaire.title)}
        self.ocr_rows: frozenset[int] = frozenset()
        self.row_from_ocr = False

    def match_question(self, cell: str) -> Match | None:
        return self.matcher.match(cell, whole_cell=self.whole_cells)

    def _unknown_question(self, cells: list[str]) -> bool:
        """A table row whose first cell reads as a question this form lacks: its answer is not taken."""
        first = cells[0]
        if not (self.whole_cells and len(first) >= 25 and any(cells[1:])):
            return False
        if not (first.rstrip().endswith("?") or _INTERROGATIVE.match(first)):
            return False
        self.current = None
        self.reading.warn(
            "unmatched_question",
            f"A row reads like a question but matches none of this form's, so its answer was not taken: "
            f"{first[:80]!r}",
        )
        return True

    # -- row kinds ---------------------------------------------------------------------------------------
    def is_section(self, cell: str) -> bool:
        m = _SECTION.match(cell)
        if not m:
            return False
        title = _norm(m.group(2))
        if title in self.section_titles:
            return True
        return any(similarity(title, t, 0.7) >= 0.7 for t in self.section_titles)

    def is_heading(self, cells: list[str]) -> bool:
        first = next((c for c in cells if c), "")
        if first[:5].lower() not in self.heading_starts:
            return (
                False  # cheap test first: a heading row starts with a heading's (or the title's) first word
            )
        texts = [_norm(c) for c in cells if c.strip()]
        if not texts:
            return False
        if any(t == self.title or (len(t) > 10 and self.title.startswith(t)) for t in texts):
            return True
        return all(t in self.headings or any(self._near_heading(t, h) for h in self.headings) for t in texts)

    @staticmethod
    def _near_heading(text: str, heading: str) -> bool:
        return abs(len(text) - len(heading)) <= len(heading) // 5 and similarity(text, heading, 0.85) >= 0.85

    # -- feeding rows ------------------------------------------------------------------------------------
    def feed(self, rows: list[list[str]]) -> list[list[str]]:
        """Consume question rows; return the rows after the questions (the footer)."""
        for i, row in enumerate(rows):
            cells = self._cells(row)
            if not any(cells):
                continue
            first = next(c for c in cells if c)
            if self.collected and _FOOTER.match(first):
                return rows[i:]
            self.row_from_ocr = i in self.ocr_rows
            self._feed_row(cells)
        return []

    def _cells(self, row: list[str]) -> list[str]:
        """The row's cleaned cells, a number column folded into the question, trailing empty cells dropped."""
        clean = C.clean_paragraphs if self.paragraphs else C.clean_cell
        cells = [clean(c) for c in row]
        if self.positional and len(cells) >= 5 and (_NUMBER_ONLY.match(cells[0]) or self.number_column):
            self.number_column = True  # the number has a column of its own: fold it into the question
            cells = [f"{cells[0]} {cells[1]}".strip(), *cells[2:]]
        while cells and not cells[-1] and len(cells) > 4:
            cells.pop()
        return cells

    def _feed_row(self, cells: list[str]) -> None:
        if cells[0] and self.is_section(cells[0]):
            self._enter_section(cells[0])
        elif self.is_heading(cells) or heading_roles(cells) is not None:
            self.after_heading = True  # a heading row repeated at the top of a page
            return
        elif self.after_heading and _heading_tail(cells):
            pass  # the rest of a heading row a page break cut in two
        elif cells[0] and (found := self.match_question(cells[0])):
            self._start_question(found)
            self._add_cells(cells)
        elif self._unknown_question(cells):
            pass
        elif self.current is None:
            if self.collected:
                self._unmatched(" ".join(c for c in cells if c))
            # introduction text before the first question is not part of any answer
        elif not self.positional and len(cells) == 1:
            self._unmatched(cells[0])
        else:
            self._add_cells(cells)

        self.after_heading = False

    def _enter_section(self, cell: str) -> None:
        section = _SECTION.match(cell).group(1)  # type: ignore[union-attr]  # is_section matched
        if section not in self.sections_seen:
            self.sections_seen.add(section)
            # A new section ends the current answer; its heading repeated at the top of a page does not.
            self.current = None

    def _start_question(self, found: Match) -> None:
        number = found.number
        self.matcher.last = number
        self.matcher.seen.add(number)
        if number in self.collected:
            self.current = self.collected[number]
        else:
            self.current = self.collected[number] = _Collected(self.by_number[number], match=found)

    def _unmatched(self, text: str) -> None:
        if not C.is_noise(text):
            self.reading.warn(
                "unmatched_text", f"This text could not be placed against a question: {text[:80]!r}"
            )

    def _add_cells(self, cells: list[str]) -> None:
        assert self.current is not None
        self.current.from_ocr = self.current.from_ocr or self.row_from_ocr
        evidence = cells[1] if len(cells) > 1 else ""
        extras = list(enumerate(cells))[2:]
        if self.positional and len(cells) > 4:
            if cells[4]:
                self.current.status_cells.append(cells[4])
            extras = [e for e in extras if e[0] != 4]
        if not self.positional and C.is_tick(evidence) and len(cells) == 2:
            extras, evidence = [(2, evidence)], ""  # a lone tick shifted left by vanished cells
        if evidence:
            if C.is_noise(evidence):
                self.reading.warn(
                    "noise_ignored", f"Ignored scanning noise {evidence!r}.", self.current.question.number
                )
            else:
                self.current.evidence.extend(evidence.split("\n"))
        for index, text in extras:
            if text:
                self.current.extras.append(_Extra(index, text, len(cells)))

    # -- building the readings ---------------------------------------------------------------------------
    def readings(self) -> dict[str, QuestionReading]:
        out: dict[str, QuestionReading] = {}
        for number in self.order:
            got = self.collected.get(number)
            if got is None:
                out[number] = QuestionReading(
                    number,
                    status=Status.BLANK,
                    confidence=0.0,
                    needs_review=True,
                    decided_by="(question not found)",
                )
                self.reading.warn(
                    "missing_question", f"Question {number} was not found in the document.", number
                )
                continue
            qr = QuestionReading(number, found=True, evidence=self._joined(got.evidence))
            qr.status_text = C.join_parts(got.status_cells)
            if got.match is not None:
                qr.matched_by, qr.match_confidence = got.match.how, got.match.confidence
                qr.match_ambiguous = got.match.ambiguous
            self._read_extras(qr, got.extras)
            qr.from_ocr = got.from_ocr
            out[number] = qr
        self._repair_page_breaks(out)
        for number, qr in out.items():
            if not qr.found:
                continue
            qr.status, qr.confidence, qr.decided_by = read_status(
                qr.evidence, self.by_number[number].polarity, qr.status_text
            )
            if qr.from_ocr:  # the words themselves may be misread
                qr.confidence = round(max(0.0, qr.confidence - OCR_PENALTY), 2)
            qr.needs_review = (
                qr.confidence < REVIEW_THRESHOLD or qr.match_ambiguous or qr.match_confidence < REVIEW_BELOW
            )
            if qr.needs_review:
                self.reading.warn(
                    "low_confidence",
                    f"Question {number}: the status '{qr.status}' is a guess "
                    f"(confidence {qr.confidence:.2f}); please check it.",
                    number,
                )
        return out

    def _joined(self, parts: list[str]) -> str:
        if self.paragraphs:
            return "\n".join(parts).strip("\n")
        return C.join_parts(parts)

    def _is_tick(self, text: str) -> bool:
        """A tick mark; in a real table's tick column "Yes" too (a spreadsheet's Yes/No list)."""
        return C.is_tick(text) or (self.positional and C.is_yes(text))

    def _read_extras(self, qr: QuestionReading, extras: list[_Extra]) -> None:
        description: list[str] = []
        support: list[str] = []
        for extra in extras:
            column = self._column(extra)
            after_attachment = False  # words after a document name in the same cell name another document
            for text in C.split_items(extra.text, keep_lines=self.paragraphs):
                if not text:  # an empty line between two paragraphs of a description
                    kept = support if column == "support" else description
                    kept.extend([""] if kept else [])
                elif C.is_noise(text):
                    self.reading.warn("noise_ignored", f"Ignored scanning noise {text!r}.", qr.number)
                elif column == "support":
                    self._support_item(qr, text, support)
                elif column != "good_practice":
                    self.reading.warn(
                        "unmatched_text", f"Extra column text could not be placed: {text[:80]!r}", qr.number
                    )
                elif self._is_tick(text):
                    qr.good_practice = True
                elif C.is_false_mark(text):
                    continue
                elif after_attachment or C.looks_like_attachment(text):
                    qr.attachments.extend(C.attachment_names(text))
                    qr.good_practice = after_attachment = True
                else:
                    description.append(text)
                    qr.good_practice = True
        qr.good_practice_description = self._joined(description)
        qr.support_description = self._joined(support)

    def _support_item(self, qr: QuestionReading, text: str, support: list[str]) -> None:
        """A tick asks for support; words say what support, and ask for it too."""
        if C.is_false_mark(text):
            return
        qr.support_required = True
        if not self._is_tick(text):
            support.append(text)

    def _column(self, extra: _Extra) -> str:
        if self.positional:
            return {2: "good_practice", 3: "support"}.get(extra.index, "other")
        if extra.index >= 4:
            return "other"
        if not C.is_tick(extra.text):
            return "good_practice"  # words and document names belong to the good-practice column
        if extra.index == 3 or extra.row_len < 4:
            # A tick alone after the evidence, where a cell has vanished: the form asks for good practice
            # to be ticked *and attached*, so a bare tick is read as 'support required'.
            return "support"
        return "good_practice"

    def _repair_page_breaks(self, out: dict[str, QuestionReading]) -> None:
        """Text pushed into the next row by a page break: the next answer starts mid-sentence."""
        previous: QuestionReading | None = None
        for qr in out.values():
            if not qr.found:
                previous = None
                continue
            if (
                previous
                and previous.evidence
                and qr.evidence[:1].islower()
                and not re.search(r"[.!?:;)\"'”]$", previous.evidence)
            ):
                m = _SENTENCE_END.search(qr.evidence[:400])
                if m:
                    moved, qr.evidence = qr.evidence[: m.end()], qr.evidence[m.end() :].strip()
                    previous.evidence = f"{previous.evidence} {moved}"
                    self.reading.warn(
                        "page_break",
                        f"The start of the answer to {qr.number} ({moved[:40]!r}…) "
                        f"finishes the answer to {previous.number}, so it was moved there.",
                        qr.number,
                    )
            previous = qr


def _heading_tail(cells: list[str]) -> bool:
    """Short lower-case fragments, question and evidence cells empty: 'practice to share', 'needed'."""
    filled = [c for c in cells if c]
    return not any(cells[:2]) and bool(filled) and all(len(c) <= 30 and c[:1].islower() for c in filled)


def align_rows(
    rows: list[list[str]],
    questionnaire: Questionnaire,
    *,
    positional: bool,
    source_format: str = "",
    whole_cells: bool | None = None,
    paragraphs: bool = False,
    ocr_rows: frozenset[int] = frozenset(),
) -> Reading:
    reading = Reading(questions={}, source_format=source_format)
    whole = positional if whole_cells is None else whole_cells
    aligner = _Aligner(questionnaire, reading, positional, whole, paragraphs)
    aligner.ocr_rows = ocr_rows
    footer = aligner.feed(rows)
    reading.questions = aligner.readings()
    read_footer(footer, questionnaire, reading)
    return reading


def rows_from_text(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]
