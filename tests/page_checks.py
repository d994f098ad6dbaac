"""The checks the accessibility browser run makes on each page, beside axe-core (tests/browser.py).

- **Reflow** (WCAG 1.4.10): at 320 CSS px nothing makes the page scroll sideways; a wide table scrolls inside
  its own box (``.concordat-table-scroll``, made by govuk's init.js).
- **Typeface**: every piece of text is in the GOV.UK typeface (a ``font-family: inherit`` once fell back to
  the browser's serif on the public commitment updates).
- **HTML**: the Nu HTML Checker (vnu, from the npm package vnu-jar: ``make vnu``), run once over every page
  collected, since Java's start-up dominates.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / "var/node/node_modules/vnu-jar/build/dist/vnu.jar")
NARROW = 320

_OFF_TYPEFACE = """() => [...document.querySelectorAll('body *')]
  .filter(e => !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName) && !e.closest('svg')
               && e.getClientRects().length
               && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => [e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''),
             getComputedStyle(e).fontFamily])
  .filter(([, f]) => !/GDS Transport|arial|monospace/i.test(f))
  .slice(0, 3)"""


def vnu_missing() -> str | None:
    """Why the HTML checker cannot run here, if it cannot."""
    if not shutil.which("java"):
        return "Java is not installed (make system-deps)"
    if not VNU_JAR.exists():
        return f"the Nu HTML Checker is not at {VNU_JAR} (make vnu, or set VNU_JAR)"
    return None


def vnu_version() -> str:
    out = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--version"], capture_output=True, text=True, timeout=60
    )
    return out.stdout.strip()


def vnu_errors(pages: dict[str, bytes]) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors on each page (keyed as given), from one run over them all."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = os.environ.get("VNU_KEEP_PAGES") or temporary  # a folder to keep the pages in, to look at
        names = {}
        for index, (key, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{index:03d}.html"
            path.write_bytes(html)
            names[path.name] = key
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", folder],
            capture_output=True,
            timeout=600,
        )
    found: dict[str, list[str]] = {}
    for m in json.loads(result.stderr or b'{"messages": []}')["messages"]:
        key = names.get(Path(m.get("url", "")).name, m.get("url", "?"))
        found.setdefault(key, []).append(
            f"line {m.get('lastLine')}: {m.get('message')} {m.get('extract', '')!r}"
        )
    return found


def layout_problems(page: Any) -> list[str]:
    """Text off the GOV.UK typeface now, and sideways scrolling once the page is 320 CSS px wide."""
    problems = [
        f"{where} is in {family}, not the GOV.UK typeface" for where, family in page.evaluate(_OFF_TYPEFACE)
    ]
    page.set_viewport_size({"width": NARROW, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('main *')]
               .filter(e => e.getBoundingClientRect().right > w + 1)
               .map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0]).slice(0, 4)""",
            NARROW,
        )
        problems.append(f"{width} CSS px wide at a {NARROW} px viewport (widest: {wide})")
    return problems
