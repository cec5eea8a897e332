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


# -- pages that would show garbage or nothing ---------------------------------------------------

def test_direction_controls_are_taken_out_of_titles_and_summaries(tmp_path: Path):
    root = write_tree(tmp_path, {
        "en/override.md": '---\ntitle: "\u202eniap kcaB"\nsummary: "A \u202abit\u202c of \u2067this\u2069 '
                          'and\u200f that\u200e."\n---\nText.\n',
        "en/heading.md": "# \u2066Isolated\u2069 \u202dheading\u202c\n\nText.\n",
        "en/only-controls.md": '---\ntitle: "\u202e\u202c"\n---\n# Real title\n\nText.\n',
        "en/hidden.md": '---\ntitle: "Zero\u200bwidth\U000e0041\ufeff and \u2060joined"\n'
                        'summary: "Family \U0001F468\u200d\U0001F469 soft\u00adhyphen"\n---\nText.\n',
        "en/hebrew.md": '---\ntitle: "\u05e9\u05dc\u05d5\u05dd 10\u200f%"\n---\nText.\n',
    })
    pages = ContentLibrary.load(root).language("en").pages
    assert pages["override"].title == "niap kcaB"  # as written: no longer shown reversed
    assert pages["override"].summary == "A bit of this and that."
    assert pages["heading"].title == "Isolated heading"
    assert pages["only-controls"].title == "Real title"
    assert pages["hidden"].title == "Zerowidth and joined"
    assert pages["hidden"].summary == "Family \U0001F468\u200d\U0001F469 soft\u00adhyphen"  # kept
    assert pages["hebrew"].title == "\u05e9\u05dc\u05d5\u05dd 10\u200f%"  # a mark beside Hebrew stays


def test_a_file_with_nul_bytes_is_no_page_and_is_reported_at_its_first_nul(tmp_path: Path):
    from kiosk.core.content import NUL_MESSAGE

    root = write_tree(tmp_path, {
        "en/good.md": "# Good\n\nText.\n",
        "en/binary.md": b"# Looks like text\n\nthen\x00\x00\x00 garbage\n\x00\n",
        "en/utf16.md": "# Saved as UTF-16\n\nText.\n".encode("utf-16"),
    })
    library = ContentLibrary.load(root)
    en = library.language("en")
    assert set(en.pages) == {"good"} and en.sections == ["good"]
    assert [p.id for p in en.shown_pages()] == ["good"] and library.page_count() == 1
    assert [str(p) for p in library.problems] == [
        f"{root / 'en' / 'binary.md'}:3: error: {NUL_MESSAGE}",
        f"{root / 'en' / 'utf16.md'}:1: error: {NUL_MESSAGE}",
    ]


EMPTY_PAGES = {
    "en/nothing.md": "",
    "en/front-only.md": "---\ntitle: Only front matter\nsummary: No body\n---\n",
    "en/spaces.md": "---\ntitle: Spaces\n---\n\n   \n\t\n",
    "en/comment.md": "<!-- to be written -->\n\n<!--\nmore notes\n-->\n",
    "en/markup.md": "---\ntitle: Markup\n---\n- \n\n---\n\n> \n\n&nbsp;\n\n{width=600}\n\n[x]: other.md\n",
    "en/script.md": "<script>alert('hi')</script>\n<style>p { color: red }</style>\n",
}
NOT_EMPTY_PAGES = {
    "en/heading.md": "# A heading is words\n",
    "en/picture.md": "![](../images/box.svg)\n",
    "en/html-picture.md": '<img src="../images/box.svg">\n',
    "en/word.md": "---\ntitle: One word\n---\nYes.\n",
    "en/callout.md": "> [!NOTE]\n> Drink water.\n",
    "en/number.md": "911\n",
}


def test_pages_with_nothing_to_show_are_not_shown_and_are_errors(tmp_path: Path):
    from kiosk.core.content import EMPTY_MESSAGE

    root = write_tree(tmp_path, {**EMPTY_PAGES, **NOT_EMPTY_PAGES})
    library = ContentLibrary.load(root)
    en = library.language("en")
    assert set(en.pages) == {name[3:-3] for name in NOT_EMPTY_PAGES}
    assert {p.id for p in en.shown_pages()} == set(en.pages) == set(en.sections)
    assert sorted(str(p) for p in library.problems) == sorted(
        f"{root / name}: error: {EMPTY_MESSAGE}" for name in EMPTY_PAGES)


def test_an_empty_section_page_with_sub_pages_lists_them_under_its_own_title(tmp_path: Path):
    from kiosk.core.content import EMPTY_MESSAGE, EMPTY_WITH_PAGES_MESSAGE

    root = write_tree(tmp_path, {
        "en/first.md": "---\norder: 1\n---\n# First\n\nText.\n",
        "en/section.md": "---\ntitle: My section\nsummary: Its pages\nicon: spine\norder: 5\n---\n",
        "en/section/child.md": "# Child\n\nText.\n",
        "en/section/empty.md": "---\ntitle: Empty child\n---\n",
    })
    library = ContentLibrary.load(root)
    en = library.language("en")
    section = en.pages["section"]
    assert section.placeholder and (section.title, section.summary, section.icon, section.order) == (
        "My section", "Its pages", "spine", 5.0)
    assert section.children == ["section/child"]  # not the empty one
    assert en.sections == ["first", "section"]
    assert sorted(str(p) for p in library.problems) == [
        f"{root / 'en' / 'section.md'}: error: {EMPTY_WITH_PAGES_MESSAGE}",
        f"{root / 'en' / 'section' / 'empty.md'}: error: {EMPTY_MESSAGE}",
    ]  # and no "folder has no page" warning: the folder has one, only empty


def test_hostile_headings_and_bodies_load_in_linear_time(tmp_path: Path):
    import time

    from kiosk.core.content import has_content

    started = time.perf_counter()
    for hostile in ("# " + "[" * 40_000, "# a" + " #" * 20_000 + "b", "# a" + " " * 40_000 + "b"):
        first_heading(hostile)
    for hostile in ("![" * 40_000, "{" * 40_000, "<" * 40_000, "](" * 40_000, "[" * 40_000):
        has_content(hostile)
    assert time.perf_counter() - started < 1.0  # (the quadratic patterns took seconds each)
    assert first_heading("# Title ##\n") == "Title" and first_heading("## *Second* [link](x.md)") == (
        "Second link")


def test_the_quick_answer_for_a_page_without_html_agrees_with_the_full_rules(corpus):
    """A body without '<' whose line starts with a word is answered at once.

    The full rules (taken when a body has a tag: an empty <b></b> hides nothing, adds nothing)
    give the same answer.
    """
    import json

    from kiosk.core.content import has_content
    from kiosk.core.resources import default_content_dir

    spec = (corpus / "commonmark-spec-examples.json").read_text(encoding="utf-8")
    examples = json.loads(spec)["examples"]
    bodies = [example["markdown"] for example in examples]
    bodies += [path.read_text(encoding="utf-8") for path in sorted(default_content_dir().rglob("*.md"))]
    bodies += ["   word", "\tword", "_word_", "# Heading only", "[x]: /y", "```\n", "{#id}",
               "&amp;", "- item", "> quote", "![](p.png)", "](x.md) word", "-->\nword"]
    quick = [body for body in bodies if "<" not in body]
    assert len(quick) > 500
    for body in quick:
        assert has_content(body) == has_content(body + "\n<b></b>"), repr(body)


def test_the_loader_hides_what_the_sanitizer_removes_with_its_contents():
    from kiosk.core.content import HIDDEN_WITH_CONTENT
    from kiosk.core.rendering import STRIPPED_WITH_CONTENT

    assert HIDDEN_WITH_CONTENT == STRIPPED_WITH_CONTENT
