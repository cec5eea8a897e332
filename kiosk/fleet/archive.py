"""Release archives: content packed as one .tar.gz, and unpacked only if it stays inside its folder."""

from __future__ import annotations

import errno
import os
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_FILES = 20_000
MAX_FILE_BYTES = 50_000_000  # a picture or page larger than this is not patient content
MAX_TOTAL_BYTES = 500_000_000
FREE_MARGIN_BYTES = 20_000_000  # left free on the disk after unpacking (logs, the status file)
_CHUNK = 1 << 16


class ArchiveRefused(Exception):
    """An archive that is not unpacked (said in one line: what, and which entry)."""


@dataclass(frozen=True)
class Limits:
    """The most an archive may hold."""

    files: int = MAX_FILES
    file_bytes: int = MAX_FILE_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    free_margin: int = FREE_MARGIN_BYTES


def pack(content: Path, archive: Path) -> int:
    """Pack the content folder's files (not hidden ones) into `archive`; return how many.

    The archive is reproducible (sorted, no owners, fixed times) and holds only folders and
    regular files; a link in the content is refused (it could point anywhere on a kiosk).
    """
    count = 0
    with tarfile.open(archive, "w:gz", format=tarfile.PAX_FORMAT, compresslevel=9) as tar:
        for path in sorted(content.rglob("*")):
            relative = path.relative_to(content)
            if any(part.startswith(".") for part in relative.parts):
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                raise ArchiveRefused(f"{path} is a link; copy the file itself into the content")
            if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
                raise ArchiveRefused(f"{path} is not a file or a folder")
            entry = tar.gettarinfo(str(path), arcname=relative.as_posix())
            entry.uid = entry.gid = 0
            entry.uname = entry.gname = ""
            entry.mtime = 0
            entry.mode = 0o755 if entry.isdir() else 0o644
            if entry.isdir():
                tar.addfile(entry)
            else:
                with open(path, "rb") as stream:
                    tar.addfile(entry, stream)
                count += 1
    return count


def _safe_name(name: str) -> PurePosixPath:
    """Return an entry's relative path, or raise ArchiveRefused when it could leave its folder."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or (
            len(name) > 1 and name[1] == ":"):
        raise ArchiveRefused(f"archive entry '{name}' has an absolute or unsafe path")
    path = PurePosixPath(name)
    if any(part == ".." for part in path.parts):
        raise ArchiveRefused(f"archive entry '{name}' tries to leave its folder ('..')")
    parts = [part for part in path.parts if part not in (".", "")]
    if not parts:
        raise ArchiveRefused(f"archive entry '{name}' has no name")
    return PurePosixPath(*parts)


def unpack(archive: Path, destination: Path, limits: Limits | None = None) -> int:
    """Unpack `archive` into the new folder `destination`; return the number of files.

    Refused (ArchiveRefused, nothing left behind by the caller's clean-up) for: an absolute path,
    `..`, a link of any kind, a device or other special entry, too many or too large files, more
    than the disk has free (keeping a margin), and a disk that fills while writing.
    """
    limits = limits or Limits()
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveRefused(f"the archive cannot be read ({exc})") from None
    with tar:
        try:
            members = tar.getmembers()
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ArchiveRefused(f"the archive is damaged ({exc})") from None
        files = 0
        total = 0
        for member in members:
            _safe_name(member.name)
            if member.issym() or member.islnk():
                raise ArchiveRefused(f"archive entry '{member.name}' is a link")
            if not (member.isfile() or member.isdir()):
                raise ArchiveRefused(f"archive entry '{member.name}' is not a file or a folder")
            if member.isfile():
                files += 1
                total += member.size
                if member.size > limits.file_bytes:
                    raise ArchiveRefused(f"archive entry '{member.name}' is {member.size:,} bytes "
                                         f"(at most {limits.file_bytes:,})")
        if files > limits.files:
            raise ArchiveRefused(f"the archive holds {files:,} files (at most {limits.files:,})")
        if total > limits.total_bytes:
            raise ArchiveRefused(f"the archive unpacks to {total:,} bytes (at most {limits.total_bytes:,})")
        destination.mkdir(parents=True, exist_ok=False)
        import shutil

        free = shutil.disk_usage(destination).free
        if total + limits.free_margin > free:
            raise ArchiveRefused(f"the disk is full: unpacking needs {total:,} bytes and leaves "
                                 f"{limits.free_margin:,}, but only {free:,} are free")
        for member in members:
            target = destination.joinpath(*_safe_name(member.name).parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_member(tar, member, target)
    return files


def _write_member(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    source = tar.extractfile(member)
    if source is None:
        raise ArchiveRefused(f"archive entry '{member.name}' cannot be read")
    written = 0
    try:
        with source, open(target, "xb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > member.size:
                    raise ArchiveRefused(f"archive entry '{member.name}' is longer than it says")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise ArchiveRefused(f"the disk is full (writing '{member.name}': {exc.strerror})") from None
        raise ArchiveRefused(f"cannot write '{member.name}' ({exc})") from None
    except (tarfile.TarError, EOFError) as exc:
        raise ArchiveRefused(f"the archive is damaged at '{member.name}' ({exc})") from None
