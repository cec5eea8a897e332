"""Soak run: thousands of random taps, drags, keys and idle periods on the real kiosk window.

Offscreen, inside the real event loop, with a short idle time so the "Are you still there?"
question and the reset for the next patient happen many times. Reports events sent,
unexpected exceptions (must be 0), Qt warnings, and resident memory (growth must stay small).

    python tools/soak.py [--events 10000] [--seed 1] [--size 1920x1080]
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import create_window, ensure_application
from kiosk.core.body_regions import BODY_MAP_ID, REGIONS
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.failure_budget import FailureBudget
from kiosk.core.staff_pin import hash_pin
from kiosk.logs import setup_logging
from kiosk.ui.crash_guard import CrashGuard

MIB = 1024 * 1024
IDLE_MS, WARNING_MS = 300, 500  # short, so idle questions and resets really happen
HARMLESS = ("This plugin does not support",)
KEYS = [
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
]


def rss() -> int:
    """Return this process's resident memory in bytes, after a garbage collection."""
    gc.collect()
    return psutil.Process().memory_info().rss


def settled_rss(window, app: QApplication) -> int:
    """Return the memory in the kiosk's resting state: reset for the next patient, pages rendered ahead.

    A staff reload empties the page cache and the prerenderer fills it again over a few
    seconds; memory taken before it has finished would count that refill as growth.
    """
    window.kiosk_mode.reset()
    deadline = time.monotonic() + 60
    while True:
        for _ in range(3):
            app.processEvents()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if window.prerender.pending == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    return rss()


def warm_up(window, app: QApplication) -> None:
    """Show every screen once (pages, body map, word pop-ups, languages, text sizes, contrast, layers)."""
    mode = window.kiosk_mode
    for code in sorted(window.session.library.languages):
        window.session.set_language(code)
        for settings in (DisplaySettings(), DisplaySettings(text_step=1, high_contrast=True),
                         DisplaySettings(text_step=2)):
            window.session.set_display(settings)
            for page in window.session.language.ordered():
                window.session.open(page.id)
                app.processEvents()
            if window.page_end is not None:  # the last page's take-home code (segno) once
                window.page_end.show_take_home()
                app.processEvents()
                window.page_end.take_home.close_layer()
            window.session.open(BODY_MAP_ID)  # "Where does it hurt?" and each region's list
            for region in REGIONS:
                window.session.choose_region(region)
                app.processEvents()
            for key in list(window.session.renderer.glossary(code).terms)[:3]:  # word pop-ups
                window.show_glossary(key)
                app.processEvents()
            window.session.home()
            app.processEvents()
        mode.open_pin_pad()
        mode.pin_pad.close_pad()
        mode.staff_menu.apply_look(window.session.look.with_normal_text())
        mode.staff_menu.present()
        mode.reload_content()
        mode.open_usage()  # the Usage screen (and SQLite) once
        app.processEvents()
        mode.ask_if_still_there()
        app.processEvents()
        mode.reset()
        app.processEvents()


class Soak:
    """Sends one random action per event-loop turn until `total` events have been sent."""

    def __init__(self, window, app: QApplication, total: int, seed: int):
        self.window = window
        self.app = app
        self.total = total
        self.random = random.Random(seed)
        self.sent = 0
        self.actions: Counter[str] = Counter()
        self.touch = QTest.createTouchDevice()
        self.handle = window.windowHandle()
        self.rss_warm = 0
        self.rss_end = 0
        self.samples: list[tuple[int, int]] = []
        self.next_sample = 0
        self.seen: Counter[str] = Counter()
        mode = window.kiosk_mode
        mode.overlay.expired.connect(lambda: self.seen.update(["reset for next patient"]))
        mode.guard.idle.connect(lambda: self.seen.update(["idle question shown"]))
        window.bridge.location_changed.connect(
            lambda where: self.seen.update(["home" if where.is_home else "page shown"]))
        mode.pin_pad.accepted.connect(lambda: self.seen.update(["staff menu opened"]))
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.step)

    def point(self) -> QPoint:
        return QPoint(self.random.randrange(self.window.width()),
                      self.random.randrange(self.window.height()))

    def clamp(self, x: int, y: int) -> QPoint:
        return QPoint(min(max(0, x), self.window.width() - 1),
                      min(max(0, y), self.window.height() - 1))

    def step(self) -> None:
        if self.sent >= self.total:
            self.rss_end = settled_rss(self.window, self.app)
            self.app.exit(0)
            return
        if not self.rss_warm:
            self.rss_warm = settled_rss(self.window, self.app)
        if self.sent >= self.next_sample:
            self.samples.append((self.sent, rss()))
            self.next_sample += max(1, self.total // 10)
        roll = self.random.random()
        pause = 0
        if roll < 0.40:
            self.tap()
        elif roll < 0.55:
            self.touch_tap()
        elif roll < 0.70:
            self.drag()
        elif roll < 0.85:
            self.key()
        elif roll < 0.92:
            self.wheel()
        elif roll < 0.95:
            self.staff()
        elif roll < 0.985:
            self.actions["short pause"] += 1
            pause = self.random.randrange(20, 200)
        else:
            self.actions["idle period"] += 1  # long enough for the question, often the reset
            pause = self.random.randrange(IDLE_MS + 50, IDLE_MS + WARNING_MS + 400)
        self.timer.start(pause)

    def tap(self) -> None:
        QTest.mouseClick(self.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         self.point())
        self.sent += 2
        self.actions["mouse tap"] += 1

    def touch_tap(self) -> None:
        pos = self.point()
        QTest.touchEvent(self.window, self.touch).press(0, pos, self.window).commit()
        QTest.touchEvent(self.window, self.touch).release(0, pos, self.window).commit()
        self.sent += 2
        self.actions["touch tap"] += 1

    def drag(self) -> None:
        start = self.point()
        QTest.mousePress(self.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         start)
        pos = start
        for _ in range(6):
            pos = self.clamp(pos.x() + self.random.randint(-60, 60),
                             pos.y() + self.random.randint(-160, 160))
            QTest.mouseMove(self.handle, pos)
        QTest.mouseRelease(self.handle, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, pos)
        self.sent += 8
        self.actions["drag"] += 1

    def key(self) -> None:
        key, modifiers = self.random.choice(KEYS)
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifiers)
        self.sent += 2
        self.actions["key"] += 1

    def wheel(self) -> None:
        pos = self.point()
        target = self.window.childAt(pos) or self.window
        local = QPointF(target.mapFrom(self.window, pos))
        modifiers = (Qt.KeyboardModifier.ControlModifier if self.random.random() < 0.2
                     else Qt.KeyboardModifier.NoModifier)
        event = QWheelEvent(local, QPointF(self.window.mapToGlobal(pos)), QPoint(0, 0),
                            QPoint(0, self.random.choice((-240, -120, 120, 240))),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(target, event)
        self.sent += 1
        self.actions["wheel"] += 1

    def staff(self) -> None:
        """Five quick taps on the clinic's name, then a PIN (sometimes right), then a button."""
        label = self.window.clinic_label
        for _ in range(5):
            QTest.mouseClick(label, Qt.MouseButton.LeftButton)
        pad = self.window.kiosk_mode.pin_pad
        pin = "2468" if self.random.random() < 0.5 else "1357"
        for digit in pin:
            QTest.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
        QTest.mouseClick(pad.enter_button, Qt.MouseButton.LeftButton)
        menu = self.window.kiosk_mode.staff_menu
        if menu.isVisible():  # Reload content sometimes, then Back to kiosk (never Exit)
            if self.random.random() < 0.3:
                QTest.mouseClick(menu.buttons["staff_reload"], Qt.MouseButton.LeftButton)
                self.sent += 2
            QTest.mouseClick(menu.buttons["back_to_kiosk"], Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(pad.back_button, Qt.MouseButton.LeftButton)
        self.sent += 2 * (5 + len(pin) + 2)
        self.actions["staff sequence"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", default="1920x1080")
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    width, height = (int(n) for n in options.size.lower().split("x"))
    screen = {"synchronousWindowSystemEvents": True, "windowFrameMargins": False,
              "screens": [{"name": "soak", "x": 0, "y": 0, "width": width, "height": height,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
    (folder / "screen.json").write_text(json.dumps(screen), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={folder / 'screen.json'}"
    os.environ.setdefault("KIOSK_LOG_DIR", str(folder / "logs"))
    os.environ.setdefault("KIOSK_CACHE_DIR", str(folder / "cache"))
    os.environ.setdefault("KIOSK_DATA_DIR", str(folder / "data"))  # the usage figures
    log_file = setup_logging(verbose=False)
    root = logging.getLogger()
    for handler in list(root.handlers):  # the log file only: the report is the output
        if type(handler) is logging.StreamHandler:
            root.removeHandler(handler)
    warnings: Counter[str] = Counter()

    def on_qt_message(kind, _context, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not message.startswith(HARMLESS):
            warnings[message[:120]] += 1

    qInstallMessageHandler(on_qt_message)
    config = folder / "kiosk.toml"
    config.write_text(f'staff_pin_hash = "{hash_pin("2468", n=2**10)}"\n'
                      'take_home_url = "https://clinic.example/kiosk/{lang}/{page}.html"\n',
                      encoding="utf-8")
    app = ensure_application()
    window = create_window(["--config", str(config), "--size", options.size])
    window.kiosk_mode.set_timeouts(IDLE_MS, WARNING_MS)
    exceptions: list[str] = []
    guard = CrashGuard(window.kiosk_mode.recover, FailureBudget(limit=10**9),
                       lambda code: None)
    original = guard.handle

    def count_and_handle(exc_type, exc, tb) -> None:
        exceptions.append(f"{exc_type.__name__}: {exc}")
        original(exc_type, exc, tb)

    guard.handle = count_and_handle
    guard.install()
    window.showFullScreen()
    window.kiosk_mode.show_attract()
    app.processEvents()
    rss_launch = rss()
    warm_up(window, app)
    soak = Soak(window, app, options.events, options.seed)
    started = time.monotonic()
    soak.timer.start(0)
    app.exec()
    guard.uninstall()
    seconds = time.monotonic() - started
    rss_end = soak.rss_end
    growth = rss_end - soak.rss_warm
    print(f"soak: {soak.sent} input events sent in {seconds:.0f} s "
          f"(seed {options.seed}, window {window.width()}x{window.height()}, full screen, "
          f"idle {IDLE_MS} ms + question {WARNING_MS} ms)")
    print("actions: " + ", ".join(f"{k} {v}" for k, v in sorted(soak.actions.items())))
    print("kiosk: " + ", ".join(f"{k} {v}" for k, v in sorted(soak.seen.items())))
    print(f"unexpected exceptions: {len(exceptions)}")
    for line in exceptions[:10]:
        print(f"  {line}")
    print(f"Qt warnings: {sum(warnings.values())}")
    for message, count in warnings.most_common(10):
        print(f"  {count} x {message}")
    print("memory is measured just after a reset for the next patient, every page rendered ahead "
          "(the resting state)")
    print(f"memory (RSS): at launch {rss_launch / MIB:.1f} MiB; at start, after every screen "
          f"was shown once {soak.rss_warm / MIB:.1f} MiB; at end {rss_end / MIB:.1f} MiB; "
          f"growth {growth / MIB:+.2f} MiB (limit 1 MiB)")
    print("memory samples (events: MiB): " + ", ".join(
        f"{sent}: {value / MIB:.1f}" for sent, value in soak.samples))
    print(f"log file: {log_file}")
    if window.page_end is not None:  # the usage figures the soak's patients left
        usage = window.page_end.usage
        usage.flush()
        store = usage.log.store
        rows = store.totals(3660, by_language=True)
        print(f"usage figures: {store.size() / 1024:.0f} KiB on disk ({store.path}), "
              f"{len(rows)} page/language rows, "
              f"{sum(r.views for r in rows)} views, {sum(r.qr_shows for r in rows)} codes shown, "
              f"{sum(r.helpful_yes + r.helpful_no for r in rows)} helpful answers")
    print(f"window still open: {window.isVisible()}")
    ok = not exceptions and growth < 1 * MIB and window.isVisible() and soak.sent >= options.events
    print("soak " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
