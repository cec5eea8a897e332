"""`kiosk export-site DIR`: write the patient pages as a static website for phones (no Qt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Write the patient pages as a static website into DIR: one HTML page per kiosk page and
language, made by the kiosk's own renderer, with its pictures, review dates, sources and
disclaimer, and links between the pages. No script, nothing loaded from elsewhere: any static
web host or shared folder can serve DIR. Publish it at the address in take_home_url and
the kiosk's "Take this page home" codes open these pages."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `kiosk export-site` (they set `out`, `content` and `config`)."""
    parser.add_argument("out", type=Path, metavar="DIR", help="folder to write the site into")
    parser.add_argument("--content", type=Path, metavar="DIR",
                        help="content folder holding en/, es/ ... (default: the bundled pages)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="settings file (TOML) with the clinic's name; default: the bundled one")


def _say(line: str, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # a windowed build has no console; the exit code still tells
        print(line, file=stream)


def run(options: argparse.Namespace) -> int:
    """Run `kiosk export-site`; returns 0 written, 1 content problems worth a look, 2 cannot."""
    from kiosk.core.config import load_config
    from kiosk.core.content import ContentLibrary
    from kiosk.core.regions import load_region
    from kiosk.core.site_folders import content_dir
    from kiosk.export.site import SiteExporter

    loaded = load_config(options.config)
    if options.config is not None:
        for problem in loaded.problems:
            _say(str(problem), error=True)
    root = content_dir(options.content).path  # the site's pages, else the bundled ones
    out: Path = options.out.expanduser()
    if not root.is_dir():
        _say(f"kiosk export-site: error: content folder {root} not found", error=True)
        return 2
    if out.resolve() == root.resolve() or root.resolve() in out.resolve().parents:
        _say(f"kiosk export-site: error: {out} is inside the content folder; choose another",
             error=True)
        return 2
    library = ContentLibrary.load(root, region=load_region(loaded.config.region))
    if not any(library.language(code) for code in library.codes):
        _say(f"kiosk export-site: error: no language folders (en/, es/ ...) in {root}", error=True)
        return 2
    try:
        report = SiteExporter(library, loaded.config).export(out)
    except OSError as exc:
        _say(f"kiosk export-site: error: cannot write {exc.filename or out}: "
             f"{exc.strerror or exc}", error=True)
        return 2
    problems = [*library.problems, *report.problems]
    for problem in problems:
        _say(str(problem), error=True)
    per_language = ", ".join(f"{code} {count}" for code, count in report.pages.items())
    _say(f"wrote {report.page_count} pages ({per_language}) and {report.images} pictures "
         f"to {out}; open {out / 'index.html'}")
    return 1 if any(problem.severity == "error" for problem in problems) else 0
