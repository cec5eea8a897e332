"""The front matter cache: the same pages as a fresh parse, never stale, and never in the way."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import write_tree

from kiosk import __version__
from kiosk.core.content import ContentLibrary
from kiosk.core.front_matter_cache import FILE_NAME, FrontMatterCache
from kiosk.core.resources import default_content_dir

# What a page shows and holds, as text, so that another process's pages can be compared.
DESCRIBE = (
    "def describe(library):\n"
    "    return repr(sorted((lang, p.id, p.title, p.summary, p.icon, p.order, p.meta)\n"
    "                       for lang, language in library.languages.items()\n"
    "                       for p in language.pages.values()))\n"
)


def describe(library: ContentLibrary) -> str:
    namespace: dict = {}
    exec(DESCRIBE, namespace)
    return namespace["describe"](library)


def load(root: Path, cache_file: Path) -> ContentLibrary:
    return ContentLibrary.load(root, FrontMatterCache.read(cache_file))


def test_a_second_start_shows_the_same_pages_without_reading_yaml(tmp_path):
    script = DESCRIBE + (
        "import sys\n"
        "from kiosk.app import create_window\n"
        "window = create_window(['--windowed'])\n"
        "print(describe(window.session.library))\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path),
           "KIOSK_CACHE_DIR": str(tmp_path / "cache")}
    starts = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=env, timeout=120) for _ in range(2)]
    fresh = ContentLibrary.load(default_content_dir())
    metas = [p.meta for language in fresh.languages.values() for p in language.pages.values()]
    assert any(isinstance(m.get("reviewed"), date) and m.get("sources") for m in metas)
    for start in starts:
        assert start.stdout.splitlines()[:1] == [describe(fresh)], start.stderr
    assert starts[0].stdout.split()[-1] == "True"  # the first start parsed the pages
    assert starts[1].stdout.split()[-1] == "False", starts[1].stderr


def test_every_kind_of_setting_comes_back_as_parsed(tmp_path):
    tricky = """
        ---
        title: Tricky
        order: 2.5
        count: 3
        draft: false
        nothing: null
        reviewed: 2026-01-10
        at: 2026-01-10 09:30:00.25+02:00
        utc: 2026-01-10T09:30:00Z
        local: 2026-01-10 09:30:00
        sources:
          - {organisation: NHS, year: 2024, pages: [1, 2.0, "3"]}
        nested: {a: {b: [[], {}]}}
        ---
        Body
        """
    root = write_tree(tmp_path / "content", {"en/tricky.md": tricky})
    cache_file = tmp_path / "cache" / FILE_NAME
    expected = describe(ContentLibrary.load(root))
    assert describe(load(root, cache_file)) == expected
    assert len(json.loads(cache_file.read_text())["pages"]) == 1
    assert describe(load(root, cache_file)) == expected  # from the cache this time


def test_settings_json_cannot_hold_exactly_are_parsed_at_every_load(tmp_path):
    pages = {"en/a.md": "---\ntitle: A\nkey: !!binary aGk=\n---\nBody\n",
             "en/b.md": "---\ntitle: B\nx: &x [1]\ny: *x\n---\nBody\n",
             "en/c.md": "---\ntitle: C\n---\nBody\n"}
    root = write_tree(tmp_path / "content", pages)
    cache_file = tmp_path / FILE_NAME
    for _ in range(2):
        library = load(root, cache_file)
        assert library.languages["en"].pages["a"].meta["key"] == b"hi"
        assert library.languages["en"].pages["b"].meta["y"] == [1]
    assert list(json.loads(cache_file.read_text())["pages"]) == ["title: C\n"]


def test_an_edited_title_shows_at_the_next_load(tmp_path):
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: Old title\n---\nBody\n",
                                             "en/b.md": "---\ntitle: Other\n---\n"})
    cache_file = tmp_path / FILE_NAME
    load(root, cache_file)
    assert load(root, cache_file).languages["en"].pages["a"].title == "Old title"
    (root / "en/a.md").write_text("---\ntitle: New title\n---\nBody\n", encoding="utf-8")
    assert load(root, cache_file).languages["en"].pages["a"].title == "New title"
    # the old text is dropped: the file holds what the pages hold now, and cannot grow forever
    assert sorted(json.loads(cache_file.read_text())["pages"]) == ["title: New title\n",
                                                                   "title: Other\n"]


def test_saving_again_without_a_load_keeps_what_was_saved(tmp_path):
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: Kept\n---\nBody\n"})
    cache_file = tmp_path / FILE_NAME
    cache = FrontMatterCache.read(cache_file)
    ContentLibrary.load(root, cache)  # saves
    cache.save()  # a second save, with no load between, must not empty the file
    assert list(json.loads(cache_file.read_text())["pages"]) == ["title: Kept\n"]


def test_bad_front_matter_is_reported_with_its_line_at_every_load(tmp_path):
    broken = '---\ntitle: Fine\nsummary: "never closed\norder: 3\n---\nBody\n'
    root = write_tree(tmp_path / "content", {"en/p.md": broken, "en/q.md": "---\ntitle: Q\n---\nBody\n"})
    cache_file = tmp_path / FILE_NAME
    for _ in range(3):
        problems = load(root, cache_file).problems
        assert [(p.path.name, p.line) for p in problems] == [("p.md", 3)]


@pytest.mark.parametrize("damage", [
    b"\x00\xff garbage \x89PNG",
    b'["a list", "not the cache"]',
    b'{"format": 1, "kiosk": "VERSION", "pages": ["title: Cached\\n"]}',
    b'{"format": 1, "kiosk": "0.0.0-old", "pages": {"title: Cached\\n": {"map": {"title": "Stale"}}}}',
    b'{"format": 99, "kiosk": "VERSION", "pages": {"title: Cached\\n": {"map": {"title": "Stale"}}}}',
    b'{"format": 1, "kiosk": "VERSION", "pages": {"title: Cached\\n": {"date": "not a date"}}}',
    b'{"format": 1, "kiosk": "VERSION", "pages": {"title: Cached\\n": {"map": {"a": {"b": 1, "c": 2}}}}}',
    b'{"format": 1, "kiosk": "VERSION", "pages": {"title: Cached\\n": "a string"}}',
], ids=["garbage", "a-list", "pages-not-a-map", "older-kiosk", "other-format", "bad-date",
        "unknown-object", "not-settings"])
def test_a_damaged_cache_file_is_ignored_and_written_again(tmp_path, damage):
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: Cached\n---\nBody\n"})
    cache_file = tmp_path / FILE_NAME
    cache_file.write_bytes(damage.replace(b"VERSION", __version__.encode()))
    assert load(root, cache_file).languages["en"].pages["a"].title == "Cached"
    data = json.loads(cache_file.read_text())
    assert (data["format"], data["kiosk"]) == (1, __version__)
    assert data["pages"] == {"title: Cached\n": {"map": {"title": "Cached"}}}


def test_a_cache_folder_that_cannot_be_written_does_not_stop_loading(tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk.core.front_matter_cache")
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: Still shown\n---\nBody\n"})
    (tmp_path / "a-file").write_text("not a folder")
    cache_file = tmp_path / "a-file" / "cache" / FILE_NAME
    for _ in range(2):
        library = load(root, cache_file)
        assert library.languages["en"].pages["a"].title == "Still shown"
        assert library.problems == []
    assert not cache_file.parent.exists()
    said = [r for r in caplog.records if "cannot save the front matter cache" in r.message]
    assert len(said) == 2 and sum(r.levelno >= logging.INFO for r in said) <= 1
    assert not any(r.levelno >= logging.WARNING for r in caplog.records)


def test_kiosk_check_reads_the_pages_themselves_not_the_cache(tmp_path, monkeypatch, capsys):
    from kiosk.cli import main

    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: A\n---\n# A\n\nText.\n"})
    monkeypatch.setenv("KIOSK_CACHE_DIR", str(tmp_path))
    # a cache entry saying the page has a review date it does not have
    claim = {"map": {"title": "A", "reviewed": {"date": "2026-01-01"}}}
    data = json.dumps({"format": 1, "kiosk": __version__, "pages": {"title: A\n": claim}})
    (tmp_path / FILE_NAME).write_text(data)
    main(["check", str(root)])
    assert "missing 'reviewed:'" in capsys.readouterr().out
    assert (tmp_path / FILE_NAME).read_text() == data


def test_a_start_reading_one_language_first_keeps_every_language_in_the_cache(tmp_path):
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: A\n---\nBody\n",
                                             "es/a.md": "---\ntitle: B\n---\nBody\n"})
    cache_file = tmp_path / FILE_NAME
    both = ["title: A\n", "title: B\n"]
    ContentLibrary.load(root, FrontMatterCache.read(cache_file))
    library = ContentLibrary.load(root, FrontMatterCache.read(cache_file), first="en")
    assert sorted(json.loads(cache_file.read_text())["pages"]) == both  # es/ not dropped
    assert library.language("es").pages["a"].title == "B"
    assert sorted(json.loads(cache_file.read_text())["pages"]) == both


def test_a_short_run_reading_one_language_still_saves_it_and_keeps_the_others(tmp_path):
    # `kiosk --screenshot` reads one language and quits: the next start must find it cached.
    root = write_tree(tmp_path / "content", {"en/a.md": "---\ntitle: A\n---\n",
                                             "es/a.md": "---\ntitle: B\n---\n"})
    cache_file = tmp_path / FILE_NAME
    ContentLibrary.load(root, FrontMatterCache.read(cache_file), first="en")
    assert list(json.loads(cache_file.read_text())["pages"]) == ["title: A\n"]
    ContentLibrary.load(root, FrontMatterCache.read(cache_file), first="es")
    assert sorted(json.loads(cache_file.read_text())["pages"]) == ["title: A\n", "title: B\n"]
    (root / "en/a.md").write_text("---\ntitle: C\n---\n", encoding="utf-8")
    ContentLibrary.load(root, FrontMatterCache.read(cache_file))  # every page read: unused go
    assert sorted(json.loads(cache_file.read_text())["pages"]) == ["title: B\n", "title: C\n"]
