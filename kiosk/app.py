"""Builds the wired main window from launch options; runs, screenshots or self-tests it."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from kiosk import APP_ID, APP_NAME, __version__, startup_gc
from kiosk.arguments import parse_args
from kiosk.core.content import ContentLibrary
from kiosk.core.resources import resource_path
from kiosk.core.session import KioskSession
from kiosk.core.stylesheets import BASE_HEIGHT, BASE_WIDTH, screen_scale
from kiosk.launch_options import LaunchOptions, resolve
from kiosk.logs import log_dir, release_held
from kiosk.ui import fonts, qt_log
from kiosk.ui.crash_guard import CrashGuard, enable_faulthandler
from kiosk.ui.lockdown import hide_cursor_if_touch_only
from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)
DEMO_SIZE = (1366, 768)
LOG_RELEASE_MS = 500  # the start-up's log lines are written once the first screen is up


def ensure_application() -> QApplication:
    """Return the running QApplication, creating one (with fonts) if there is none."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else None
    if app is None:
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([sys.argv[0] if sys.argv else "kiosk"])
    # The desktop entry and icon: Wayland compositors and task bars match the window to
    # acupuncture-kiosk.desktop (and its hicolor icon) by this name; the icon is also drawn here.
    QGuiApplication.setDesktopFileName(APP_ID)
    if app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(resource_path("app-icon.svg"))))
    fonts.load_fonts()  # (the faces already in are not loaded again)
    return app


def target_size(launch: LaunchOptions) -> tuple[int, int]:
    """Return the window size: --size, else the screen (full screen), else a laptop-sized window."""
    if launch.size:
        return launch.size
    if launch.offscreen:
        return BASE_WIDTH, BASE_HEIGHT
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return BASE_WIDTH, BASE_HEIGHT
    geometry = screen.availableGeometry() if not launch.fullscreen else screen.geometry()
    if launch.fullscreen:
        return geometry.width(), geometry.height()
    return min(DEMO_SIZE[0], geometry.width()), min(DEMO_SIZE[1], geometry.height() - 40)


def build_window(launch: LaunchOptions, library: ContentLibrary) -> KioskWindow:
    """Build the fully wired window for resolved options (the QApplication must exist)."""
    ensure_application()
    width, height = target_size(launch)
    session = KioskSession(library, launch.config, screen_scale(width, height), launch.lang,
                           launch.display)
    if launch.page:
        session.open(launch.page)  # (before the window: it is built showing the page)
    window = KioskWindow(session, launch.fullscreen)
    if launch.watch:  # live preview for authors
        window.watch_content()
    window.resize(width, height)
    return window


def create_window(argv: list[str] | None = None) -> KioskWindow:
    """Build the main window from command-line arguments, without showing it.

    The caller owns the QApplication and the event loop (this is what the tests use). Bad
    options raise LaunchError.
    """
    return build_window(*resolve(parse_args(argv if argv is not None else [])))


def start(launch: LaunchOptions, library: ContentLibrary) -> int:
    """Run what the options ask for (the kiosk, a screenshot or the self-test); the exit code."""
    runner = {"run": run, "screenshot": screenshot, "self-test": self_test}[launch.action]
    return runner(launch, library)


def run(launch: LaunchOptions, library: ContentLibrary) -> int:
    """Start the kiosk and run until it is closed (full screen: on the start screen)."""
    qt_log.install()
    enable_faulthandler(log_dir())
    app = ensure_application()
    window = build_window(launch, library)
    guard = CrashGuard(window.kiosk_mode.recover)
    guard.install()
    hide_cursor_if_touch_only(launch.config.touch_only)
    window.prepare_speech()  # read aloud: the engine and voices, once the kiosk is idle
    if window.fullscreen:
        window.kiosk_mode.show_attract()
        window.showFullScreen()
    else:
        window.show()
    startup_gc.resume()
    QTimer.singleShot(LOG_RELEASE_MS, release_held)
    from kiosk.ui.watchdog import start_heartbeat

    heartbeat = start_heartbeat(window)  # systemd's watchdog, the status and Prometheus files
    code = app.exec()
    heartbeat.stop()
    guard.uninstall()
    return guard.exit_code if guard.exit_code is not None else code


def screenshot(launch: LaunchOptions, library: ContentLibrary) -> int:
    """Render one screen offscreen into a PNG file."""
    qt_log.install()
    app = ensure_application()
    window = build_window(launch, library)
    window.show()
    if launch.overlay:
        window.kiosk_mode.preview(launch.overlay)
    for _ in range(3):
        app.processEvents()
    startup_gc.resume()
    image = window.grab()
    release_held()
    path = launch.screenshot or Path("kiosk.png")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        print(f"kiosk: error: cannot write {path}", file=sys.stderr)
        return 1
    print(f"saved {path} ({image.width()}x{image.height()})")
    return 0


def self_test(launch: LaunchOptions, library: ContentLibrary) -> int:
    """Open every page of every language in the real window and report; non-zero on failure."""
    from kiosk.ui.self_test import run_self_test

    qt_log.install()
    app = ensure_application()
    window = build_window(launch, library)
    window.show()
    app.processEvents()
    startup_gc.resume()
    release_held()
    report = run_self_test(window, app)
    # A windowed build on Windows/macOS has no stdout/stderr (print() then does nothing): the
    # exit code and the log file carry the result there.
    for line in report.lines:
        log.info("self-test: %s", line)
        print(line, file=sys.stderr)
    log.info("%s", report.speech)
    print(report.speech)
    log.info("%s", report.summary)
    print(report.summary)
    return 0 if report.ok else 1
