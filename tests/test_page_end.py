"""Under every page: "Was this page helpful?", "Take this page home" (a QR code), and the Usage screen."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from kiosk_mode_support import kiosk_window
from PySide6.QtCore import Qt

from kiosk.core.usage import UsageLog, UsageStore

URL = "https://clinic.example/kiosk/{lang}/{page}.html"
ZBARIMG = shutil.which("zbarimg")


def open_page(qtbot, window, page_id: str) -> None:
    window.session.open(page_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page_screen)


def click(qtbot, widget) -> None:
    assert widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_one_answer_per_page_a_thank_you_and_a_new_question_for_the_next_patient(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    open_page(qtbot, window, "alpha")
    bar = window.page_screen.end_bar.helpful
    assert bar.question.text() == "Was this page helpful?"
    assert min(bar.yes_button.height(), bar.yes_button.width()) >= 44  # a finger's size
    click(qtbot, bar.yes_button)
    assert not bar.yes_button.isVisible() and not bar.no_button.isVisible()
    assert bar.thanks.isVisible() and bar.thanks.text() == "Thank you for telling us."
    open_page(qtbot, window, "beta")
    assert bar.yes_button.isVisible()  # another page: asked again
    open_page(qtbot, window, "alpha")
    assert bar.thanks.isVisible() and not bar.yes_button.isVisible()  # answered already
    assert window.session.helpful_answers == {"alpha": True}
    window.kiosk_mode.reset()  # the next patient
    assert window.session.helpful_answers == {}
    qtbot.waitUntil(lambda: bool(window.page_end.usage.log.store.totals(30)))
    [alpha] = [f for f in window.page_end.usage.log.store.totals(30) if f.page == "alpha"]
    assert (alpha.views, alpha.helpful_yes, alpha.helpful_no) == (2, 1, 0)
    window.kiosk_mode._start_session()
    open_page(qtbot, window, "alpha")
    assert bar.yes_button.isVisible() and not bar.thanks.isVisible()


def test_the_question_is_asked_in_spanish(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, default_language="es")
    open_page(qtbot, window, "alpha")
    bar = window.page_screen.end_bar.helpful
    assert (bar.question.text(), bar.yes_button.text(), bar.no_button.text()) == (
        "¿Le ha servido esta página?", "Sí", "No")
    click(qtbot, bar.no_button)
    assert bar.thanks.text() == "Gracias por decírnoslo."
    assert window.session.helpful_answers == {"alpha": False}


def test_without_take_home_url_there_is_no_button(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path)
    open_page(qtbot, window, "alpha")
    assert not window.page_screen.end_bar.take_home_button.isVisible()


@pytest.mark.skipif(ZBARIMG is None, reason="zbarimg is not installed (Debian: zbar-tools; "
                    "packaging/linux/ensure_build_deps.sh installs it): the code is not decoded")
@pytest.mark.parametrize(("lang", "page"), [("en", "alpha/one"), ("es", "alpha")])
def test_the_code_on_screen_decodes_to_the_pages_exact_address(qtbot, tmp_path, lang, page):
    window = kiosk_window(qtbot, tmp_path, take_home_url=URL, default_language=lang)
    open_page(qtbot, window, page)
    button = window.page_screen.end_bar.take_home_button
    click(qtbot, button)
    layer = window.page_end.take_home
    assert layer.isVisible() and layer.geometry() == window.rect()
    shot = tmp_path / "code.png"
    assert layer.code.grab().save(str(shot), "PNG")
    decoded = subprocess.run([ZBARIMG, "--raw", "-q", str(shot)], capture_output=True, text=True,
                             timeout=30, check=False).stdout.strip()
    assert decoded == f"https://clinic.example/kiosk/{lang}/{page}.html"
    assert layer.code.module_pixels >= 8  # whole pixels a module: crisp, never smoothed
    assert layer.code.width() >= 300  # about 8 cm or more on a kiosk screen: 40 cm away is fine
    expected = {"en": "Point your phone's camera", "es": "Apunte la cámara"}[lang]
    assert layer.instructions.text().startswith(expected)
    click(qtbot, layer.close_button)
    assert not layer.isVisible()
    window.page_end.usage.flush()
    [figures] = [f for f in window.page_end.usage.log.store.totals(30) if f.page == page]
    assert figures.qr_shows == 1


def test_the_idle_reset_closes_the_code(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, take_home_url=URL)
    open_page(qtbot, window, "beta")
    click(qtbot, window.page_screen.end_bar.take_home_button)
    layer = window.page_end.take_home
    assert layer.isVisible()
    window.kiosk_mode.set_timeouts(60, 200)
    qtbot.waitUntil(lambda: window.kiosk_mode.attract.isVisible(), timeout=5000)
    assert not layer.isVisible()


def test_staff_see_most_read_and_most_helpful_pages_with_small_counts_hidden(qtbot, tmp_path,
                                                                              private_data_dir):
    log = UsageLog(UsageStore())
    for _ in range(12):
        log.record_view("alpha", "en")
    for _ in range(3):
        log.record_view("beta", "es")
    for _ in range(6):
        log.record_helpful("alpha", "en", True)
    log.record_helpful("beta", "en", True)
    log.flush()
    log.store.close()
    window = kiosk_window(qtbot, tmp_path, idle_ms=60_000)
    mode = window.kiosk_mode
    mode._open_staff_menu()
    click(qtbot, mode.staff_menu.buttons["staff_usage"])
    screen = mode._usage_screen
    assert screen is not None and screen.isVisible()
    assert screen.title.text() == "Usage: the last 30 days"
    assert [title for title, _ in screen.most_read.rows] == ["Alpha section", "Beta section"]
    assert screen.most_read.shown_counts() == ["12", "fewer than 5"]
    assert screen.most_helpful.shown_counts() == ["6", "fewer than 5"]
    click(qtbot, screen.back_button)
    assert not screen.isVisible() and mode.staff_menu.isVisible()


def test_nothing_new_is_imported_before_the_first_screen(tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from kiosk.app import create_window\n"
        "window = create_window(['--windowed'])\n"
        "window.show(); app.processEvents()\n"
        "print(sorted(m for m in ('sqlite3', 'segno', 'kiosk.ui.take_home', 'kiosk.core.usage',"
        " 'kiosk.ui.usage_screen') if m in sys.modules))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path / "data"),
           "KIOSK_LOG_DIR": str(tmp_path / "log"), "KIOSK_CACHE_DIR": str(tmp_path / "cache"),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_listen_is_counted_once_for_listen_pause_resume(qtbot, tmp_path):
    from test_read_aloud import reading_window, tap_listen

    window = reading_window(qtbot, tmp_path)
    tap_listen(qtbot, window)  # Listen
    tap_listen(qtbot, window)  # Pause
    tap_listen(qtbot, window)  # Resume
    usage = window.page_end.usage
    usage.flush()
    [care] = [f for f in usage.log.store.totals(30) if f.page == "care"]
    assert (care.views, care.listens) == (1, 1)


def test_an_answered_page_then_a_new_one_at_the_largest_text_keeps_the_window_on_screen(qtbot,
                                                                                        tmp_path):
    window = kiosk_window(qtbot, tmp_path, "--windowed", take_home_url=URL, idle_ms=60_000)
    open_page(qtbot, window, "beta")
    click(qtbot, window.page_screen.end_bar.helpful.yes_button)  # the thank-you shows
    window.session.next_text_size()
    window.session.next_text_size()  # largest
    open_page(qtbot, window, "alpha")  # the question and its buttons come back
    qtbot.wait(50)
    assert window.width() == 1366  # (they once grew the window to 1407 px, past the screen)


def test_the_question_and_its_buttons_grow_with_the_text_size(qtbot, tmp_path):
    window = kiosk_window(qtbot, tmp_path, "--windowed", take_home_url=URL, idle_ms=60_000)
    open_page(qtbot, window, "alpha")
    bar = window.page_screen.end_bar
    shown = (bar.helpful.question, bar.helpful.yes_button, bar.take_home_button)
    normal = [widget.fontInfo().pixelSize() for widget in shown]
    window.session.next_text_size()
    window.session.next_text_size()  # largest
    qtbot.wait(20)
    largest = [widget.fontInfo().pixelSize() for widget in shown]
    assert all(big >= 1.4 * small for big, small in zip(largest, normal, strict=True)), (normal,
                                                                                        largest)
    assert window.width() == 1366 and bar.helpful.yes_button.width() >= \
        bar.helpful.yes_button.sizeHint().width()  # the words still fit their buttons
    window.session.reset_for_next_patient()
    open_page(qtbot, window, "alpha")  # (a hidden screen takes its new look when shown)
    assert [widget.fontInfo().pixelSize() for widget in shown] == normal
