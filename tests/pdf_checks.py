"""What every PDF the service makes must be: tagged PDF/UA-1, with a document title shown as its title and
a language (WCAG 2.2 through PDF techniques PDF3, PDF16 and PDF18). Checked with
poppler's pdfinfo and pypdf."""

import io
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

_WORD = re.compile(
    r'<word xMin="(-?[\d.]+)" yMin="-?[\d.]+" xMax="(-?[\d.]+)" yMax="-?[\d.]+">([^<]*)</word>'
)


def pdfinfo(pdf: bytes) -> dict[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        out = subprocess.run(["pdfinfo", file.name], check=True, capture_output=True, text=True).stdout
    return {
        key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())
    }


def accessibility_problems(pdf: bytes, *, title: str, language: str = "en") -> list[str]:
    """Why the PDF is not a tagged PDF/UA-1 document titled ``title…`` in ``language`` (none: it is)."""
    from pypdf import PdfReader

    info = pdfinfo(pdf)
    problems = []
    if info.get("Tagged") != "yes":
        problems.append(f"not tagged (pdfinfo says Tagged: {info.get('Tagged')})")
    if not info.get("Title", "").startswith(title):
        problems.append(f"title is {info.get('Title')!r}, expected it to start {title!r}")
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    if root.get("/Lang") != language:
        problems.append(f"language is {root.get('/Lang')!r}, expected {language!r}")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("a reader would show the file name, not the title (no DisplayDocTitle)")
    metadata = reader.xmp_metadata
    if metadata is None or 'pdfuaid:part="1"' not in metadata.rdf_root.toxml():
        problems.append("not declared PDF/UA-1 in its XMP metadata")
    return problems


def words_by_page(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's words with their left and right edges in points, from poppler's bounding boxes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    return [
        [(float(a), float(b), word) for a, b, word in _WORD.findall(page)]
        for page in html.split("<page ")[1:]
    ]


def figure_alternatives(pdf: bytes) -> list[str]:
    """The alternative text of each Figure in the PDF's structure tree, in reading order ("" for none)."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject

    found: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if node.get("/S") == "/Figure":
                found.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    root: Any = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    walk(root["/StructTreeRoot"])
    return found
