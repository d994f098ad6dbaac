"""Checks every HTML page fetched in a test must pass (GOV.UK Notify's habit).

One <h1>; the <title> starts with the h1's text (after an optional "Error: "); no duplicate ids;
a page showing field errors has an error summary and a title starting "Error: ".
"""

import re
from collections import Counter
from html.parser import HTMLParser


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.h1_texts: list[str] = []
        self.title = ""
        self.classes: set[str] = set()
        self._in_h1 = 0
        self._in_title = False
        self._h1_buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        for cls in (attributes.get("class") or "").split():
            self.classes.add(cls)
        if tag == "h1":
            self._in_h1 += 1
            self._h1_buffer = []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 -= 1
            self.h1_texts.append(" ".join("".join(self._h1_buffer).split()))
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self._h1_buffer.append(data)
        if self._in_title:
            self.title += data


def contract_problems(html: str) -> list[str]:
    parser = _PageParser()
    parser.feed(html)
    problems = []
    if len(parser.h1_texts) != 1:
        problems.append(f"expected one <h1>, found {len(parser.h1_texts)}: {parser.h1_texts}")
    title = " ".join(parser.title.split())
    has_errors = bool({"govuk-error-message", "govuk-form-group--error"} & parser.classes) or (
        "govuk-error-summary" in parser.classes
    )
    bare_title = re.sub(r"^Error: ", "", title)
    if parser.h1_texts and not bare_title.startswith(parser.h1_texts[0]):
        problems.append(f"<title> {title!r} does not start with the <h1> {parser.h1_texts[0]!r}")
    if has_errors and "govuk-error-summary" not in parser.classes:
        problems.append("the page shows field errors but has no error summary")
    if has_errors and not title.startswith("Error: "):
        problems.append(f"the page shows errors but its <title> does not start with 'Error: ': {title!r}")
    duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    return problems
