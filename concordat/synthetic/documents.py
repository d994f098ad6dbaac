"""Build sample completed returns from a Reading, as real word processors write them.

Used by the reading tests and the bench: an HTML table converted by LibreOffice into .odt/.docx/.pdf and
.ods/.xlsx, and python-docx files with Word checkbox content controls or tick characters. No Django.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from concordat.imports.reading.model import Reading
from concordat.imports.reading.questionnaire import Questionnaire
from concordat.returns.vocabulary import SignatoryRole

TICK_VARIANTS = ("✓", "✔", "√", "☒", "x", "X")
# Each signatory role as a sample form labels it (the document's own wording, dotted leader and all).
_SIGNATORY_LABELS: dict[str, str] = {
    SignatoryRole.HWB_CHAIR: "Chair HWB",
    SignatoryRole.CHIEF_EXECUTIVE: "Chief Executive",
    SignatoryRole.CCG: "CCG rep.....",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _paragraphs(evidence: str) -> list[str]:
    """Split an answer into paragraphs of about three sentences, as people write them in a cell."""
    sentences = _SENTENCE.split(evidence)
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)] or [""]


def good_practice_items(reading: Reading, number: str, tick: str = "X") -> list[str]:
    q = reading.questions[number]
    items = [tick] if q.good_practice else []
    if q.good_practice_description:
        items.append(q.good_practice_description)
    if q.attachments:
        items.append("; ".join(q.attachments))
    return items


def footer_lines(reading: Reading, tick: str = "√") -> list[str]:
    lines = ["This document has been completed by"]
    for key in ("name", "organisation", "contact"):
        if reading.completed_by.get(key):
            lines.append(f"{key.capitalize()} {reading.completed_by[key]}")
    lines.append("Signed by:")
    for role, signature in reading.signatures.items():
        lines.append(_SIGNATORY_LABELS.get(role, role))
        name = signature.name + (f", {signature.title}" if signature.title else "")
        lines.append(f"{tick if signature.signed else ''}({name})")
    return lines


def return_html(reading: Reading, questionnaire: Questionnaire, tick: str = "X") -> str:
    e = html.escape
    out = [
        '<html><head><meta charset="utf-8"><title>Stocktake return</title></head><body>',
        f"<p>{e(questionnaire.title)}</p>",
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">',
    ]
    section = ""
    titles = dict(
        zip(
            sorted({q.section for q in questionnaire.questions}, key=int),
            questionnaire.section_titles,
            strict=False,
        )
    )
    for question in questionnaire.questions:
        if question.section != section:
            section = question.section
            heads = questionnaire.column_headings if section == "1" else ("", "", "")
            cells = [f"{section}. {titles.get(section, '')}", *heads]
            out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
        q = reading.questions[question.number]
        evidence = "".join(f"<p>{e(p)}</p>" for p in _paragraphs(q.evidence))
        # One paragraph, items separated by semicolons: a PDF cannot tell paragraphs from wrapped lines.
        gp = f"<p>{e('; '.join(good_practice_items(reading, question.number, tick)))}</p>"
        support = tick if q.support_required else ""
        out.append(
            f'<tr><td width="30%">{e(question.number)} {e(question.text)}</td><td width="45%">{evidence}</td>'
            f'<td width="17%">{gp}</td><td width="8%">{e(support)}</td></tr>'
        )
    out.append("</table>")
    out.extend(f"<p>{e(line)}</p>" for line in footer_lines(reading))
    out.append("</body></html>")
    return "\n".join(out)


def soffice_convert(
    sources: Sequence[Path], target: str, outdir: Path, infilter: str | None = None
) -> list[Path]:
    """Convert files with LibreOffice in one process with its own profile; return the new paths."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"lo_{os.getpid()}_") as profile:
        command = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
        subprocess.run(command, capture_output=True, timeout=600, check=True)  # noqa: S603 fixed arguments
    extension = target.split(":")[0]
    results = [outdir / f"{Path(s).stem}.{extension}" for s in sources]
    missing = [str(p) for p in results if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return results


def write_docx(
    reading: Reading,
    questionnaire: Questionnaire,
    path: Path,
    *,
    checkboxes: bool = True,
    ticks: Iterable[str] = TICK_VARIANTS,
) -> Path:
    """A Word file from python-docx: checkbox content controls (w14:checkbox) or cycling tick characters.

    The sections and the checkbox control are the exported form's (``imports.exporting``): one layout."""
    import docx

    from concordat.imports.exporting.layout import section_rows
    from concordat.imports.exporting.word import add_checkbox

    tick_cycle = list(ticks)
    document = docx.Document()
    document.add_paragraph(questionnaire.title)
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    n = 0

    def tick_cell(cell: object, ticked: bool) -> None:
        nonlocal n
        paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]  # a python-docx table cell
        if checkboxes:
            add_checkbox(paragraph, ticked)
        elif ticked:
            paragraph.add_run(tick_cycle[n % len(tick_cycle)])
            n += 1

    for number, headings in section_rows(questionnaire):
        row = table.add_row().cells
        if headings is not None:  # the section's first row, with the column headings in section 1
            row[0].text = number
            for cell, heading in zip(row[1:], headings, strict=False):
                cell.text = heading
            continue
        q = reading.questions[number]
        row[0].text = f"{number} {questionnaire.by_number()[number].text}"
        paragraphs = _paragraphs(q.evidence)
        row[1].text = paragraphs[0]
        for extra in paragraphs[1:]:
            row[1].add_paragraph(extra)
        tick_cell(row[2], q.good_practice)
        for item in good_practice_items(reading, number)[1 if q.good_practice else 0 :]:
            row[2].add_paragraph(item)
        tick_cell(row[3], q.support_required)
    for line in footer_lines(reading):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf_form(reading: Reading, questionnaire: Questionnaire, path: Path) -> Path:
    """A fillable PDF form (AcroForm) with one text field per answer and checkboxes for the tick columns."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    fields = ArrayObject()
    annotations = ArrayObject()

    def add(name: str, value: str | bool) -> None:
        y = 20 + (len(fields) % 80) * 10
        field = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/T"): TextStringObject(name),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (20, y, 300, y + 9)]),
            }
        )
        if isinstance(value, bool):
            field[NameObject("/FT")] = NameObject("/Btn")
            field[NameObject("/V")] = NameObject("/Yes" if value else "/Off")
            field[NameObject("/AS")] = NameObject("/Yes" if value else "/Off")
        else:
            field[NameObject("/FT")] = NameObject("/Tx")
            field[NameObject("/V")] = TextStringObject(value)
        reference = writer._add_object(field)
        fields.append(reference)
        annotations.append(reference)

    for question in questionnaire.questions:
        q = reading.questions[question.number]
        add(f"{question.number} evidence", q.evidence)
        add(f"{question.number} good_practice", q.good_practice)
        add(
            f"{question.number} good_practice details",
            "; ".join(good_practice_items(reading, question.number)[1 if q.good_practice else 0 :]),
        )
        add(f"{question.number} support", q.support_required)
    for key, value in reading.completed_by.items():
        add(f"completed_by {key}", value)
    for role, signature in reading.signatures.items():
        add(f"{role} name", signature.name + (f", {signature.title}" if signature.title else ""))
        add(f"{role} signed", signature.signed)
    page[NameObject("/Annots")] = annotations
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def varied(reading: Reading, index: int) -> Reading:
    """A different but plausible return: each answer gains a sentence naming the variant."""
    questions = {
        number: replace(
            q,
            evidence=f"{q.evidence} Reviewed at meeting {index}." if q.evidence else "",
            attachments=list(q.attachments),
        )
        for number, q in reading.questions.items()
    }
    return replace(reading, questions=questions, warnings=[])


def scanned_pdf(pdf: Path, path: Path, *, dpi: int = 150) -> Path:
    """An image-only PDF of ``pdf``, as a scanner makes one: each page drawn at ``dpi`` in black and white
    (pdftoppm), the pages put back together as pictures with no text layer (Pillow)."""
    from PIL import Image

    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(prefix="scan_") as tmp:
        command = [exe, "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/page"]
        subprocess.run(command, capture_output=True, timeout=300, check=True)  # noqa: S603 fixed arguments
        pages = [Image.open(p).convert("1") for p in sorted(Path(tmp).glob("page-*.png"))]
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return path
