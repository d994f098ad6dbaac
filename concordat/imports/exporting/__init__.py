"""Writing a round's questionnaire as a form to fill offline: Word, OpenDocument or Excel (decision 0106).

No Django here. The form is laid out like the 2013 stocktake (``layout.py``), blank or prefilled from a
``Reading``; its ticks are real controls (Word checkbox content controls, ODF form checkboxes, an Excel
Yes/No list), and the reader (``imports/reading``) reads every field of it back exactly.

    write_form(questionnaire, fmt, reading=None, heading="") -> bytes
"""

from __future__ import annotations

from collections.abc import Callable

from concordat.imports.reading.model import Reading
from concordat.imports.reading.questionnaire import Questionnaire

from . import layout

FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "odt": ("OpenDocument", "application/vnd.oasis.opendocument.text"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


class UnknownFormat(ValueError):
    def __init__(self, fmt: str) -> None:
        super().__init__(f"There is no form in the format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
        self.message = str(self)


def write_form(
    questionnaire: Questionnaire, fmt: str, reading: Reading | None = None, heading: str = ""
) -> bytes:
    """The form as a file's bytes; blank when ``reading`` is None."""
    writers: dict[str, Callable[[layout.Form], bytes]] = {
        "docx": _docx,
        "odt": _odt,
        "xlsx": _xlsx,
    }
    if fmt not in writers:
        raise UnknownFormat(fmt)
    return writers[fmt](layout.form(questionnaire, reading, heading))


def _docx(form: layout.Form) -> bytes:
    from .word import write_docx

    return write_docx(form)


def _odt(form: layout.Form) -> bytes:
    from .opendocument import write_odt

    return write_odt(form)


def _xlsx(form: layout.Form) -> bytes:
    from .spreadsheet import write_xlsx

    return write_xlsx(form)
