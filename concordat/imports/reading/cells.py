"""What one cell of a return holds: a tick, scanning noise, attachment names or plain words."""

from __future__ import annotations

import re
import unicodedata

# Ticks seen in returns, including the Cyrillic look-alikes of x and X that OCR and keyboards produce.
TICK_CHARS = frozenset("xX\u0445\u0425✓✔√☒☑✗✘■●\u00d7")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACE_LIKE = frozenset("\x0b\x0c\u2028\u2029")
_WORD = re.compile(r"[^\W_]{2,}")
_EXTENSIONS = r"docx?|docm|xlsx?|xlsm|pdf|pptx?|odt|ods|odp|rtf|txt|msg|eml|jpe?g|png|zip|csv|html?"
_FILENAME = re.compile(rf"(.+?\.(?:{_EXTENSIONS}))(?=[\s:;,]|$)", re.IGNORECASE)
_PATH = re.compile(r"^[A-Za-z]:\\|^\\\\|^/[\w.-]+/")
_LEADING_TICK = re.compile(r"^([xX\u0445\u0425✓✔√☒☑✗✘■●\u00d7])\s+(.+)$")
_SHORT_ANSWER = re.compile(r"^(n\s*/\s*a|n\.a\.?|no?|y)\.?$", re.IGNORECASE)
_REFERENCE = re.compile(r"\d[.,]\d")  # '2.4).' ends a wrapped "(see 2.4)."
_FALSE_WORDS = frozenset({"no", "n", "-", "n/a", "na", "none", "false", "☐", "□", "0"})


def clean(text: str) -> str:
    """Plain text: control characters dropped, Unicode composed, whitespace collapsed."""
    if not text.isprintable() and _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: " " if m.group() in _SPACE_LIKE else "", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def clean_cell(text: str) -> str:
    """Like clean(), but keeps the cell's line breaks (paragraphs) as single newlines."""
    lines = (clean(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def clean_paragraphs(text: str) -> str:
    """Like clean_cell(), but keeps empty lines between paragraphs (a cell of a Word, ODF or Excel form)."""
    return "\n".join(clean(line) for line in text.splitlines()).strip("\n")


def split_items(text: str, *, keep_lines: bool = False) -> list[str]:
    """A good-practice cell's items: one per line or per semicolon, a leading tick split off.

    With ``keep_lines`` (a cell whose lines are paragraphs someone wrote) a line is split only where it
    starts with a tick or names a document, so a description keeps its own semicolons and empty lines."""
    items: list[str] = []
    for line in text.splitlines():
        if keep_lines and not looks_like_attachment(line):
            tick, _, rest = line.partition(";")
            if is_tick(tick):
                items.append(clean(tick))
                line = rest
            m = _LEADING_TICK.match(clean(line))
            if m:
                items.append(m.group(1))
                line = m.group(2)
            items.append(clean(line))
            continue
        for part in line.split(";"):
            part = clean(part)
            m = _LEADING_TICK.match(part)
            if m:
                items.append(m.group(1))
                part = m.group(2)
            if part:
                items.append(part)
    return items


def join_parts(parts: list[str]) -> str:
    """Join wrapped lines into one text; a line ending in a hyphenated word fragment is closed up."""
    out = ""
    for part in (clean(p) for p in parts):
        if not part:
            continue
        if not out:
            out = part
        elif re.search(r"[^\W\d_]-$", out):
            out += part
        else:
            out += " " + part
    return out


def is_tick(text: str) -> bool:
    t = clean(text).strip(" .:;")
    return len(t) == 1 and t in TICK_CHARS


def is_yes(text: str) -> bool:
    return clean(text).lower() in ("yes", "y")


def is_false_mark(text: str) -> bool:
    return clean(text).lower() in _FALSE_WORDS


def is_noise(text: str) -> bool:
    """Scanning debris: no word of two or more letters or digits ('l .', '1', 'w h', 'T')."""
    t = clean(text)
    return (
        bool(t)
        and not is_tick(t)
        and _WORD.search(t) is None
        and not _SHORT_ANSWER.match(t)
        and _REFERENCE.search(t) is None
    )


def looks_like_attachment(text: str) -> bool:
    t = clean(text)
    return bool(_PATH.search(t) or _FILENAME.search(t))


def attachment_names(text: str) -> list[str]:
    """Split a good-practice cell into document names: 'a anon.doc Joint meeting' -> two names."""
    t = clean(text)
    if _PATH.search(t) and not _FILENAME.search(t):
        return [_tidy_name(t.rstrip(":;,. "))]
    names: list[str] = []
    pos = 0
    for m in _FILENAME.finditer(t):
        names.append(m.group(1))
        pos = m.end()
    tail = t[pos:].strip(" :;,.")
    if tail and _WORD.search(tail):
        names.append(tail)
    return [_tidy_name(n) for n in names if n.strip(" :;,.")]


def _tidy_name(name: str) -> str:
    name = name.strip(" :;,")
    # Word-wrapped file names gain spaces ('Panel_Application_Fo rmmaster[1].doc'); names built with
    # underscores and no real words separated by spaces are closed up.
    if "_" in name and not _PATH.search(name):
        name = name.replace(" ", "")
    return re.sub(r"\\\s+", "\\\\", name)  # 'panel\\ Resider' wrapped at a backslash
