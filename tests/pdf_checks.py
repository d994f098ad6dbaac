"""What every PDF the service makes must be: tagged PDF/UA-1, with a document title shown as its title and a
language (WCAG 2.2 through PDF techniques PDF3, PDF16 and PDF18). Checked with poppler's ``pdfinfo`` and pypdf."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

_WORD = re.compile(r'<word xMin="(-?[\d.]+)" yMin="-?[\d.]+" xMax="(-?[\d.]+)" yMax="-?[\d.]+">([^<]*)</word>')


def pdfinfo(pdf: bytes) -> dict[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        out = subprocess.run(["pdfinfo", file.name], check=True, capture_output=True, text=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def accessibility_problems(pdf: bytes, *, title: str, language: str = "en") -> list[str]:
    """Why the PDF is not a tagged PDF/UA-1 document titled ``title…`` in ``language`` (none: it is)."""
    from pypdf import PdfReader

    info = pdfinfo(pdf)
    problems = []
    if info.get("Tagged") != "yes":
        problems.append(f"not tagged (pdfinfo says Tagged: {info.get('Tagged')})")
    if not info.get("Title", "").startswith(title):
        problems.append(f"title is {info.get('Title')!r}, expected it to start {title!r}")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    if root.get("/Lang") != language:
        problems.append(f"language is {root.get('/Lang')!r}, expected {language!r}")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("a reader would show the file name, not the title (no DisplayDocTitle)")
    metadata = PdfReader(io.BytesIO(pdf)).xmp_metadata
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
        [(float(a), float(b), word) for a, b, word in _WORD.findall(page)] for page in html.split("<page ")[1:]
    ]
