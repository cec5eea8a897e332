"""The patient's session without a window: each step says what changed, and the next patient starts clean."""

import subprocess
import sys

from conftest import write_tree

from kiosk.core.config import Config
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.navigation import Location
from kiosk.core.session import Change, KioskSession, choose_language, load_content

TREE = {
    "en/alpha.md": "---\ntitle: Alpha\n---\n# Alpha\n\nSee [one](alpha/one.md).\n",
    "en/alpha/one.md": "# One\n\nText.\n",
    "en/beta.md": "# Beta\n\nText.\n",
    "es/alpha.md": "# Alfa\n\nTexto.\n",
    "es/alpha/one.md": "# Uno\n\nTexto.\n",
}


def session_on(tmp_path, lang="", tree=TREE, **config):
    library = load_content(write_tree(tmp_path / "content", tree))
    session = KioskSession(library, Config(**config), lang=lang)
    heard: list[Change] = []
    session.listener = heard.append
    return session, heard


def test_moving_around_says_the_location_changed(tmp_path):
    session, heard = session_on(tmp_path)
    assert session.location.is_home and session.page is None
    assert session.open("alpha") == Change.LOCATION
    assert session.open("alpha/one", "text") == Change.LOCATION
    assert session.location == Location("alpha/one", "text")
    assert session.page.title == "One"
    assert session.back() == Change.LOCATION and session.location.page_id == "alpha"
    assert session.home() == Change.LOCATION and not session.history.can_go_back
    assert heard == [Change.LOCATION] * 4  # the listener hears exactly what was returned


def test_a_language_switch_keeps_the_page_when_it_is_translated(tmp_path):
    session, heard = session_on(tmp_path)
    session.open("alpha/one")
    heard.clear()
    change = session.set_language("es")
    assert change == Change.LANGUAGE | Change.LOCATION and change.look
    assert session.location.page_id == "alpha/one" and session.page.title == "Uno"
    assert session.look.lang == "es"
    assert session.set_language("es") == Change.NONE  # already on screen: nothing to redo
    assert session.set_language("fr") == Change.NONE and session.lang == "es"  # no such content
    assert heard == [Change.LANGUAGE | Change.LOCATION]


def test_a_language_without_the_page_starts_from_its_home_screen(tmp_path):
    session, _ = session_on(tmp_path)
    session.open("beta")  # English only
    session.set_language("es")
    assert session.location.is_home and not session.history.can_go_back


def test_text_size_and_contrast_change_the_look_only(tmp_path):
    session, heard = session_on(tmp_path)
    session.open("alpha")
    heard.clear()
    assert session.next_text_size() == Change.DISPLAY
    assert session.set_high_contrast(True) == Change.DISPLAY
    assert session.set_high_contrast(True) == Change.NONE
    look = session.look
    assert (look.text_factor, look.theme_name) == (1.25, "high_contrast")
    assert look.colours["text"] != KioskSession(session.library).look.colours["text"]
    assert session.location.page_id == "alpha"  # the patient stays where they were
    assert heard == [Change.DISPLAY, Change.DISPLAY]


def test_the_reset_gives_the_next_patient_a_clean_session(tmp_path):
    session, heard = session_on(tmp_path, default_language="en")
    session.set_language("es")
    session.open("alpha")
    session.open("alpha/one")
    session.set_display(DisplaySettings(text_step=2, high_contrast=True))
    heard.clear()
    change = session.reset_for_next_patient()
    assert change == Change.RESET | Change.LOCATION | Change.LANGUAGE | Change.DISPLAY
    assert heard == [change]
    assert session.location.is_home and not session.history.can_go_back
    assert (session.lang, session.display) == ("en", DisplaySettings())
    assert session.reset_for_next_patient() == Change.RESET | Change.LOCATION  # nothing else left


def test_a_staff_reload_reads_the_folder_again_and_starts_from_home(tmp_path):
    session, _ = session_on(tmp_path)
    session.open("beta")
    (tmp_path / "content" / "en" / "gamma.md").write_text("# Gamma\n", encoding="utf-8")
    change = session.reload()
    assert change == Change.LIBRARY | Change.LOCATION
    assert "gamma" in session.language.pages
    assert session.location.is_home


def test_the_live_preview_reload_keeps_the_page_and_the_language(tmp_path):
    session, _ = session_on(tmp_path, default_language="en")
    session.set_language("es")
    session.open("alpha/one")
    (tmp_path / "content" / "es" / "alpha" / "one.md").write_text("# Uno, nuevo\n", encoding="utf-8")
    change = session.reload(keep_page=True)
    assert change == Change.LIBRARY | Change.LOCATION
    assert session.location.page_id == "alpha/one" and session.lang == "es"
    assert "Uno, nuevo" in session.render("alpha/one").html  # the renderer forgot the old page


def test_a_reload_logs_the_content_problems_the_same_way_as_start_up(tmp_path, caplog):
    tree = {**TREE, "en/broken.md": "---\ntitle: [never closed\n---\n# Broken\n"}
    caplog.set_level("WARNING")
    session, _ = session_on(tmp_path, tree=tree)
    at_start = [r.getMessage() for r in caplog.records if "broken.md" in r.getMessage()]
    caplog.clear()
    session.reload()
    again = [r.getMessage() for r in caplog.records if "broken.md" in r.getMessage()]
    assert at_start and again == at_start


def test_the_language_is_chosen_in_one_place_with_a_fallback(tmp_path, caplog):
    library = load_content(write_tree(tmp_path / "content", {"es/a.md": "# A\n"}))
    assert choose_language(library, "es") == "es"
    assert choose_language(library, "en") == "es"  # no English pages: the language there is
    assert "no content for language 'en'; showing 'es'" in caplog.text
    assert KioskSession(library, Config(default_language="en")).lang == "es"


def test_the_session_renders_pages_without_a_window(tmp_path):
    session, _ = session_on(tmp_path)
    assert not session.renderer_made  # nothing rendered before a page is asked for
    rendered = session.render("alpha")
    assert "Alpha" in rendered.html and session.renderer.is_cached("en", "alpha")
    assert "Alfa" in session.render("alpha", lang="es").html


def test_the_session_and_launch_options_never_load_qt():
    code = ("import sys, kiosk.core.session, kiosk.launch_options; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
