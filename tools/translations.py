"""The interface catalogs: extract the English text from the code, compile each language's .po.

    python tools/translations.py extract   # kiosk/**.py -> resources/locale/kiosk.pot, then
                                           # merge it into every <code>/LC_MESSAGES/kiosk.po
    python tools/translations.py compile   # every kiosk.po -> the kiosk.mo beside it

`--check` writes nothing and exits 1 when a file is out of date (for CI); `--locale-dir DIR`
works on another copy of the catalogs. Both use Babel's Python API (a development tool, pinned in
requirements-dev.txt); the kiosk itself reads the .mo files with the standard `gettext` module.
`extract` finds the same messages as

    pybabel extract --no-default-keywords -k N_ -k C_:1c,2 -k NP_:1,2 -c TRANSLATORS: -s \
        --no-location -o kiosk.pot kiosk

and adds each message's strings.py key as a comment for translators.
(docs/languages.md has the steps for adding a language).
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel import Locale, UnknownLocaleError  # noqa: E402
from babel.messages.catalog import Catalog, Message  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from kiosk import APP_ID, __version__  # noqa: E402
from kiosk.core import strings  # noqa: E402

SOURCE = ROOT / "kiosk"
LOCALE_DIR = ROOT / "resources" / "locale"
TEMPLATE_HEADER = (
    "# The kiosk's interface text: the template every language's kiosk.po starts from.\n"
    "# Written by `python tools/translations.py extract` from the code; do not edit it by hand.\n"
    "# Adding a language: docs/languages.md."
)


def template_path(locale_dir: Path) -> Path:
    """Return the path of the template, `<locale_dir>/kiosk.pot`."""
    return locale_dir / f"{strings.DOMAIN}.pot"


def catalog_paths(locale_dir: Path) -> list[Path]:
    """Return every language's `<code>/LC_MESSAGES/kiosk.po` under `locale_dir`, by code."""
    return sorted(locale_dir.glob(f"*/LC_MESSAGES/{strings.DOMAIN}.po"))


def _keys() -> dict[tuple[str | tuple[str, str], str | None], str]:
    """Return (msgid, msgctxt) -> key, as the catalogs spell them, for every key in strings.py."""
    keys: dict[tuple[str | tuple[str, str], str | None], str] = {}
    for key, (context, msgid) in strings.TEXTS.items():
        keys[(msgid, context or None)] = key
    for key, (context, singular, many) in strings.PLURALS.items():
        keys[((singular, many), context or None)] = key
    return keys


def extract(source: Path = SOURCE) -> Catalog:
    """Return the template: every marked message in `source`, with its key as a comment."""
    catalog = Catalog(project=APP_ID, version=__version__, domain=strings.DOMAIN, fuzzy=False,
                      header_comment=TEMPLATE_HEADER)
    keys = _keys()
    found = extract_from_dir(str(source), method_map=[("**.py", "python")],
                             keywords=strings.KEYWORDS, comment_tags=strings.COMMENT_TAGS,
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        location = (Path(source.name, filename).as_posix(), lineno)
        key = keys.get((message, context))
        notes = [*comments, f"key: {key}"] if key else list(comments)
        existing = catalog.get(message, context)
        if existing is not None:  # one msgid used twice: one entry, both keys named
            existing.auto_comments.extend(n for n in notes if n not in existing.auto_comments)
            existing.locations.append(location)
            continue
        catalog.add(message, None, [location], auto_comments=notes, context=context)
    return catalog


def _render_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, no_location=True, include_previous=True)
    return out.getvalue()


def read_catalog(path: Path) -> Catalog:
    """Read one language's .po; its folder name is its locale when Babel knows the code."""
    code = path.parent.parent.name
    try:
        locale: Locale | None = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        locale = None
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=strings.DOMAIN)


def _write_if_changed(path: Path, data: bytes, check: bool, changed: list[Path]) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    changed.append(path)
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def run_extract(locale_dir: Path, check: bool = False, source: Path = SOURCE) -> list[Path]:
    """Write kiosk.pot and merge it into every .po; return the files that changed (or would)."""
    template = extract(source)
    pot = template_path(locale_dir)
    changed: list[Path] = []
    if pot.is_file():  # the same messages keep the same file (its date included)
        now = template.creation_date
        with pot.open("rb") as stream:
            template.creation_date = read_po(stream).creation_date
        if _render_po(template) != pot.read_bytes():
            template.creation_date = now  # the messages changed
    _write_if_changed(pot, _render_po(template), check, changed)
    for path in catalog_paths(locale_dir):
        catalog = read_catalog(path)
        catalog.update(template, update_header_comment=False, keep_user_comments=True)
        _write_if_changed(path, _render_po(catalog), check, changed)
    return changed


def _fields(value: str) -> set[str]:
    """Return the {placeholder} names in `value` (ValueError for a stray brace)."""
    return {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}


def _as_tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def problems(catalog: Catalog) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) for one catalog: errors would break the kiosk, warnings not.

    Errors: a header marked fuzzy, a placeholder English does not have or a stray brace
    (`.format()` would raise). Warnings: untranslated or fuzzy messages (English is shown),
    placeholders left out.
    """
    errors: list[str] = []
    warnings: list[str] = []
    if catalog.fuzzy:
        errors.append("the header is marked fuzzy (remove '#, fuzzy' at the top)")
    message: Message
    for message in list(catalog)[1:]:
        ids = _as_tuple(message.id)
        name = ids[0] if not message.context else f"{message.context}|{ids[0]}"
        translations = [t for t in _as_tuple(message.string) if t]
        if not translations or len(translations) < len(_as_tuple(message.string)):
            warnings.append(f"untranslated: {name!r}")
        if message.fuzzy:
            warnings.append(f"fuzzy (not used until reviewed): {name!r}")
        english = set().union(*(_fields(i) for i in ids))
        for translation in translations:
            try:
                fields = _fields(translation)
            except ValueError as error:
                errors.append(f"{name!r}: {error} in {translation!r}")
                continue
            if fields - english:
                errors.append(f"{name!r}: unknown placeholder(s) {sorted(fields - english)}")
            elif not message.pluralizable and fields != english:
                warnings.append(f"{name!r}: placeholder(s) left out: {sorted(english - fields)}")
    return errors, warnings


def compile_catalog(catalog: Catalog) -> bytes:
    """Return the .mo bytes of one catalog (fuzzy and untranslated messages left out)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def run_compile(locale_dir: Path, check: bool = False,
                log: Callable[[str], None] = print) -> tuple[list[Path], int]:
    """Compile every .po; return (the .mo files that changed or would, the number of errors)."""
    changed: list[Path] = []
    error_count = 0
    for path in catalog_paths(locale_dir):
        code = path.parent.parent.name
        if "\n\"Plural-Forms:" not in path.read_text(encoding="utf-8"):
            log(f"{code}: error: no Plural-Forms header (docs/languages.md, step 2)")
            error_count += 1
            continue
        catalog = read_catalog(path)
        errors, warnings = problems(catalog)
        for line in warnings:
            log(f"{code}: warning: {line}")
        for line in errors:
            log(f"{code}: error: {line}")
        if errors:
            error_count += len(errors)
            continue
        messages = list(catalog)[1:]
        done = sum(1 for m in messages if all(_as_tuple(m.string)) and not m.fuzzy)
        log(f"{code}: {done} of {len(messages)} messages translated; {catalog.plural_forms}")
        _write_if_changed(path.with_suffix(".mo"), compile_catalog(catalog), check, changed)
    return changed, error_count


def main(argv: list[str] | None = None) -> int:
    """Run `extract` or `compile`; return the exit status."""
    parser = argparse.ArgumentParser(description="Extract or compile the interface catalogs.")
    parser.add_argument("command", choices=("extract", "compile"))
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR,
                        help="the catalogs' folder (default: resources/locale)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    if args.command == "extract":
        changed = run_extract(args.locale_dir, check=args.check)
        errors = 0
    else:
        changed, errors = run_compile(args.locale_dir, check=args.check)
    verb = "out of date" if args.check else "written"
    for path in changed:
        print(f"{verb}: {path}")
    if not changed:
        print("up to date")
    return 1 if errors or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
