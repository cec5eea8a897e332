"""Which links may open: kiosk pages and headings only; everything else is refused with a reason."""

import pytest

from kiosk.core.links import LinkTarget, image_relative_path, parse_internal_url, resolve_link

PAGES = {"alpha", "alpha/one", "beta", "deep/a/b", "guide/index", "index"}


@pytest.mark.parametrize(
    ("href", "from_page", "page_id", "fragment"),
    [
        ("beta.md", "alpha", "beta", ""),
        ("beta.md#details", "alpha", "beta", "details"),
        ("alpha/one.md", "alpha", "alpha/one", ""),
        ("../alpha.md", "alpha/one", "alpha", ""),
        ("../../beta.md", "deep/a/b", "beta", ""),
        ("./beta.MD", "alpha", "beta", ""),
        ("be%74a.md", "alpha", "beta", ""),
    ],
)
def test_relative_links_to_pages_open(href, from_page, page_id, fragment):
    target = resolve_link(href, from_page, PAGES)
    assert (target.kind, target.page_id, target.fragment) == ("page", page_id, fragment)


def test_fragment_links_stay_on_the_page():
    assert resolve_link("#the-bottom", "alpha", PAGES).kind == "anchor"
    assert resolve_link("alpha.md#x", "alpha", PAGES).kind == "anchor"


@pytest.mark.parametrize(
    "href",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "/etc/hostname",
        "//server/share/x.md",
        "http://example.org",
        "https://example.org/a.md",
        "javascript:alert(1)",
        " javascript:x",
        "data:text/html,<b>x</b>",
        "mailto:a@b.c",
        "C:\\Windows\\win.ini",
        "c:/x.md",
        "../outside.md",
        "../../outside.md",
        "%2e%2e/outside.md",
        "alpha/../../x.md",
        "missing.md",
        "beta",
        "beta.txt",
        "java\nscript:alert(1)",
        "",
        "   ",
        "beta.md\x00.png",
    ],
)
def test_everything_else_is_blocked(href):
    target = resolve_link(href, "alpha", PAGES)
    assert target.kind == "blocked", href
    assert target.reason
    assert target.url() == ""


def test_internal_urls_round_trip_and_tampered_ones_are_refused():
    for page_id, fragment in [("alpha/one", ""), ("beta", "details"), ("a b", "x y")]:
        target = parse_internal_url(LinkTarget("page", page_id, fragment).url())
        assert (target.kind, target.page_id, target.fragment) == ("page", page_id, fragment)
    for bad in [
        "page:../etc/passwd",
        "page:/etc/passwd",
        "file:///etc/passwd",
        "page:a/../../b",
        "http://x",
        "page://host/a",
        "",
    ]:
        assert parse_internal_url(bad).kind == "blocked", bad
    assert parse_internal_url("#top").kind == "anchor"


@pytest.mark.parametrize(
    ("src", "page_dir", "expected"),
    [
        ("../images/box.svg", "en", "images/box.svg"),
        ("pic.png", "en", "en/pic.png"),
        ("../../images/x.JPG", "en/sub", "images/x.JPG"),
    ],
)
def test_images_resolve_inside_the_content_root(src, page_dir, expected):
    assert image_relative_path(src, page_dir) == expected


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/passwd.png",
        "/etc/x.png",
        "../../../etc/x.png",
        "http://x/y.png",
        "data:image/png;base64,AAAA",
        "../images/script.js",
        "..\\images\\x.png",
        "",
    ],
)
def test_images_outside_the_content_root_are_refused(src):
    assert image_relative_path(src, "en") is None


@pytest.mark.parametrize("src", ["..%5C..%5Cx.png", "c%3A/x.png", "x%00.png"])
def test_encoded_backslashes_drives_and_nul_in_pictures_are_refused(src):
    assert image_relative_path(src, "en") is None


@pytest.mark.parametrize(
    ("href", "from_page", "page_id", "fragment"),
    [
        ("alpha/", "beta", "alpha", ""),
        ("guide/", "alpha", "guide/index", ""),
        ("guide/#setup", "alpha", "guide/index", "setup"),
        ("../guide/", "alpha/one", "guide/index", ""),
        ("./", "beta", "index", ""),
        ("../", "alpha/one", "index", ""),
    ],
)
def test_a_link_to_a_folder_opens_its_page(href, from_page, page_id, fragment):
    target = resolve_link(href, from_page, PAGES)
    assert (target.kind, target.page_id, target.fragment) == ("page", page_id, fragment)


def test_a_link_to_a_folder_without_a_page_is_refused_and_names_what_it_looked_for():
    target = resolve_link("user-guide/", "alpha", PAGES)
    assert (target.kind, target.page_id) == ("blocked", "user-guide/index")
    assert target.reason == ("'user-guide/' is a folder with no page 'user-guide.md' or "
                             "'user-guide/index.md' in this language")
    assert resolve_link("../../", "alpha/one", PAGES).reason == "link points outside the content folder"
