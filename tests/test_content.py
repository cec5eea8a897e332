"""The content model: pages, sections, ids, titles, ordering, and bad input reported by line."""

from pathlib import Path

from conftest import write_tree

from kiosk.core.content import ContentLibrary, first_heading


def test_sections_and_sub_pages_follow_the_folders(sample_content: Path):
    library = ContentLibrary.load(sample_content)
    en = library.language("en")
    assert en.sections == ["alpha", "beta"]
    # "two" has order 5, "one" has no order: two comes first.
    assert [p.id for p in en.children("alpha")] == ["alpha/two", "alpha/one"]
    assert en.pages["alpha/one"].parent == "alpha"
    assert [p.id for p in en.ordered()] == ["alpha", "alpha/two", "alpha/one", "beta"]
    assert library.problems == []


def test_titles_come_from_front_matter_then_heading_then_file_name(tmp_path: Path):
    root = write_tree(
        tmp_path,
        {
            "en/with-meta.md": "---\ntitle: From meta\n---\n# From heading\n",
            "en/heading-only.md": "Intro line.\n\n## *Second* level [link](x.md)\n",
            "en/setext.md": "Setext title\n============\n\ntext\n",
            "en/no_title-at-all.md": "just text\n",
        },
    )
    pages = ContentLibrary.load(root).language("en").pages
    assert pages["with-meta"].title == "From meta"
    assert pages["heading-only"].title == "Second level link"
    assert pages["setext"].title == "Setext title"
    assert pages["no_title-at-all"].title == "No title at all"


def test_bad_front_matter_is_reported_with_its_line_and_the_page_still_loads(tmp_path: Path):
    root = write_tree(
        tmp_path, {"en/broken.md": "---\ntitle: Fine\nsummary: [unclosed\n---\n# Body\n"}
    )
    library = ContentLibrary.load(root)
    page = library.language("en").pages["broken"]
    assert page.title == "Body"  # falls back to the heading
    assert "# Body" in page.body
    [problem] = library.problems
    assert problem.path.name == "broken.md" and problem.severity == "error"
    assert problem.line in (3, 4)
    assert "front matter" in str(problem)
    assert str(problem).startswith(f"{root / 'en' / 'broken.md'}:{problem.line}: error:")


def test_unclosed_front_matter_keeps_all_text(tmp_path: Path):
    root = write_tree(tmp_path, {"en/open.md": "---\ntitle: x\n\nSome words.\n"})
    library = ContentLibrary.load(root)
    assert "Some words." in library.language("en").pages["open"].body
    assert "no closing" in library.problems[0].message


def test_front_matter_fields_of_the_wrong_kind_are_named(tmp_path: Path):
    root = write_tree(tmp_path, {"en/p.md": "---\ntitle: [a, b]\norder: soon\n---\n# Heading\n"})
    library = ContentLibrary.load(root)
    messages = {(p.line, p.message) for p in library.problems}
    assert (2, "'title' must be a line of text") in messages
    assert (3, "'order' must be a number") in messages
    assert library.language("en").pages["p"].title == "Heading"


def test_non_utf8_file_is_reported_and_still_shown(tmp_path: Path):
    root = write_tree(tmp_path, {"en/latin1.md": "# Caf\xe9\n\nline two\n".encode("latin-1")})
    library = ContentLibrary.load(root)
    page = library.language("en").pages["latin1"]
    assert page.title.startswith("Caf")
    [problem] = library.problems
    assert problem.line == 1 and "UTF-8" in problem.message


def test_folder_without_its_page_gets_a_placeholder_parent(tmp_path: Path):
    root = write_tree(tmp_path, {"en/orphans/child.md": "# Child\n"})
    library = ContentLibrary.load(root)
    en = library.language("en")
    assert en.sections == ["orphans"]
    assert en.pages["orphans"].placeholder
    assert [p.id for p in en.children("orphans")] == ["orphans/child"]
    assert library.problems[0].severity == "warning"


def test_hidden_files_other_folders_and_escaping_links_are_skipped(tmp_path: Path):
    outside = write_tree(tmp_path / "outside", {"secret.md": "# Secret\n"})
    root = write_tree(
        tmp_path / "content",
        {
            "en/.draft.md": "# Draft\n",
            "en/real.md": "# Real\n",
            "images/readme.md": "# not a language\n",
        },
    )
    (root / "en" / "leak.md").symlink_to(outside / "secret.md")
    library = ContentLibrary.load(root)
    assert set(library.languages) == {"en"}
    assert set(library.language("en").pages) == {"real"}
    assert any("outside the content folder" in p.message for p in library.problems)


def test_missing_content_folder_is_a_problem_not_a_crash(tmp_path: Path):
    library = ContentLibrary.load(tmp_path / "nowhere")
    assert library.languages == {}
    assert library.problems and library.problems[0].severity == "error"


def test_first_heading_ignores_text_before_it():
    assert first_heading("intro\n\n# Real title #\n") == "Real title"
    assert first_heading("no heading here") == ""


def test_bundled_content_loads_cleanly():
    from kiosk.core.resources import default_content_dir

    library = ContentLibrary.load(default_content_dir())
    assert library.problems == []
    en = library.language("en")
    assert len(en.sections) >= 3
    assert all(en.children(s) for s in ("back-pain", "acupuncture", "conditions"))


def test_a_page_file_far_too_large_is_not_shown_and_is_reported(tmp_path: Path):
    from kiosk.core.content import MAX_PAGE_BYTES

    root = write_tree(tmp_path, {"en/ok.md": "# Fine\n", "en/huge.md": "<div>" * (MAX_PAGE_BYTES // 5 + 1)})
    library = ContentLibrary.load(root)
    assert set(library.language("en").pages) == {"ok"}
    [problem] = library.problems
    assert problem.path.name == "huge.md" and "far too large" in problem.message


def test_very_deep_page_trees_need_no_recursion(tmp_path: Path):
    import sys

    from kiosk.core.content import Language, _add_placeholder, _link_tree

    depth = sys.getrecursionlimit() + 50  # deeper than any recursive walk could go
    language = Language("en", tmp_path)
    _add_placeholder(language, "/".join(f"d{n}" for n in range(depth)))
    _link_tree(language, [])
    assert len(language.pages) == depth
    assert [p.id.count("/") for p in language.ordered()] == list(range(depth))


def test_other_languages_are_read_when_first_asked_for_with_their_problems_logged(
        tmp_path: Path, caplog):
    root = write_tree(tmp_path / "content", {
        "en/a.md": "# English page\n",
        "es/a.md": "---\ntitle: [never closed\n---\n# Página\n",
        "fr/a.md": "# Page\n",
    })
    library = ContentLibrary.load(root, first="en")
    assert library.codes == ["en", "es", "fr"]  # known without reading es/ and fr/
    assert library.problems == []
    with caplog.at_level("WARNING", logger="kiosk.core.content"):
        spanish = library.language("es")
    assert spanish.pages["a"].title == "Página"
    assert [p.line for p in library.problems] == [2]  # es/a.md, its broken title
    assert "es/a.md:2" in caplog.text  # logged as it is read (the kiosk logged en at start)
    assert sorted(library.languages) == ["en", "es", "fr"]
    assert library.language("de") is None


def test_without_a_folder_for_the_first_language_every_language_is_read(tmp_path: Path):
    root = write_tree(tmp_path / "content", {"es/a.md": "# Página\n"})
    library = ContentLibrary.load(root, first="en")
    assert library.codes == ["es"] and library.language("es") is not None
