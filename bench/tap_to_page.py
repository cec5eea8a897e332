"""Tap to page, in-process: from a real tap on a tile, panel button or link to the page painted.

Every page of every language is reached the way a patient reaches it: section pages by their
home-screen tile, sub-pages by their button in the section panel, and (separately) the first
visible link to another page on each page. Home and language-button taps are timed too.
A tap is QTest.mouseClick on the real widget; the clock stops once the pending deletions and
events (layout, then the paint Qt schedules) are done and the new screen has been painted: if
Qt has not painted it by then, the whole window is repainted by force. So the figure includes
layout and painting, not only the method call, and nothing is painted twice.
The first round is "cold": every page's first tap since start-up (after the kiosk idled a few
seconds, as it does before the first patient); later rounds are "warm".
Then the resident memory is followed over many more navigations, after a warm-up.
Run alone: python -m bench.tap_to_page [ROUNDS] [NAVIGATIONS] [IDLE_S]  (prints JSON)
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path

import psutil
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from bench.stats import summary_ms

HERE = Path(__file__).resolve().parent
SCREEN_CONFIG = HERE.parent / "tests" / "screen-1920x1080.json"
MIB = 1024 * 1024


def use_offscreen_screen() -> None:
    """Give Qt an offscreen 1920x1080 screen (unless a platform was chosen already)."""
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN_CONFIG}")


def run_loop(app, seconds: float) -> None:
    """Run the Qt event loop for `seconds` of wall time."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(loop.quit)
    timer.start(round(seconds * 1000))
    loop.exec()


class TapDriver:
    """Drives a KioskWindow by taps, as a patient would, and times each tap to the painted page."""

    def __init__(self, window, app):
        self.window = window
        self.app = app
        self._flush = lambda: QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.misses: list[str] = []
        self.paints = PaintCounter()
        for screen in (window.page_screen.view.viewport(), window.home_screen):
            screen.installEventFilter(self.paints)
        self.forced = 0  # taps after which Qt had not painted the screen by itself
        self.last_cpu_ms = 0.0  # CPU time of the last tap (less disturbed by a busy machine)

    def settle(self) -> None:
        """Finish everything pending: deletions, events, layout and the paints Qt scheduled."""
        self._flush()
        self.app.processEvents()

    def tap(self, widget, pos=None) -> float:
        """Tap `widget` (at its centre, or `pos`) and return the milliseconds until painted."""
        point = pos if pos is not None else widget.rect().center()
        paints_before = self.paints.count
        start, cpu_start = time.perf_counter(), time.process_time()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self.settle()
        if self.paints.count == paints_before:  # Qt has not painted yet: force it
            self.forced += 1
            self.window.repaint()
            self.app.processEvents()
        self.last_cpu_ms = (time.process_time() - cpu_start) * 1000
        return (time.perf_counter() - start) * 1000

    def go_home(self) -> float | None:
        """Tap Home if not on the home screen; return its time (None when already home)."""
        if self.window.session.location.is_home:
            return None
        return self.tap(self.window.nav_bar.home_button)

    def switch_language(self, lang: str) -> float | None:
        """Tap the home screen's button for `lang`; its time, or None if already in `lang`."""
        self.go_home()
        if self.window.session.lang == lang:
            return None
        button = self.window.home_screen.languages.buttons.get(lang)
        if button is None:  # no language buttons in this version: switch without a tap
            self.window.session.set_language(lang)
            self.settle()
            return None
        ms = self.tap(button)
        if self.window.session.lang != lang:
            self.misses.append(f"language {lang}")
        return ms

    def open_by_tap(self, page) -> tuple[str, float]:
        """Reach `page` by its tile (sections) or its panel button; return (kind, ms)."""
        window = self.window
        if page.parent is None:
            self.go_home()
            tile = next(t for t in window.home_screen.tiles if t.page_id == page.id)
            kind, ms = "tile", self.tap(tile)
        else:
            panel = window.page_screen.panel
            if window.session.location.is_home or not any(b.page_id == page.id for b in panel.buttons):
                window.session.open(page.parent)  # set-up, not timed
                self.settle()
            button = next(b for b in panel.buttons if b.page_id == page.id)
            panel.ensureWidgetVisible(button)
            self.settle()
            kind, ms = "panel", self.tap(button)
        if window.session.location.page_id != page.id:
            self.misses.append(f"{window.session.lang}/{page.id} by {kind}")
        return kind, ms

    def link_tap(self, page) -> float | None:
        """On `page`, tap the first visible link to another page; None when it has none."""
        window = self.window
        if window.session.location.page_id != page.id:
            window.session.open(page.id)
            self.settle()
        found = visible_page_link(window.page_screen.view)
        if found is None:
            return None
        target, point = found
        ms = self.tap(window.page_screen.view.viewport(), point)
        if window.session.location.page_id != target:
            self.misses.append(f"{window.session.lang}/{page.id} link to {target}")
        return ms


class PaintCounter(QObject):
    """Counts the paint events of the widgets it watches (the page text, the home screen)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        """Count a paint; never consume the event."""
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def visible_page_link(view):
    """Return (page id, viewport point) of the first link to a page visible in `view`, or None."""
    from kiosk.core.links import parse_internal_url

    document = view.document()
    area = view.viewport().rect()
    block = document.begin()
    while block.isValid():
        for item in block:
            fragment = item.fragment()
            fmt = fragment.charFormat()
            if not fmt.isAnchor():
                continue
            target = parse_internal_url(fmt.anchorHref())
            if target.kind != "page":
                continue
            point = _point_on_link(view, fragment, fmt.anchorHref())
            if point is not None and area.contains(point):
                return target.page_id, point
        block = block.next()
    return None


def _point_on_link(view, fragment, href: str):
    """Return a viewport point inside the drawn text of a link fragment, or None.

    The middle character first; a link that wraps onto the next line can have its middle at
    the end of a line, where a tap misses it, so the other characters are tried too.
    """
    document = view.document()
    middle = fragment.position() + fragment.length() // 2
    offsets = sorted(range(fragment.position(), fragment.position() + fragment.length()),
                     key=lambda pos: abs(pos - middle))
    for position in offsets:
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        point = view.cursorRect(cursor).center() + QPoint(3, 0)  # into the character, not its edge
        if view.anchorAt(point) == href:
            return point
    return None


def rss_mib() -> float:
    """Return this process's resident memory in MiB."""
    return psutil.Process().memory_info().rss / MIB


def measure_taps(rounds: int = 30, navigations: int = 5000, idle_s: float = 3.0) -> dict:
    """Time taps to every page of every language for `rounds` rounds, then follow memory.

    Before the first tap the kiosk idles `idle_s` seconds on its home screen with the event
    loop running, as it does before the first patient comes (0: tap straight after start-up).
    """
    use_offscreen_screen()
    from kiosk.app import create_window, ensure_application

    app = ensure_application()
    window = create_window(["--size", "1920x1080"])
    window.show()
    driver = TapDriver(window, app)
    driver.settle()
    if idle_s > 0:
        run_loop(app, idle_s)
    languages = sorted(window.session.library.languages)
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {"cold": {}, "warm": {}}
    page_count = 0
    for round_index in range(rounds):
        phase = samples["cold" if round_index == 0 else "warm"]
        for lang in languages:
            ms = driver.switch_language(lang)
            if ms is not None:
                phase.setdefault("language", []).append((ms, driver.last_cpu_ms))
            pages = window.session.language.ordered()
            if round_index == 0:
                page_count += len(pages)
            for page in pages:
                kind, ms = driver.open_by_tap(page)
                phase.setdefault(kind, []).append((ms, driver.last_cpu_ms))
                home_ms = driver.go_home()
                if home_ms is not None:
                    phase.setdefault("home", []).append((home_ms, driver.last_cpu_ms))
            for page in pages:
                ms = driver.link_tap(page)
                if ms is not None:
                    phase.setdefault("link", []).append((ms, driver.last_cpu_ms))
    result: dict = {"languages": languages, "pages": page_count, "rounds": rounds,
                    "idle_before_s": idle_s}
    for phase_name, phase in samples.items():
        pages = phase.get("tile", []) + phase.get("panel", []) + phase.get("link", [])
        result[phase_name] = {"page": summary_ms(pages)}
        result[phase_name].update({kind: summary_ms(values) for kind, values in phase.items()})
    result["restyle"] = measure_restyles(window, driver, languages, max(3, rounds // 2))
    result["memory"] = follow_memory(window, driver, languages, navigations) if navigations else None
    result["forced_repaints"] = driver.forced
    result["misses"] = driver.misses[:20]
    result["miss_count"] = len(driver.misses)
    window.close()
    return result


def measure_restyles(window, driver: TapDriver, languages: list[str], rounds: int) -> dict:
    """Time Text size and High contrast taps on pages and on the home screen (ms to painted).

    Each round taps Text size three times (normal, large, largest, back to normal) and High
    contrast twice (on, off) on a few pages of each language, then the same on the home screen.
    """
    samples: dict[str, list[tuple[float, float]]] = {}

    def restyle_taps(where: str) -> None:
        for _ in range(3):
            ms = driver.tap(window.nav_bar.text_size_button)
            samples.setdefault(f"text_size_{where}", []).append((ms, driver.last_cpu_ms))
        for _ in range(2):
            ms = driver.tap(window.nav_bar.contrast_button)
            samples.setdefault(f"contrast_{where}", []).append((ms, driver.last_cpu_ms))

    for _ in range(rounds):
        for lang in languages:
            driver.switch_language(lang)
            pages = window.session.language.ordered()
            for page in pages[:: max(1, len(pages) // 4)][:4]:
                window.session.open(page.id)
                driver.settle()
                restyle_taps("page")
            driver.go_home()
            restyle_taps("home")
    return {kind: summary_ms(values) for kind, values in samples.items()}


def follow_memory(window, driver: TapDriver, languages: list[str], navigations: int) -> dict:
    """Navigate `navigations` times by taps (pages and Home) and report resident memory."""
    def steps():
        while True:
            for lang in languages:
                window.session.set_language(lang)
                yield from window.session.language.ordered()

    walk = steps()
    for _ in range(300):  # warm-up: every cache and pool filled
        driver.open_by_tap(next(walk))
    gc.collect()
    driver.settle()
    start = rss_mib()
    checkpoints = []
    done = 0
    while done < navigations:
        page = next(walk)
        driver.open_by_tap(page)
        done += 1
        if (page.parent is None or done % 7 == 0) and driver.go_home() is not None:
            done += 1
        if done // 1000 > len(checkpoints):
            gc.collect()
            checkpoints.append((done, round(rss_mib() - start, 2)))
    gc.collect()
    driver.settle()
    end = rss_mib()
    return {"navigations": done, "rss_start_mib": round(start, 1), "rss_end_mib": round(end, 1),
            "growth_mib": round(end - start, 2), "checkpoints": checkpoints}


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    print(json.dumps(measure_taps(*(int(a) for a in args[:2]), *args[2:])))
