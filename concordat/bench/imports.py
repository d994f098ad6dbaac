"""``concordat bench import``: files per second for reading returns, and for importing them into a database.

Returns are generated from the Harrow seed (``sample_returns``; LibreOffice time is not counted). Parse-only
timings run here; the full import (read, store, write the answers with provenance) runs in a child process
whose database is a throwaway SQLite file (``DATABASE_URL`` and ``CONCORDAT_VAR_DIR`` point into a temporary
folder), so the demo database is never touched. The floor is the bare library load of the same files.

Targets: 152 .docx read and imported in under 15 s; reading within 3x python-docx's own load. Reading is
timed in-process and also as imports read: in the bounded child (``imports.sandbox``), one child for the
batch, whose start is reported separately.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

from concordat.bench.reading import FLOORS, TARGET_DOCX_RATIO, _time, generate
from concordat.imports.reading import (
    DEFAULT_QUESTIONNAIRE,
    Limits,
    Questionnaire,
    ReadingError,
    load_questionnaire,
    read_document,
)
from concordat.imports.sandbox import DocumentReader
from concordat.seeds import HARROW_RETURN
from concordat.synthetic.documents import varied

SEED = HARROW_RETURN
TARGET_IMPORT_SECONDS = 15.0
FULL_FORMATS = ("docx", "xlsx", "odt")


def run(*, quick: bool, stdout: TextIO, n: int | None = None) -> dict[str, Any]:
    if not SEED.exists():
        stdout.write(f"The Harrow seed ({SEED}) is not here; nothing to bench.\n")
        return {"skipped": "seed not found"}
    n = n or (20 if quick else 152)
    formats = ("docx",) if quick else FULL_FORMATS
    q = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    base = read_document(SEED, questionnaire=q)
    result: dict[str, Any] = {"files_per_format": n, "formats": {}}
    with tempfile.TemporaryDirectory(prefix="concordat_bench_import_") as tmp:
        started = time.perf_counter()
        stdout.write(f"Generating {n} returns as {', '.join(formats)} (not timed)...\n")
        files = generate([varied(base, i) for i in range(n)], q, formats, Path(tmp) / "files")
        result["generate_seconds"] = round(time.perf_counter() - started, 1)
        for fmt, paths in files.items():
            parse_s = _time(lambda p: read_document(p, questionnaire=q), paths)
            floor_s = _time(FLOORS[fmt], paths)
            start_s, bounded_s = _bounded(paths, q)
            result["formats"][fmt] = {
                "files": len(paths),
                "parse_seconds": round(parse_s, 3),
                "parse_files_per_second": round(len(paths) / parse_s, 1),
                "floor_seconds": round(floor_s, 3),
                "floor_files_per_second": round(len(paths) / floor_s, 1),
                "parse_to_floor_ratio": round(parse_s / floor_s, 2),
                "bounded_child_start_seconds": round(start_s, 3),
                "bounded_parse_seconds": round(bounded_s, 3),
                "bounded_to_floor_ratio": round(bounded_s / floor_s, 2),
            }
            stdout.write(
                f"  {fmt}: parse {len(paths) / parse_s:.1f} files/s, "
                f"bare load {len(paths) / floor_s:.1f} files/s (ratio {parse_s / floor_s:.2f}); "
                f"in the bounded child {len(paths) / bounded_s:.1f} files/s "
                f"(ratio {bounded_s / floor_s:.2f}, plus {start_s:.2f} s once to start it)\n"
            )
        manifest = Path(tmp) / "manifest.json"
        manifest.write_text(json.dumps({fmt: [str(p) for p in paths] for fmt, paths in files.items()}))
        stdout.write("Importing into a throwaway SQLite database...\n")
        imported = _import_in_child(manifest, Path(tmp) / "db")
        for fmt, figures in imported.items():
            entry = result["formats"][fmt]
            entry.update(figures)
            stdout.write(
                f"  {fmt}: full import {figures['import_files_per_second']} files/s "
                f"({figures['import_seconds']} s for {entry['files']})\n"
            )
    docx = result["formats"].get("docx")
    if docx:
        result["docx_target_ratio"] = TARGET_DOCX_RATIO
        result["docx_within_ratio_target"] = docx["parse_to_floor_ratio"] <= TARGET_DOCX_RATIO
        scaled = docx["import_seconds"] * 152 / docx["files"]
        result["docx_152_import_seconds"] = round(scaled, 2)
        result["docx_within_import_target"] = scaled < TARGET_IMPORT_SECONDS
    return result


def _bounded(paths: list[Path], q: Questionnaire) -> tuple[float, float]:
    """Seconds to start the batch's bounded child (its first, empty call), then to read every file in it."""
    with DocumentReader(Limits()) as reader:
        started = time.perf_counter()
        with contextlib.suppress(ReadingError):
            reader.read(b"", "start.txt", q)  # refused at once: this times the child's start alone
        start_s = time.perf_counter() - started
        return start_s, _time(lambda p: reader.read(p, p.name, q), paths)


def _import_in_child(manifest: Path, var_dir: Path) -> dict[str, dict[str, Any]]:
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "CONCORDAT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "concordat.settings",
        "CONCORDAT_FAST_HASHER": "1",
    }
    done = subprocess.run(  # noqa: S603  # our own module, fixed arguments
        [sys.executable, "-m", "concordat.bench.imports", str(manifest)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"The import bench failed:\n{done.stderr[-3000:]}")
    figures: dict[str, dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _child(manifest: Path) -> dict[str, dict[str, Any]]:
    """In the child process: migrate the throwaway database, then time import_file on every file."""
    import django

    django.setup()
    from django.core.management import call_command

    from concordat.accounts.personas import create_personas
    from concordat.areas.models import Area
    from concordat.areas.reference import load_areas
    from concordat.imports.actions import NEEDS_REVIEW, confirm_import, import_file, system_user
    from concordat.imports.models import ImportedDocument
    from concordat.returns.actions import create_round, open_round
    from concordat.returns.demo import ensure_stocktake_round

    call_command("migrate", verbosity=0, interactive=False)
    load_areas()
    personas = create_personas()
    first = ensure_stocktake_round(personas["nadia"])
    areas = list(Area.objects.current(first.opens_on).order_by("ons_code"))
    user = system_user()
    out: dict[str, dict[str, Any]] = {}
    reader = DocumentReader(Limits())  # one bounded child for the whole batch, as import-returns has
    for fmt, paths in json.loads(manifest.read_text()).items():
        # A fresh round per format, so every format writes every answer (no "unchanged" shortcuts).
        rnd = create_round(
            slug=f"bench-{fmt}",
            title=f"Bench ({fmt})",
            questionnaire=first.questionnaire,
            opens_on=first.opens_on,
            deadline=first.deadline,
            acting_user=user,
        )
        rnd = open_round(rnd, acting_user=user)
        started = time.perf_counter()
        review = 0
        for i, path in enumerate(paths):
            # One return per area, as in a real round; the area is given, as with --area.
            outcome = import_file(
                path,
                round=rnd,
                area=areas[i % len(areas)],
                acting_user=user,
                name=f"{i}.{fmt}",
                reader=reader,
            )
            if outcome.result == NEEDS_REVIEW:  # a person would confirm it: count that write too
                review += 1
                assert outcome.document_id is not None
                confirm_import(ImportedDocument.objects.get(pk=outcome.document_id), acting_user=user)
        seconds = time.perf_counter() - started
        out[fmt] = {
            "import_seconds": round(seconds, 3),
            "import_files_per_second": round(len(paths) / seconds, 1),
            "import_needed_review": review,
            "import_children_started": reader.children_started,
        }
    reader.close()
    return out


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]))))
