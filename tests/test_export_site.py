"""`kiosk export-site`: the pages as a static website, served on 127.0.0.1 and opened in Chromium."""

from __future__ import annotations

import html.parser
import http.server
import posixpath
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from kiosk.cli import main
from kiosk.core.content import ContentLibrary
from kiosk.core.resources import default_content_dir
from kiosk.core.themes import DEFAULT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium); "
    "the exported pages are not opened in a browser")


class _Links(html.parser.HTMLParser):
    """Every href and src of an HTML file, and whether it holds a script."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[tuple[str, str]] = []
        self.scripts = 0
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.addresses.append((name, value))
            if name == "id" and value:
                self.ids.add(value)
            assert not name.startswith("on"), f"event handler {name} in <{tag}>"


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_of_every_language_is_written_with_working_links(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["export-site", str(out)]) == 0
    said = capsys.readouterr().out
    library = ContentLibrary.load(default_content_dir())
    for code in library.codes:
        language = library.language(code)
        assert language is not None
        for page in language.shown_pages():
            assert (out / code / f"{page.id}.html").is_file(), page.id
    assert f"wrote {sum(len(library.language(c).shown_pages()) for c in library.codes)} pages" in said
    files = sorted(out.rglob("*.html"))
    for file in files:
        parsed = _parse(file)
        assert parsed.scripts == 0, file
        where = file.relative_to(out).as_posix()
        for _name, value in parsed.addresses:
            parts = urlsplit(value)
            assert not parts.scheme and not parts.netloc, f"{where}: {value} leaves the site"
            if not parts.path:
                assert not parts.fragment or parts.fragment in parsed.ids, f"{where}: {value}"
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(where), unquote(parts.path)))
            assert (out / target).is_file(), f"{where}: {value} -> {target} is missing"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in _parse(out / target).ids, f"{where}: {value}"


def test_a_page_has_its_picture_footer_and_section_list(tmp_path, sample_content):
    out = tmp_path / "site"
    assert main(["export-site", str(out), "--content", str(sample_content)]) in (0, 1)
    page = (out / "en" / "alpha.html").read_text(encoding="utf-8")
    assert 'src="../images/box.svg"' in page and (out / "images" / "box.svg").is_file()
    assert 'href="alpha/one.html"' in page and 'href="beta.html#details"' in page
    assert 'href="#the-bottom"' in page
    assert "not medical advice" in page  # the kiosk's footer
    assert "In this section" in page
    for refused in ('href="file:', 'href="https:', 'href="javascript:', 'href="/etc'):
        assert refused not in page  # refused links are their words only, as on the kiosk
    assert "passwords" in page
    one = (out / "en" / "alpha" / "one.html").read_text(encoding="utf-8")
    assert 'href="../alpha.html"' in one and 'href="../../assets/site.css"' in one
    css = (out / "assets" / "site.css").read_text(encoding="utf-8")
    assert DEFAULT["heading"] in css and "prefers-contrast" in css
    assert (out / "assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()


def test_a_missing_content_folder_is_one_line(tmp_path, capsys):
    assert main(["export-site", str(tmp_path / "site"), "--content", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not found" in err[0]


class _Server:
    """http.server on 127.0.0.1 serving a folder, remembering each request and its status."""

    def __init__(self, folder: Path):
        self.requests: list[tuple[str, int]] = []
        seen = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def log_request(self, code="-", size="-"):
                seen.append((self.path, int(code) if str(code).isdigit() else 0))

            def log_message(self, format, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def served_site(tmp_path) -> Iterator[_Server]:
    """The bundled pages exported and served on 127.0.0.1 (stopped after the test)."""
    out = tmp_path / "site"
    assert main(["export-site", str(out)]) == 0
    with _Server(out) as server:
        yield server


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-extensions", "--disable-sync", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update",
         f"--user-data-dir={profile}",
         # Only the test's own server can be reached: anything else fails to resolve.
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", *args],
        capture_output=True, text=True, timeout=120, check=False)


@needs_chromium
def test_a_phone_opens_a_page_with_its_styles_font_and_picture(served_site, tmp_path):
    from PySide6.QtGui import QColor, QImage

    server = served_site
    url = f"http://127.0.0.1:{server.port}/en/back-pain/muscle-strain.html"
    shot = tmp_path / "phone.png"
    done = _chromium("--window-size=390,844", "--force-device-scale-factor=2",
                     f"--screenshot={shot}", url, profile=tmp_path / "profile")
    assert shot.is_file(), done.stderr[-2000:]
    asked = {path: status for path, status in server.requests}
    assert asked.get("/en/back-pain/muscle-strain.html") == 200
    assert asked.get("/assets/site.css") == 200
    assert asked.get("/assets/fonts/AtkinsonHyperlegible-Regular.ttf") == 200
    assert any(path.startswith("/images/") and status == 200 for path, status in asked.items())
    assert all(status == 200 for path, status in asked.items() if path != "/favicon.ico"), asked
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (780, 1688)
    header = QColor(DEFAULT["chrome_bg"])
    assert image.pixelColor(10, 10) == header  # the header, in the kiosk's colours
    assert image.pixelColor(10, 400) != header
    # Words in the page's heading colour somewhere below the header (the page's title).
    heading = QColor(DEFAULT["heading"])
    assert any(image.pixelColor(x, y) == heading for y in range(200, 500, 2)
               for x in range(20, 700, 3))


@needs_chromium
def test_links_between_pages_work_in_the_browser(served_site, tmp_path):
    server = served_site
    base = f"http://127.0.0.1:{server.port}"
    done = _chromium("--dump-dom", f"{base}/es/index.html", profile=tmp_path / "profile")
    assert 'lang="es"' in done.stdout
    first = _Links()
    first.feed(done.stdout)
    section = next(value for name, value in first.addresses
                   if name == "href" and value.endswith(".html") and "index" not in value)
    done = _chromium("--dump-dom", f"{base}/es/{section}", profile=tmp_path / "profile")
    assert "<main>" in done.stdout and "<h1" in done.stdout
    assert (f"/es/{section}", 200) in server.requests
