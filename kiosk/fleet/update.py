"""`kiosk update --repo URL`: fetch, verify (python-tuf ngclient), unpack, check and switch to a new release.

A short-lived process of its own, run by a timer (deploy/): the kiosk never touches the network.
Whatever goes wrong, the content in use stays, and one line says why.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk import command_name
from kiosk.core.resources import user_folder
from kiosk.fleet.archive import ArchiveRefused, Limits
from kiosk.fleet.releases import (
    CURRENT,
    PREVIOUS,
    RELEASES,
    free_bytes,
    fsync_folder,
    read_pointer,
    record_update,
    release_name,
    release_number,
    write_pointer,
)

log = logging.getLogger("kiosk.update")
HELD = "held-back"  # after a rollback: the release not to install again
LOCK = "update.lock"  # held while an update or a rollback works on the folder
TARGET = "content.tar.gz"  # kiosk.fleet.repository.TARGET (not imported: it imports tuf's writers)
DESCRIPTION = """\
Install the newest content release from a TUF repository (made by `kiosk publish`). The
metadata is refreshed and verified by python-tuf, the archive downloaded and checked against
its signed hash and length, unpacked into a new folder beside the current one (no absolute
paths, no '..', no links, size limits), checked like `kiosk check`, and only then made current
by replacing the one-line pointer file SITE/current. The kiosk, started with --content SITE,
loads it at its next reset between patients. Refused updates keep the current content and print
one line. The first run needs --root: the repository's 1.root.json, copied from the publishing
machine (not downloaded), which all later metadata must chain to.

  kiosk update --rollback   go back to the previous release (and do not install the one left
                            until a newer one is published)"""


class UpdateRefused(Exception):
    """An update that did not happen (one line; the content in use stays)."""


def default_site() -> Path:
    """Return the default fleet folder: `fleet` in the user's data folder (KIOSK_SITE_DIR overrides)."""
    import os

    if os.environ.get("KIOSK_SITE_DIR"):
        return Path(os.environ["KIOSK_SITE_DIR"])
    return user_folder("data", "KIOSK_DATA_DIR") / "fleet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk update`."""
    parser.add_argument("--repo", metavar="URL",
                        help="the repository's address (http(s)://host/path, the folder REPO_DIR)")
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="this kiosk's fleet folder (start the kiosk with --content DIR); "
                        "default: fleet in the user's data folder")
    parser.add_argument("--root", type=Path, metavar="ROOT.json",
                        help="first run only: the trusted root metadata (the repository's 1.root.json)")
    parser.add_argument("--rollback", action="store_true",
                        help="go back to the previous release instead of updating")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the kiosk's settings file (the content check reads reading_grade_max)")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                        help="give up when the server is silent this long, or takes 10x this in all")
    parser.add_argument("--max-mb", type=int, default=500, metavar="MB",
                        help="the largest release accepted, unpacked (default 500)")
    parser.add_argument("--verbose", action="store_true", help="log details to stderr")


def _fetcher(timeout: float) -> Any:
    """Return python-tuf's urllib3 fetcher with a per-read timeout and an overall deadline."""
    from tuf.api.exceptions import SlowRetrievalError
    from tuf.ngclient import Urllib3Fetcher

    class DeadlineFetcher(Urllib3Fetcher):
        """A server that trickles bytes to stay under the read timeout still runs out of time."""

        def _fetch(self, url: str) -> Iterator[bytes]:
            deadline = time.monotonic() + 10 * timeout
            chunks = super()._fetch(url)

            def limited() -> Iterator[bytes]:
                for chunk in chunks:
                    if time.monotonic() > deadline:
                        raise SlowRetrievalError(f"{url} took longer than {10 * timeout:g} s")
                    yield chunk
            return limited()

    return DeadlineFetcher(socket_timeout=max(1, round(timeout)), app_user_agent="acupuncture-kiosk")


def _explain(exc: BaseException) -> str:
    """Return one line for a failure of python-tuf or the network."""
    from tuf.api import exceptions as tuf_errors

    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(chain) < 10:
        chain.append(link)
        link = link.__cause__ or link.__context__
        if link is not None and hasattr(link, "reason") and isinstance(link.reason, BaseException):
            chain.append(link.reason)
    names = " ".join(type(item).__name__ for item in chain)
    if "NewConnectionError" in names or "ConnectionRefused" in names:  # (urllib3 calls it a timeout)
        reason = next(i for i in chain
                      if "NewConnection" in type(i).__name__ or "Refused" in type(i).__name__)
        return f"the repository cannot be reached ({reason})"
    if "ProtocolError" in names or "IncompleteRead" in names:
        return f"the download broke off before its end ({chain[-1]})"
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        return f"the repository's metadata has expired (a frozen or stale repository): {exc}"
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        return f"a wrong or missing signature: {exc}"
    if isinstance(exc, tuf_errors.BadVersionNumberError):
        return f"the repository offers older metadata than this kiosk has seen (rollback): {exc}"
    if isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        return f"a file does not match its signed hash or length (changed or incomplete): {exc}"
    if isinstance(exc, tuf_errors.SlowRetrievalError):
        return f"the server answers too slowly: {exc or 'timed out'}"
    if isinstance(exc, tuf_errors.DownloadHTTPError):
        return f"the server answered HTTP {exc.status_code}"
    if isinstance(exc, tuf_errors.DownloadLengthMismatchError):
        return f"a download is longer than its signed length: {exc}"
    if isinstance(exc, tuf_errors.DownloadError | tuf_errors.RepositoryError):
        return f"{type(exc).__name__}: {exc}"
    return f"the repository cannot be reached ({type(chain[-1]).__name__}: {chain[-1]})"


def update(site: Path, repo_url: str, root_file: Path | None = None, timeout: float = 20.0,
           limits: Limits | None = None, config_file: Path | None = None) -> str:
    """Install the repository's newest release into `site`; return one line; UpdateRefused if not."""
    from tuf.api import exceptions as tuf_errors
    from tuf.ngclient import Updater

    limits = limits or Limits()
    trusted = site / "tuf"
    trusted.mkdir(parents=True, exist_ok=True)
    (site / RELEASES).mkdir(exist_ok=True)
    downloads = site / "downloads"
    downloads.mkdir(exist_ok=True)
    if not (trusted / "root.json").is_file():
        if root_file is None:
            raise UpdateRefused(f"no trusted root in {trusted}: run once with --root ROOT.json (the "
                                "repository's 1.root.json, copied from the publishing machine)")
        try:
            shutil.copyfile(root_file, trusted / "root.json")
        except OSError as exc:
            raise UpdateRefused(f"cannot read the trusted root {root_file} ({exc.strerror})") from None
    base = repo_url.rstrip("/")
    try:
        updater = Updater(metadata_dir=str(trusted), metadata_base_url=f"{base}/metadata/",
                          target_dir=str(downloads), target_base_url=f"{base}/targets/",
                          fetcher=_fetcher(timeout), bootstrap=None)
        updater.refresh()
        info = updater.get_targetinfo(TARGET)
    except (tuf_errors.RepositoryError, tuf_errors.DownloadError, OSError, ValueError) as exc:
        raise UpdateRefused(_explain(exc)) from None
    except Exception as exc:  # urllib3's own errors (a connection refused, reset or cut short)
        raise UpdateRefused(_explain(exc)) from None
    if info is None:
        raise UpdateRefused(f"the repository offers no content yet (run `{command_name()} publish`)")
    number = int(info.custom.get("release", 0)) if isinstance(info.custom, dict) else 0
    current = read_pointer(site)
    in_use = release_number(current)
    held = release_number(read_pointer(site, HELD))
    if number < in_use:
        raise UpdateRefused(f"the repository offers release {number}, older than release {in_use} "
                            "in use (rollback refused)")
    if number == in_use or number <= held:
        return f"up to date: release {in_use} in use" + (
            f" (release {held} held back after a rollback)" if number <= held and held else "")
    if info.length + limits.free_margin > free_bytes(site):
        raise UpdateRefused(f"the disk is full: release {number} needs {info.length:,} bytes to "
                            f"download, {free_bytes(site):,} are free")
    archive = downloads / f"{release_name(number)}.tar.gz"
    try:
        updater.download_target(info, str(archive))
    except (tuf_errors.RepositoryError, tuf_errors.DownloadError) as exc:
        raise UpdateRefused(_explain(exc)) from None
    except OSError as exc:
        raise UpdateRefused(f"the download cannot be stored ({exc.strerror}): is the disk full?") from None
    except Exception as exc:
        raise UpdateRefused(_explain(exc)) from None
    try:
        return _install(site, archive, number, current, limits, config_file)
    finally:
        archive.unlink(missing_ok=True)


def _install(site: Path, archive: Path, number: int, current: str, limits: Limits,
             config_file: Path | None) -> str:
    """Unpack, check, and switch the pointer; the folder is removed again if anything fails."""
    from kiosk.fleet.archive import unpack

    releases = site / RELEASES
    name = release_name(number)
    incoming = releases / f".incoming-{name}"
    shutil.rmtree(incoming, ignore_errors=True)
    try:
        files = unpack(archive, incoming, limits)
        problems = _content_errors(incoming, config_file)
        if problems:
            raise UpdateRefused(f"release {number} fails the content check: {problems}")
        final = releases / name
        shutil.rmtree(final, ignore_errors=True)  # a half-kept copy from an interrupted run
        incoming.rename(final)
        fsync_folder(releases)
    except ArchiveRefused as exc:
        raise UpdateRefused(f"release {number}: {exc}") from None
    except OSError as exc:
        raise UpdateRefused(f"release {number} cannot be unpacked ({exc})") from None
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
    if current:
        write_pointer(site, current, PREVIOUS)
    write_pointer(site, name, CURRENT)  # the switch: one rename of a one-line file
    fsync_folder(site)
    _prune(site, keep={name, current})
    return f"installed release {number} ({files} files)" + (f", was {current}" if current else "")


def _content_errors(root: Path, config_file: Path | None) -> str:
    """Return the content check's errors as one line ("" when there are none)."""
    from kiosk.checks.content_check import check_content
    from kiosk.core.config import load_config

    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        report = check_content(root, load_config(config_file).config)
    finally:
        logging.disable(previous)
    errors = [problem for problem in report.problems if problem.severity == "error"]
    if not errors:
        return ""
    first = errors[0]
    relative = first.path.relative_to(root) if first.path.is_relative_to(root) else first.path
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{relative}:{first.line}: {first.message}{more}"


def _prune(site: Path, keep: set[str]) -> None:
    """Remove releases other than the current and previous (and the newest one before them)."""
    folders = sorted((p for p in (site / RELEASES).iterdir() if p.is_dir() and release_number(p.name)),
                     key=lambda p: release_number(p.name))
    extra = [p for p in folders if p.name not in keep]
    for old in extra[:-1]:  # one more stays: a kiosk may still be showing it to a patient
        shutil.rmtree(old, ignore_errors=True)


def rollback(site: Path) -> str:
    """Make the previous release current again; return one line; UpdateRefused when there is none."""
    current, previous = read_pointer(site), read_pointer(site, PREVIOUS)
    if not previous or not (site / RELEASES / previous).is_dir():
        raise UpdateRefused(f"no previous release in {site} to go back to")
    write_pointer(site, current, HELD)  # not installed again by the next timer run
    write_pointer(site, current, PREVIOUS)
    write_pointer(site, previous, CURRENT)
    fsync_folder(site)
    return f"rolled back to {previous} (was {current}; it stays held back until a newer release)"


def _start_logging(verbose: bool) -> tuple[list[logging.Handler], int]:
    """Log to update.log in the log folder (stderr too with --verbose); return the handlers, old level."""
    from kiosk.logs import LogFile, log_dir

    handlers: list[logging.Handler] = []
    if verbose and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(
            f"{command_name()} update: %(levelname)s %(name)s: %(message)s"))
        handlers.append(console)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(LogFile(folder / "update.log"))
        handlers[-1].setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        pass
    root = logging.getLogger()
    level = root.level
    root.setLevel(min(level or logging.INFO, logging.INFO))
    for handler in handlers:
        root.addHandler(handler)
    return handlers, level


def _stop_logging(handlers: list[logging.Handler], level: int) -> None:
    root = logging.getLogger()
    for handler in handlers:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def run(options: argparse.Namespace) -> int:
    """Run `kiosk update`; 0 when up to date or installed, 1 when refused (one line on stderr)."""
    handlers, level = _start_logging(options.verbose)
    try:
        return _run(options)
    finally:
        _stop_logging(handlers, level)


def _run(options: argparse.Namespace) -> int:
    from filelock import FileLock, Timeout

    site = (options.site or default_site()).expanduser()
    program = f"{command_name()} update"
    try:
        site.mkdir(parents=True, exist_ok=True)
        # One update at a time on a folder: a timer run that comes while a slow one (or a
        # rollback by hand) is still at work leaves it alone. The system frees the lock when
        # its process ends, however it ends.
        with FileLock(site / LOCK, blocking=False):
            return _run_locked(options, site, program)
    except Timeout:  # (not recorded: the update at work records its own result)
        return _refused(site, program, f"refused: another {program} is working on {site}; it is "
                        f"left to finish, {_keeping(site)}", record=False, level=logging.WARNING)
    except OSError as exc:
        return _refused(site, program, f"refused: {exc}; {_keeping(site)}", record=False)


def _run_locked(options: argparse.Namespace, site: Path, program: str) -> int:
    try:
        if options.rollback:
            line = rollback(site)
        else:
            if not options.repo:
                raise UpdateRefused("give the repository's address with --repo URL")
            limits = Limits(total_bytes=options.max_mb * 1_000_000)
            line = update(site, options.repo, options.root, options.timeout, limits, options.config)
    except UpdateRefused as exc:
        return _refused(site, program, f"refused: {exc}; {_keeping(site)}", record=True)
    log.info("%s", line)
    _record(site, line, success=True)
    print(f"{program}: {line}", file=sys.stderr)
    return 0


def _keeping(site: Path) -> str:
    return f"keeping {read_pointer(site) or 'the content in use'}"


def _refused(site: Path, program: str, line: str, record: bool, level: int = logging.ERROR) -> int:
    """Say why nothing changed: in the log, on stderr and (`record`) in last-update.json; 1."""
    log.log(level, "%s", line)
    if record:
        _record(site, line, success=False)
    print(f"{program}: {line}", file=sys.stderr)
    return 1


def _record(site: Path, line: str, success: bool) -> None:
    try:
        record_update(site, line, success)
    except OSError as exc:
        log.warning("cannot record the update in %s (%s)", site, exc)
