"""The one guard against formula injection ("CSV injection") in everything Concordat exports.

Spreadsheet programs run a cell that starts with one of these characters as a formula, so every piece
of user-entered text written to CSV, XLSX or ODS passes through :func:`safe_cell`.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def safe_cell(value: object) -> str:
    """The value as text, with a leading ``'`` if a spreadsheet would read it as a formula."""
    # Called once per cell of a whole-round export (hundreds of thousands): no str() of a str, no extra call.
    text = value if value.__class__ is str else "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
