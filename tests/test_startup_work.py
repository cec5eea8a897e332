"""Start-up shortcuts keep their results: libyaml front matter, no entry-point scan, a later text view."""

import markdown.util
import yaml

from kiosk.core.content import ContentLibrary
from kiosk.core.frontmatter import split_front_matter
from kiosk.core.rendering import PageRenderer
from kiosk.core.resources import default_content_dir


def test_fast_front_matter_reads_every_bundled_page_as_safe_load_does():
    library = ContentLibrary.load(default_content_dir())
    pages = [page for language in library.languages.values() for page in language.pages.values()]
    assert len(pages) > 20
    for page in pages:
        text = page.path.read_text(encoding="utf-8")
        block = text.split("---\n", 2)[1]
        assert split_front_matter(text, page.path).meta == yaml.safe_load(block), page.path


def test_broken_front_matter_still_points_at_the_broken_line(tmp_path):
    text = "---\ntitle: Fine\nsummary: \"never closed\norder: 3\n---\nBody\n"
    result = split_front_matter(text, tmp_path / "p.md")
    assert result.meta == {}
    assert [p.line for p in result.problems] == [3]


def test_rendering_never_scans_installed_packages_for_extensions(monkeypatch, sample_content):
    def scan():
        raise AssertionError("Markdown extensions were looked up by name (entry points)")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", scan)
    rendered = PageRenderer(ContentLibrary.load(sample_content)).render("en", "alpha")
    assert "<table" in rendered.html and 'id="the-bottom"' in rendered.html


def test_the_text_view_is_made_after_the_first_screen_and_before_the_first_tap(qtbot):
    from kiosk.app import create_window

    window = create_window(["--windowed"])
    qtbot.addWidget(window)
    assert not window.page_screen_built  # the first screen is home: it does not wait for it
    window.show()
    qtbot.waitUntil(lambda: window.page_screen_built, timeout=3000)  # the prerenderer made it
    window.home_screen.tiles[0].click()
    assert window.stack.currentWidget() is window.page_screen


def test_garbage_is_collected_again_once_the_kiosk_has_started(tmp_path):
    # The collector rests while the kiosk starts; a kiosk running for weeks needs it back.
    import os
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from kiosk.cli import main\n"
        f"code = main(['--screenshot', {str(tmp_path / 'shot.png')!r}])\n"
        "print(code, gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.stdout.split()[-3:] == ["0", "True", "True"], result.stderr
