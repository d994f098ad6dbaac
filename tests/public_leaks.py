"""A guard for all the public can fetch: no sub-national count of people from 1 to 7, and no draft text.

``leaks(body, content_type, drafts=...)`` reads a page or a download (HTML, CSV, XLSX, ODS, PDF) as text and
lists what it should not show:

* a number from 1 to 7 followed by a word for people ("3 people", "5 patients");
* a number from 1 to 7 in a table column headed with a word for people;
* any of ``drafts`` (wording typed into a draft and never published).

Counts the rule lets through are ``*``, 0 and multiples of 5, and national figures, exact: tests using this
guard keep every national count of people at 0 or 8 and over, so an exact national figure cannot look like a
leak. The rule's own wording ("1 to 7 people") is not a count.
"""

import io
import re
import subprocess
import tempfile
import zipfile
from html.parser import HTMLParser

PEOPLE_WORDS = r"(?:people|persons?|patients?|inpatients?|individuals?|adults?|children|child)"
SMALL_COUNT = re.compile(rf"(?<![\d.])(?<!\d,)(?<!to )([1-7])\s+{PEOPLE_WORDS}\b", re.IGNORECASE)
PEOPLE_HEADER = re.compile(rf"\b{PEOPLE_WORDS}\b", re.IGNORECASE)


class _Text(HTMLParser):
    """The text of an HTML page, and each table as rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._skip = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("p", "li", "br", "div", "h1", "h2", "h3", "dd", "dt"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            if self.tables and self.tables[-1]:
                self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
            self.parts.append(" | ")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _table_problems(tables: list[list[list[str]]]) -> list[str]:
    problems = []
    for table in tables:
        rows = [r for r in table if r]
        if not rows:
            continue
        columns = [i for i, h in enumerate(rows[0]) if PEOPLE_HEADER.search(h)]
        for row in rows[1:]:
            for i in columns:
                if i < len(row) and re.fullmatch(r"[1-7]", row[i]):
                    problems.append(f"a count of {row[i]} in the column {rows[0][i]!r}: {row}")
    return problems


def _xlsx_rows(body: bytes) -> list[list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return [
        ["" if v is None else str(v) for v in row]
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
    ]


def _ods_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        xml = z.read("content.xml").decode("utf-8")
    return re.sub(
        r"<[^>]+>", " ", xml.replace("</table:table-cell>", " | ").replace("</table:table-row>", "\n")
    )


def _pdf_text(body: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(body)
        f.flush()
        return subprocess.run(
            ["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")


def readable(body: bytes, content_type: str) -> tuple[str, list[str]]:
    """(the text, problems found in its tables) of a page or download."""
    if "html" in content_type:
        parser = _Text()
        parser.feed(body.decode("utf-8"))
        return "".join(parser.parts), _table_problems(parser.tables)
    if "spreadsheetml" in content_type:
        rows = _xlsx_rows(body)
        return "\n".join(" | ".join(r) for r in rows), []
    if "opendocument.spreadsheet" in content_type:
        return _ods_text(body), []
    if "pdf" in content_type:
        return _pdf_text(body), []
    return body.decode("utf-8-sig"), []


def leaks(body: bytes, content_type: str, *, drafts: tuple[str, ...] = ()) -> list[str]:
    text, problems = readable(body, content_type)
    flat = " ".join(text.split())
    problems += [f"a count of people from 1 to 7: {m.group(0)!r}" for m in SMALL_COUNT.finditer(flat)]
    problems += [f"draft text {d!r}" for d in drafts if d in flat]
    return problems
