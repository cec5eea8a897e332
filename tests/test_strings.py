"""Interface text: every language has every key; the code only asks for keys that exist."""

from __future__ import annotations

import datetime
import re
import string
from pathlib import Path

import pytest

from kiosk.core.strings import FALLBACK, STRINGS, format_date, text

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
_KEY_USE = re.compile(r"""\btext\(\s*[\w.]+\s*,\s*["']([a-z_]+)["']""")


def _fields(value: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(value) if f}


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_no_key_is_missing_in_any_language(lang):
    keys = set().union(*(set(table) for table in STRINGS.values()))
    missing = keys - set(STRINGS[lang])
    assert not missing, f"'{lang}' has no translation for: {sorted(missing)}"
    empty = [k for k, v in STRINGS[lang].items() if not v.strip()]
    assert not empty, f"'{lang}' has empty strings: {empty}"


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_placeholders_match_english(lang):
    for key, value in STRINGS[FALLBACK].items():
        assert _fields(STRINGS[lang][key]) == _fields(value), f"{lang}.{key} placeholders differ"


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_each_language_names_itself_and_has_twelve_months(lang):
    assert len(text(lang, "months").split()) == 12
    names = [STRINGS[code]["language_name"] for code in STRINGS]
    assert len(set(names)) == len(names), "two languages share a name"


def test_spanish_is_really_translated():
    same = [k for k in STRINGS["en"] if STRINGS["es"][k] == STRINGS["en"][k]
            and k not in ("size_normal",) and not k.startswith("date")]
    assert not same, f"Spanish text identical to English: {same}"
    assert format_date("es", datetime.date(2026, 3, 5)) == "5 de marzo de 2026"


def test_the_code_only_asks_for_keys_that_exist():
    used: dict[str, str] = {}
    for path in KIOSK.rglob("*.py"):
        for key in _KEY_USE.findall(path.read_text(encoding="utf-8")):
            used[key] = path.name
    assert used, "found no text(...) calls: the pattern in this test is out of date"
    unknown = {k: f for k, f in used.items() if k not in STRINGS[FALLBACK]}
    assert not unknown, f"text() keys with no entry in strings.py: {unknown}"


def test_unknown_language_falls_back_to_english():
    assert text("xx", "back") == STRINGS["en"]["back"]


def test_every_bundled_content_language_has_an_interface_table():
    from kiosk.core.resources import default_content_dir

    content = default_content_dir()
    codes = {p.name for p in content.iterdir() if p.is_dir() and any(p.rglob("*.md"))}
    assert "en" in codes
    missing = codes - set(STRINGS)
    assert not missing, f"content/{sorted(missing)} has pages but strings.py has no table for it"
