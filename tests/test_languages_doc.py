"""docs/languages.md "Adding a language", followed step by step for French in a temporary copy."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import strings
from kiosk.core.content import ContentLibrary
from kiosk.core.resources import default_content_dir, resource_path
from kiosk.core.strings import interface_languages, language_name, plural, text

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "languages.md"
_BLOCK = re.compile(r"^ *```(\w+)\n(.*?)^ *```", re.S | re.M)


def _section() -> str:
    doc = DOC.read_text(encoding="utf-8")
    start = doc.index("## Adding a language")
    end = doc.find("\n## ", start + 1)
    return doc[start:end if end > 0 else None]


def _blocks(kind: str) -> list[str]:
    """Return the fenced `kind` blocks of the section, in order, unindented."""
    found = []
    for lang, body in _BLOCK.findall(_section()):
        if lang == kind:
            lines = body.splitlines()
            indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
            found.append("\n".join(line[indent:] for line in lines) + "\n")
    return found


def _commands(block: str) -> list[list[str]]:
    return [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.strip()]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the bundled catalogs and content the kiosk reads instead of the real ones."""
    shutil.copytree(resource_path("locale"), tmp_path / "resources" / "locale")
    shutil.copytree(default_content_dir() / "en", tmp_path / "content" / "en")
    monkeypatch.setattr(strings, "locale_dir", lambda: tmp_path / "resources" / "locale")
    strings.forget_catalogs()
    yield tmp_path
    strings.forget_catalogs()


def _untranslated(entry: str) -> str:
    return re.sub(r'^(msgstr(?:\[\d+\])?) ".*"$', r'\1 ""', entry, flags=re.M)


def test_adding_french_takes_one_catalog_and_one_content_folder(copy: Path) -> None:
    sh, po = _blocks("sh"), _blocks("po")
    po_file = copy / "resources" / "locale" / "fr" / "LC_MESSAGES" / "kiosk.po"

    # 1. The catalog: the template copied into the language's folder.
    make_folder, copy_template = _commands(sh[0])
    assert make_folder == ["mkdir", "-p", "resources/locale/fr/LC_MESSAGES"]
    assert copy_template == ["cp", "resources/locale/kiosk.pot", "resources/locale/fr/LC_MESSAGES/kiosk.po"]
    (copy / make_folder[2]).mkdir(parents=True)
    shutil.copy(copy / copy_template[1], copy / copy_template[2])

    # 2. Its language and plural forms, in the header.
    header = po[0]
    assert header == '"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    catalog = po_file.read_text(encoding="utf-8")
    catalog = catalog.replace('msgid ""\nmsgstr ""\n', 'msgid ""\nmsgstr ""\n' + header, 1)

    # 3. Translate: each example entry of the doc is an entry of the template, filled in.
    examples = po[1].strip().split("\n\n")
    assert len(examples) >= 3 and any("msgid_plural" in e for e in examples)
    for entry in examples:
        blank = _untranslated(entry)
        assert catalog.count(blank + "\n") == 1, f"the doc's example is not in kiosk.pot:\n{blank}"
        catalog = catalog.replace(blank + "\n", entry + "\n")
    po_file.write_text(catalog, encoding="utf-8")
    assert "fr" not in interface_languages(), "a .po alone is not read: it must be compiled"

    # 4. Compile.
    assert _commands(sh[1]) == [[".venv/bin/python", "tools/translations.py", "compile"]]
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "compile",
         "--locale-dir", str(copy / "resources" / "locale")],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    messages = len(strings.TEXTS) + len(strings.PLURALS)  # (keys come and go: counted, not typed)
    assert f"fr: 3 of {messages} messages translated; nplurals=2; plural=(n > 1);" in result.stdout
    assert po_file.with_suffix(".mo").is_file()

    strings.forget_catalogs()
    assert interface_languages() == ["en", "es", "fr"]
    assert language_name("fr") == "Français"
    assert text("fr", "language_name") == "Français"
    assert text("fr", "back") == "Retour"
    assert text("fr", "home") == "Home", "not translated yet: English"
    wrong = "Code PIN incorrect. Encore {tries} {word} avant le blocage."
    assert plural("fr", "pin_wrong", 1) == wrong.replace("{word}", "essai")
    assert plural("fr", "pin_wrong", 2) == wrong.replace("{word}", "essais")
    assert plural("fr", "pin_wrong", 0).format(tries=0) == wrong.format(tries=0, word="essai"), (
        "French counts 0 as singular")
    assert plural("es", "pin_wrong", 0).format(tries=0).startswith("PIN incorrecto. Quedan 0")
    assert text("es", "back") == "Atrás", "the other languages are as they were"

    # 5. The pages: content/fr/ beside content/en/, with the same names.
    assert "Copy `content/en/` to `content/fr/`" in _section()
    shutil.copytree(copy / "content" / "en", copy / "content" / "fr")
    library = ContentLibrary.load(copy / "content")
    assert library.codes == ["en", "fr"]
    assert set(library.codes) <= set(interface_languages())


def test_the_doc_says_no_code_changes_and_names_the_tools() -> None:
    section = _section()
    assert "one catalog plus one content folder" in section
    assert "No code changes." in section
    assert "Plural-Forms" in section and "tools/translations.py compile" in section
    whole = DOC.read_text(encoding="utf-8")
    assert "tools/translations.py extract" in whole and "Qt Linguist" in whole
    assert "tests/test_contrast.py" in whole, "the colour checks are still described"
