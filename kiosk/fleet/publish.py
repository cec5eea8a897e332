"""`kiosk publish CONTENT_DIR REPO_DIR`: check the pages, pack them as the next release, sign it with TUF."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kiosk import command_name
from kiosk.fleet.keys import KeyProblem, KeyRing, default_keys_dir, refuse_keys_inside

DESCRIPTION = """\
Publish content to the kiosks. Runs `kiosk check` on CONTENT_DIR (an error stops the publish),
packs it as the next numbered release (one .tar.gz) and adds it to the TUF repository in
REPO_DIR, signed with the keys from `kiosk keys init` (root, targets, snapshot and timestamp
metadata with expiry dates; a new repository is made the first time). Serve REPO_DIR as static
files (any web server, object store or shared folder); kiosks fetch it with `kiosk update`.

  kiosk publish --renew REPO_DIR   signs the metadata again with new expiry dates, changing no
                                   content: run it at least weekly (the timestamp lasts 7 days)."""


class PublishRefused(Exception):
    """Nothing was published (said in one line)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk publish`."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="CONTENT_DIR REPO_DIR",
                        help="the content folder (en/, es/, images/ ...) and the repository folder")
    parser.add_argument("--keys", type=Path, metavar="DIR",
                        help="the private key folder (default: signing-keys in the user's config folder)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file the check reads reading_grade_max from")
    parser.add_argument("--renew", action="store_true",
                        help="only sign the repository's metadata again with new expiry dates")
    parser.add_argument("--timestamp-days", type=float, default=None, metavar="DAYS",
                        help="how long the timestamp signature holds (default 7)")


def check_content_or_refuse(content: Path, config_file: Path | None = None) -> str:
    """Run the content check on `content`; PublishRefused (with the problems printed) on an error."""
    from kiosk.checks.content_check import check_content
    from kiosk.core.config import load_config

    if not content.is_dir():
        raise PublishRefused(f"{content} is not a folder")
    report = check_content(content, load_config(config_file).config)
    if report.errors:
        for problem in report.problems:
            if problem.severity == "error":
                print(problem, file=sys.stderr)
        raise PublishRefused(f"the content check found errors in {content}; nothing was published "
                             f"({report.summary})")
    return report.summary


def publish(content: Path, repo: Path, keys: KeyRing, config_file: Path | None = None,
            expiry_days: dict[str, float] | None = None) -> int:
    """Check, pack and sign `content` as the next release in `repo`; return its number."""
    from kiosk.fleet.archive import pack
    from kiosk.fleet.repository import ContentRepository

    refuse_keys_inside(keys.folder, repo)
    check_content_or_refuse(content, config_file)
    repository = ContentRepository(repo, keys, expiry_days)
    if not repository.exists():
        repository.create()
    number = repository.release() + 1
    with tempfile.TemporaryDirectory(prefix="kiosk-publish-") as scratch:
        archive = Path(scratch) / f"release-{number}.tar.gz"
        pack(content, archive)
        repository.add_release(archive, number)
    return number


def run(options: argparse.Namespace) -> int:
    """Run `kiosk publish`; 0 when published, 1 with one line when refused."""
    import logging

    logging.disable(logging.CRITICAL)  # the checker's log lines are printed as problems instead
    keys = KeyRing(options.keys or default_keys_dir())
    expiry = {"timestamp": options.timestamp_days} if options.timestamp_days is not None else None
    try:
        if options.renew:
            if len(options.paths) != 1:
                raise PublishRefused("--renew takes only REPO_DIR")
            from kiosk.fleet.repository import ContentRepository

            repo = options.paths[0]
            refuse_keys_inside(keys.folder, repo)
            repository = ContentRepository(repo, keys, expiry)
            if not repository.exists():
                raise PublishRefused(f"{repo} holds no repository yet")
            repository.renew()
            print(f"{command_name()} publish: {repo} signed again; the timestamp holds "
                  f"{repository.expiry['timestamp']:g} days")
            return 0
        if len(options.paths) != 2:
            raise PublishRefused("give CONTENT_DIR and REPO_DIR")
        content, repo = options.paths
        number = publish(content, repo, keys, options.config, expiry)
        print(f"{command_name()} publish: release {number} of {content} signed into {repo}")
        return 0
    except (PublishRefused, KeyProblem) as exc:
        print(f"{command_name()} publish: refused: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{command_name()} publish: refused: {exc}", file=sys.stderr)
        return 1
    finally:
        logging.disable(logging.NOTSET)
