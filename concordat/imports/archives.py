"""Collecting the files to import: plain files, folders, and .zip archives unpacked safely.

An archive is checked whole before anything is imported from it: too many members, a path that climbs out
(``../``) or starts at the root, or more unpacked bytes than the limit (declared or actually read) refuse the
whole archive. macOS and Windows junk (``__MACOSX/``, ``._*``, ``.DS_Store``, ``Thumbs.db``, ``~$`` lock
files) is skipped. Members are written to a private temporary folder under numbered names, never their own.
"""

import tempfile
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from concordat.imports.reading import safety

MAX_ARCHIVE_MEMBERS = 1000
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # members over 1 MB compressed more tightly than this are bombs
JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}


class ArchiveRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Source:
    """One file to import: ``path`` on disk, ``name`` as the person knows it (``archive.zip/harrow.docx``)."""

    path: Path
    name: str

    @property
    def filename(self) -> str:
        return PurePosixPath(self.name).name


def is_junk(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(p == "__MACOSX" for p in parts):
        return True
    base = parts[-1] if parts else ""
    return base.lower() in JUNK_NAMES or base.startswith(("._", "~$", "."))


def _unsafe(name: str) -> bool:
    posix = PurePosixPath(name.replace("\\", "/"))
    return posix.is_absolute() or ".." in posix.parts or bool(PureWindowsPath(name).drive) or "\x00" in name


def unpack_zip(archive: Path, into: Path) -> list[Source]:
    try:
        zf = zipfile.ZipFile(archive)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ArchiveRefused("The archive is damaged or not a zip file.") from exc
    with zf:
        members = _members_to_unpack(infos)
        written = _Budget()
        sources = []
        for n, info in enumerate(members):
            target = into / f"{n:04d}"
            _unpack_member(zf, info, target, written)
            sources.append(Source(target, f"{archive.name}/{info.filename}"))
        return sources


def _members_to_unpack(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The files worth importing, after refusing the whole archive on what its directory declares."""
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise ArchiveRefused(f"The archive holds {len(infos)} files; the limit is {MAX_ARCHIVE_MEMBERS}.")
    unsafe = [i.filename for i in infos if _unsafe(i.filename)]
    if unsafe:
        raise ArchiveRefused(
            f"The archive has a file path that leads outside it ({unsafe[0]!r}); nothing was imported."
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise ArchiveRefused("The archive is password-protected. Zip the files again without a password.")
    members = [i for i in infos if not i.is_dir() and not is_junk(i.filename)]
    declared = sum(i.file_size for i in members)
    if declared > MAX_ARCHIVE_BYTES:
        raise ArchiveRefused(
            f"The archive would unpack to more than {MAX_ARCHIVE_BYTES // 1024 // 1024} MB; nothing was "
            "imported."
        )
    for info in members:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveRefused(
                f"{info.filename} is compressed suspiciously tightly (a zip bomb?); nothing was imported."
            )
    return members


class _Budget:
    """Bytes actually unpacked from the whole archive so far: declared sizes can lie."""

    def __init__(self) -> None:
        self.total = 0

    def spend(self, size: int) -> None:
        self.total += size
        if self.total > MAX_ARCHIVE_BYTES:
            raise ArchiveRefused(
                f"The archive unpacks to more than {MAX_ARCHIVE_BYTES // 1024 // 1024} MB; "
                "nothing was imported."
            )


def _unpack_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: _Budget) -> None:
    limit = safety.MAX_BYTES + 1  # a member over the upload limit is kept short and fails on its own
    try:
        with zf.open(info) as member, open(target, "wb") as out:
            written = 0
            while written < limit and (chunk := member.read(min(1 << 16, limit - written))):
                written += len(chunk)
                budget.spend(len(chunk))
                out.write(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise ArchiveRefused(f"{info.filename} in the archive is damaged; nothing was imported.") from exc


def collect(paths: list[Path], stack: ExitStack) -> tuple[list[Source], list[tuple[str, str]]]:
    """Every file to import, and (name, reason) for each path or archive that was refused whole.

    Archives unpack into temporary folders that live as long as ``stack``.
    """
    sources: list[Source] = []
    refused: list[tuple[str, str]] = []

    def add(path: Path, name: str) -> None:
        if path.suffix.lower() != ".zip":
            sources.append(Source(path, name))
            return
        into = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="concordat_import_")))
        try:
            sources.extend(unpack_zip(path, into))
        except ArchiveRefused as exc:
            refused.append((name, exc.message))

    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path).as_posix()
                if not is_junk(relative):
                    add(child, f"{path.name}/{relative}")
        elif path.is_file():
            add(path, path.name)
        else:
            refused.append((str(path), "No such file or folder."))
    return sources, refused
