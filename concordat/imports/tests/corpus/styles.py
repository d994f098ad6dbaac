"""The four house styles of the corpus (see build.py). Each writer takes a Source and returns its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from concordat.imports.reading import Questionnaire

from .build import RAG, Answer, Source, commentary, wrap

# How each style's form labels the three signatories.
ROLE_LABELS = {
    "rag": {
        "hwb_chair": "Chair, Health and Wellbeing Board",
        "chief_executive": "Chief Executive of the Council",
        "ccg": "Clinical Commissioning Group",
    },
    "sections": {
        "hwb_chair": "Signed on behalf of the Health and Wellbeing Board",
        "chief_executive": "Signed on behalf of the Local Authority (Chief Executive)",
        "ccg": "Signed on behalf of the CCG",
    },
    "workbook": {"hwb_chair": "HWB Chair", "chief_executive": "LA Chief Exec", "ccg": "CCG"},
    "layout": {
        "hwb_chair": "Chair of HWBB",
        "chief_executive": "Chief Executive",
        "ccg": "CCG Accountable Officer",
    },
}
# Light rewordings a council's own copy of the form had (the sections style prints no numbers).
REWORDED = {
    "1.4": "Is the LD Partnership Board (or equivalent) monitoring progress and reporting on it?",
    "2.3": "Do you use Section 75 arrangements, and are they sufficient and robust?",
    "3.1": "Do you have an integrated, joint community team?",
    "4.6": "Is advocacy routinely available to people and their families to support assessment, "
    "care planning and reviews?",
    "5.7": "Is the Community Safety Partnership considering issues that might affect people with learning "
    "disability living in less restrictive settings?",
    "6.8": "Is the local delivery plan being developed, resourced and agreed?",
    "8.2": "Do you have, or are you developing, emergency responses that would avoid admission to hospital "
    "(including under a section of the MHA)?",
    "10.2": "Have you developed ways to understand future demand (numbers of people and likely services)?",
}
_REF_FORMS = ("Q{n}", "{a},{b}", "{n}.", "{n}", "Q {n}", "{n}", "", "{n})", "{n}")


def _ref(number: str, i: int) -> str:
    a, b = number.split(".")
    return _REF_FORMS[i % len(_REF_FORMS)].format(n=number, a=a, b=b)


def _checkbox(cell: Any, ticked: bool) -> None:
    from docx.oxml import parse_xml

    glyph, state = ("☒", "1") if ticked else ("☐", "0")
    cell.paragraphs[0]._p.append(
        parse_xml(
            '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:sdtPr><w14:checkbox>'
            f'<w14:checked w14:val="{state}"/></w14:checkbox></w:sdtPr>'
            f"<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def _good_practice_words(answer: Answer) -> list[str]:
    return [w for w in (answer.description, answer.attachment) if w]


# -- rag: one continuous Word table --------------------------------------------------------------------------
def write_rag(source: Source, q: Questionnaire, stem: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(f"{source.area}: Winterbourne View stocktake return, June 2013", 1)
    document.add_paragraph("RAG rating: Green = in place; Amber = in progress; Red = not started.")
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Ref", "Question", "RAG rating", "Commentary", "Good practice", "Support needed"),
        strict=True,
    ):
        cell.text = text
    section = ""
    for i, question in enumerate(q.questions):
        if question.section != section:
            section = question.section
            row = table.add_row().cells
            merged = row[0].merge(row[5])
            merged.text = f"Section {section}: {q.section_titles[int(section) - 1]}"
        answer = source.answers[question.number]
        row = table.add_row().cells
        row[0].text = _ref(question.number, i + source.index)
        row[1].text = question.text
        row[2].text = RAG[answer.statuses[0]]
        row[3].text = commentary(answer, "rag")
        _checkbox(row[4], answer.ticked)
        for words in _good_practice_words(answer):
            row[4].add_paragraph(words)
        row[5].text = "Yes" if answer.support else "No"
    _rag_footer(document, source)
    path = stem.with_suffix(".docx")
    document.save(str(path))
    return path


def _rag_footer(document: Any, source: Source) -> None:
    document.add_paragraph("Return completed by")
    details = document.add_table(rows=3, cols=2)
    details.style = "Table Grid"
    labels = ("Completed by", "Organisation", "Contact details")
    for row, label, key in zip(details.rows, labels, ("name", "organisation", "contact"), strict=True):
        row.cells[0].text, row.cells[1].text = label, source.completed_by[key]
    document.add_paragraph("Sign-off")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Role", "Name", "Signed", "Date"), strict=True):
        cell.text = text
    for role, label in ROLE_LABELS["rag"].items():
        name, _title, signed = source.signatures[role]
        row = table.add_row().cells
        row[0].text, row[1].text = label, name
        _checkbox(row[2], signed)
        row[3].text = "01/07/2013" if signed else ""


# -- sections: a Word table per section, no numbers ----------------------------------------------------------
def write_sections(source: Source, q: Questionnaire, stem: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(f"{source.area} Council and partners")
    document.add_paragraph("Winterbourne View local stocktake: our response")
    section, table = "", None
    for question in q.questions:
        if question.section != section:
            section = question.section
            document.add_heading(f"Section {section} \u2013 {q.section_titles[int(section) - 1]}", 2)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            heads = ("Question", "Where are we now?", "Good practice to share", "Help needed")
            for cell, text in zip(table.rows[0].cells, heads, strict=True):
                cell.text = text
        assert table is not None
        answer = source.answers[question.number]
        row = table.add_row().cells
        row[0].text = REWORDED.get(question.number, question.text)
        row[1].text = answer.text
        if answer.ticked:
            row[2].text = "✓ " + (_good_practice_words(answer) or [""])[0]
        row[3].text = "Yes" if answer.support else ""
    _sections_footer(document, source)
    path = stem.with_suffix(".docx")
    document.save(str(path))
    return path


def _sections_footer(document: Any, source: Source) -> None:
    cb = source.completed_by
    document.add_paragraph(f"This return was completed by: {cb['name']}, {cb['organisation']}")
    document.add_paragraph(f"Telephone / e-mail: {cb['contact']}")
    for role, label in ROLE_LABELS["sections"].items():
        name, title, signed = source.signatures[role]
        document.add_paragraph(label)
        document.add_paragraph(f"Name: {name}")
        document.add_paragraph(f"Position: {title}")
        document.add_paragraph("Signature: " + ("(signed)" if signed else ""))
        document.add_paragraph("Date: " + ("2 July 2013" if signed else ""))


# -- workbook: columns by header only ------------------------------------------------------------------------
_HEADERS = {
    "number": "No.",
    "question": "Question",
    "status": "Progress",
    "evidence": "Comments / evidence",
    "good_practice": "Good practice? (Y/N)",
    "support": "Support required (Y/N)",
}
_ORDERS = (
    ("number", "question", "status", "evidence", "good_practice", "support"),
    ("number", "question", "evidence", "status", "support", "good_practice"),
    ("support", "good_practice", "number", "question", "status", "evidence"),
)
_PROGRESS = {
    "yes": ("Yes", "Complete", "Yes"),
    "partial": ("Partly", "In progress", "Partial"),
    "no": ("No", "Not started", "No"),
    "na": ("N/A", "Not applicable", "n/a"),
    "blank": ("", "", ""),
}


def _workbook_cells(answer: Answer, number: str, text: str, i: int) -> dict[str, Any]:
    good = ""
    if answer.ticked:
        words = _good_practice_words(answer)
        good = f"Y - {words[0]}" if words else ("✓" if i % 2 else "Y")
    elif i % 3 == 0:
        good = "N"
    return {
        "number": float(number),
        "question": text,
        "status": _PROGRESS[answer.statuses[0]][i % 3],
        "evidence": commentary(answer, "workbook"),
        "good_practice": good,
        "support": "Y" if answer.support else ("N" if i % 2 else ""),
    }


def write_workbook(source: Source, q: Questionnaire, stem: Path) -> Path:
    import openpyxl

    order = _ORDERS[source.index % len(_ORDERS)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Stocktake"
    sheet.append([f"{source.area} \u2013 Winterbourne View stocktake June 2013"])
    sheet.append([])
    sheet.append([_HEADERS[key] for key in order])
    section = ""
    for i, question in enumerate(q.questions):
        if question.section != section:
            section = question.section
            sheet.append([""] * order.index("question") + [q.section_titles[int(section) - 1]])
        answer = source.answers[question.number]
        values = _workbook_cells(answer, question.number, question.text, i)
        sheet.append([values[key] for key in order])
    _workbook_sign_off(workbook, source)
    path = stem.with_suffix(".xlsx")
    workbook.save(str(path))
    return path


def _workbook_sign_off(workbook: Any, source: Source) -> None:
    sheet = workbook.create_sheet("Sign off")
    cb = source.completed_by
    sheet.append(["Completed by", cb["name"]])
    sheet.append(["Organisation", cb["organisation"]])
    sheet.append(["Email / phone", cb["contact"]])
    sheet.append([])
    sheet.append(["Signatory", "Name", "Position", "Signed (Y/N)", "Date"])
    for role, label in ROLE_LABELS["workbook"].items():
        name, title, signed = source.signatures[role]
        sheet.append([label, name, title, "Y" if signed else "N", "03/07/2013" if signed else ""])


# -- layout: pdftotext -layout text --------------------------------------------------------------------------
_WIDTHS = (44, 58, 22, 9)
_HEADING = ("Question", "Assessment of current position", "Good practice", "Support")
_PAGE_LINES = 52


def _layout_line(cells: list[str]) -> str:
    out = ""
    for text, width in zip(cells, _WIDTHS, strict=False):
        out += text.ljust(width + 2)
    return out.rstrip()


def _question_lines(answer: Answer, question_text: str, number: str, i: int) -> list[str]:
    shown = question_text if i % 13 == 5 else f"{number} {question_text}"
    columns = [
        wrap(shown, _WIDTHS[0]),
        wrap(answer.text, _WIDTHS[1]) if answer.text else [""],
        wrap(" ".join(["X", *_good_practice_words(answer)]), _WIDTHS[2]) if answer.ticked else [""],
        ["X"] if answer.support else [""],
    ]
    height = max(len(c) for c in columns)
    rows = [[c[k] if k < len(c) else "" for c in columns] for k in range(height)]
    return [_layout_line(r) for r in rows]


def write_layout(source: Source, q: Questionnaire, stem: Path) -> Path:
    lines = [
        f"{source.area.upper()} \u2013 WINTERBOURNE VIEW LOCAL STOCKTAKE",
        "",
        _layout_line(list(_HEADING)),
    ]
    page, section = 1, ""
    for i, question in enumerate(q.questions):
        if question.section != section:
            section = question.section
            lines += ["", f"{section}. {q.section_titles[int(section) - 1]}"]
        block = _question_lines(source.answers[question.number], question.text, question.number, i)
        for line in block:
            if len(lines) >= page * _PAGE_LINES:
                lines += ["", f"Page {page}", "\f" + _layout_line(list(_HEADING))]
                page += 1
            lines.append(line)
    lines += ["", f"Page {page}", "\f"]
    lines += _layout_footer(source)
    path = stem.with_suffix(".txt")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _layout_footer(source: Source) -> list[str]:
    cb = source.completed_by
    lines = [
        "Completed by:",
        f"Name:          {cb['name']}",
        f"Organisation:  {cb['organisation']}",
        f"Contact:       {cb['contact']}",
        "",
        "Signed by:",
    ]
    for role, label in ROLE_LABELS["layout"].items():
        name, title, signed = source.signatures[role]
        mark = "[X]" if signed else "[ ]"
        lines.append(f"{mark} {label.ljust(26)}{name.ljust(26)}{title}")
    return lines
