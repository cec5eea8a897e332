"""The gettext catalogs: template up to date with the code, every .po complete, every .mo compiled."""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural

from kiosk.core import strings
from kiosk.core.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "translations.py"
LOCALE = resource_path("locale")
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/kiosk.po"))


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations = _tool()


def _code(po: Path) -> str:
    return po.parent.parent.name


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value  # read_mo gives plurals as lists


def _messages(catalog: Catalog) -> dict[tuple[object, str | None], object]:
    """Return (msgid, msgctxt) -> translation for every message but the header."""
    return {(_tuple(m.id), m.context): _tuple(m.string) for m in list(catalog)[1:]}


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_mo(stream)


def test_there_is_a_spanish_catalog_and_the_app_lists_every_compiled_one() -> None:
    assert [_code(p) for p in PO_FILES] == ["es"]
    assert strings.interface_languages() == ["en", *(_code(p) for p in PO_FILES)]


def test_the_template_and_every_po_are_up_to_date_with_the_code() -> None:
    stale = translations.run_extract(LOCALE, check=True)
    assert not stale, f"run `python tools/translations.py extract`: out of date: {stale}"


def test_the_template_holds_exactly_the_keys_of_strings_py() -> None:
    template = translations.extract()
    found = {(m.id, m.context or "") for m in list(template)[1:]}
    wanted = {(msgid, context) for context, msgid in strings.TEXTS.values()}
    wanted |= {((s, p), context) for context, s, p in strings.PLURALS.values()}
    assert found == wanted
    keys = [c for m in list(template)[1:] for c in m.auto_comments if c.startswith("key: ")]
    assert len(keys) == len(strings.TEXTS) + len(strings.PLURALS)


@pytest.mark.parametrize("po", PO_FILES, ids=_code)
def test_every_message_of_the_template_is_translated(po: Path) -> None:
    template = translations.extract()
    catalog = translations.read_catalog(po)
    assert not catalog.fuzzy, f"{po}: the header is marked fuzzy"
    for message in list(template)[1:]:
        found = catalog.get(message.id, message.context)
        name = f"{message.context or ''}|{message.id}"
        assert found is not None, f"{po}: no entry for {name}"
        assert not found.fuzzy, f"{po}: fuzzy: {name}"
        forms = found.string if isinstance(found.string, tuple) else (found.string,)
        assert all(forms), f"{po}: empty msgstr for {name}"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, f"{po}: {name} needs {catalog.num_plurals} forms"
    errors, warnings = translations.problems(catalog)
    assert (errors, warnings) == ([], [])


@pytest.mark.parametrize("po", PO_FILES, ids=_code)
def test_the_plural_forms_header_is_the_languages_own(po: Path) -> None:
    text = po.read_text(encoding="utf-8")
    code = _code(po)
    assert f'"Language: {code}\\n"' in text
    number, expression = get_plural(code)
    assert f'"Plural-Forms: nplurals={number}; plural={expression};\\n"' in text


def test_the_spanish_plural_rule_picks_singular_for_one_only() -> None:
    with (LOCALE / "es" / "LC_MESSAGES" / "kiosk.mo").open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)
    assert [catalog.ngettext("one", "many", n) for n in (0, 1, 2, 21)] == [
        "many", "one", "many", "many"]  # not in the catalog: gettext's own rule for English
    singular, many = strings.PLURALS["pin_wrong"][1:]
    assert [catalog.ngettext(singular, many, n).split()[2] for n in (0, 1, 2, 21)] == [
        "Quedan", "Queda", "Quedan", "Quedan"]


@pytest.mark.parametrize("po", PO_FILES, ids=_code)
def test_each_committed_mo_is_up_to_date_with_its_po(po: Path, tmp_path: Path) -> None:
    copy = tmp_path / "locale" / _code(po) / "LC_MESSAGES"
    copy.mkdir(parents=True)
    shutil.copy(po, copy / po.name)
    changed, errors = translations.run_compile(tmp_path / "locale", log=lambda line: None)
    assert errors == 0 and changed == [copy / "kiosk.mo"]
    fresh, committed = _read_mo(copy / "kiosk.mo"), _read_mo(po.with_suffix(".mo"))
    assert _messages(committed) == _messages(fresh), (
        f"{po.with_suffix('.mo')} is out of date: run `python tools/translations.py compile`")
    assert committed.plural_forms == fresh.plural_forms
    assert len(_messages(committed)) == len(strings.TEXTS) + len(strings.PLURALS)


def test_the_check_commands_pass_on_the_committed_files() -> None:
    for command in ("extract", "compile"):
        result = subprocess.run([sys.executable, str(TOOL), command, "--check"],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "up to date" in result.stdout


def _catalog_with(*entries: tuple[str | tuple[str, str], str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale="es", fuzzy=False)
    for msgid, msgstr in entries:
        catalog.add(msgid, msgstr)
    return catalog


def test_compile_refuses_a_placeholder_english_does_not_have() -> None:
    errors, _ = translations.problems(_catalog_with(("In {seconds} s", "En {segundos} s")))
    assert errors and "segundos" in errors[0]
    errors, _ = translations.problems(_catalog_with(("In {seconds} s", "En {seconds s")))
    assert errors, "a stray brace would make .format() fail on screen"
    errors, warnings = translations.problems(_catalog_with(
        (("{n} page", "{n} pages"), ("una página", "{n} páginas")), ("Hello", "")))
    assert errors == [], "a singular may leave the number out"
    assert warnings == ["untranslated: 'Hello'"]


def test_compile_writes_no_mo_for_a_catalog_with_errors(tmp_path: Path) -> None:
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = (LOCALE / "es" / "LC_MESSAGES" / "kiosk.po").read_text(encoding="utf-8")
    (folder / "kiosk.po").write_text(source.replace("Queda {tries} intento", "Queda {intentos} intento"),
                                     encoding="utf-8")
    lines: list[str] = []
    changed, errors = translations.run_compile(tmp_path, log=lines.append)
    assert errors == 1 and changed == [] and not (folder / "kiosk.mo").exists()
    assert any("intentos" in line for line in lines)
    (folder / "kiosk.po").write_text(source.replace('"Plural-Forms', '"X-Plural'), encoding="utf-8")
    changed, errors = translations.run_compile(tmp_path, log=lines.append)
    assert errors == 1 and changed == [] and "no Plural-Forms header" in lines[-1]
