"""Builds the wired main window from command-line options; runs, screenshots or self-tests it."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk import APP_NAME, __version__, startup_gc
from kiosk.cli import parse_args
from kiosk.core.config import load_config
from kiosk.core.content import load_for_kiosk
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.resources import default_content_dir
from kiosk.core.stylesheets import BASE_HEIGHT, BASE_WIDTH, screen_scale
from kiosk.logs import log_dir
from kiosk.ui import fonts, qt_log
from kiosk.ui.crash_guard import CrashGuard, enable_faulthandler
from kiosk.ui.kiosk_mode import KioskMode
from kiosk.ui.lockdown import hide_cursor_if_touch_only
from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)
DEMO_SIZE = (1366, 768)


def ensure_application() -> QApplication:
    """Return the running QApplication, creating one (with fonts) if there is none."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0] if sys.argv else "kiosk"])
    fonts.load_fonts()  # (the faces already in are not loaded again)
    return app


def target_size(options: argparse.Namespace, fullscreen: bool) -> tuple[int, int]:
    """Return the window size: --size, else the screen (full screen), else a laptop-sized window."""
    if options.size:
        return options.size
    if options.screenshot or options.self_test:
        return BASE_WIDTH, BASE_HEIGHT
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return BASE_WIDTH, BASE_HEIGHT
    geometry = screen.availableGeometry() if not fullscreen else screen.geometry()
    if fullscreen:
        return geometry.width(), geometry.height()
    return min(DEMO_SIZE[0], geometry.width()), min(DEMO_SIZE[1], geometry.height() - 40)


def build_window(options: argparse.Namespace) -> KioskWindow:
    """Build the fully wired window for parsed options (the QApplication must exist)."""
    ensure_application()
    loaded = load_config(options.config)
    for problem in loaded.problems:
        log.warning("%s", problem)
    config = loaded.config
    fullscreen = config.window_mode == "fullscreen" and not options.windowed
    if options.screenshot or options.self_test:
        fullscreen = False
    content_root = (options.content or default_content_dir()).expanduser()
    # The language on screen first; the others are read when asked for (the prerenderer asks
    # a second after start-up).
    library = load_for_kiosk(content_root, first=options.lang or config.default_language)
    width, height = target_size(options, fullscreen)
    display = DisplaySettings.from_names(options.text_size, options.high_contrast)
    window = KioskWindow(config, library, screen_scale(width, height), fullscreen,
                         lang=options.lang, display=display)
    window.kiosk_mode = KioskMode(window)
    if options.watch:  # live preview for authors
        from kiosk.ui.live_reload import LiveReload

        window.live_reload = LiveReload(window)
    window.resize(width, height)
    return window


def create_window(argv: list[str] | None = None) -> KioskWindow:
    """Build the main window from command-line arguments, without showing it.

    The caller owns the QApplication and the event loop (this is what the tests use).
    """
    return build_window(parse_args(argv if argv is not None else []))


def run(options: argparse.Namespace) -> int:
    """Start the kiosk and run until it is closed (full screen: on the start screen)."""
    qt_log.install()
    enable_faulthandler(log_dir())
    app = ensure_application()
    window = build_window(options)
    guard = CrashGuard(window.kiosk_mode.recover)
    guard.install()
    hide_cursor_if_touch_only(window.config.touch_only)
    if window.fullscreen:
        window.kiosk_mode.show_attract()
        window.showFullScreen()
    else:
        window.show()
    startup_gc.resume()
    code = app.exec()
    guard.uninstall()
    return guard.exit_code if guard.exit_code is not None else code


def screenshot(options: argparse.Namespace) -> int:
    """Render one screen offscreen into a PNG file."""
    qt_log.install()
    app = ensure_application()
    window = build_window(options)
    if options.lang and window.lang != options.lang:
        print(f"kiosk: error: no content for language '{options.lang}' "
              f"(have: {', '.join(window.library.codes) or 'none'})", file=sys.stderr)
        return 2
    if options.page:
        language = window.language
        if language is None or options.page not in language.pages:
            known = ", ".join(sorted(language.pages)) if language else "none"
            print(f"kiosk: error: no page '{options.page}' in '{window.lang}' (pages: {known})",
                  file=sys.stderr)
            return 2
        window.open_page(options.page)
    window.show()
    if options.overlay:
        window.kiosk_mode.preview(options.overlay)
    for _ in range(3):
        app.processEvents()
    startup_gc.resume()
    image = window.grab()
    path: Path = options.screenshot
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        print(f"kiosk: error: cannot write {path}", file=sys.stderr)
        return 1
    print(f"saved {path} ({image.width()}x{image.height()})")
    return 0


def self_test(options: argparse.Namespace) -> int:
    """Open every page of every language in the real window and report; non-zero on failure."""
    from kiosk.self_test import run_self_test

    qt_log.install()
    app = ensure_application()
    window = build_window(options)
    window.show()
    app.processEvents()
    startup_gc.resume()
    report = run_self_test(window, app)
    # A windowed build on Windows/macOS has no stdout/stderr (print() then does nothing): the
    # exit code and the log file carry the result there.
    for line in report.lines:
        log.info("self-test: %s", line)
        print(line, file=sys.stderr)
    log.info("%s", report.summary)
    print(report.summary)
    return 0 if report.ok else 1
