"""The self-test: opens every page of every language in the real window and checks each one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtGui import QFontDatabase, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import FAMILY as FONT_FAMILY
from kiosk.ui.main_window import KioskWindow

FONT_FACES = ("Regular", "Bold", "Italic", "Bold Italic")  # as Qt names the four files
_RULE = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
_SHOWN = re.compile(r"[^\W_]|\ufffc")  # a letter or digit, or a picture


@dataclass
class SelfTestReport:
    """What the self-test found: one line per problem, and a one-line summary."""

    pages: int = 0
    languages: list[str] = field(default_factory=list)
    speech: str = ""  # read aloud: the engine and each language's voice (or why there is none)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when every page rendered without error."""
        return not self.failures and self.pages > 0

    @property
    def lines(self) -> list[str]:
        """Return every problem, failures first."""
        return [f"FAIL {f}" for f in self.failures] + [f"warn {w}" for w in self.warnings]

    @property
    def summary(self) -> str:
        """Return the one-line summary."""
        verdict = "passed" if self.ok else "FAILED"
        langs = ", ".join(self.languages) or "none"
        return (f"self-test {verdict}: {self.pages} pages in {len(self.languages)} "
                f"language(s) ({langs}) rendered, {len(self.failures)} failure(s), "
                f"{len(self.warnings)} warning(s)")


def staff_pin_problem() -> str | None:
    """Return why a staff PIN could not be checked in this build (frozen: a module left out), or None."""
    from kiosk.core.staff_pin import hash_pin, verify_pin

    try:
        stored = hash_pin("2468", n=16)  # cheap cost: this checks the code path, not the strength
        if verify_pin("2468", stored) and not verify_pin("1357", stored):
            return None
        return "staff PIN check gives wrong answers"
    except Exception as exc:  # any failure here means staff could not get out
        return f"staff PIN check does not work ({type(exc).__name__}: {exc})"


def own_text(document: QTextDocument) -> str:
    """Return the text a shown page has of its own, above its footer (a picture is U+FFFC)."""
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    rules = [i for i, b in enumerate(blocks) if b.blockFormat().hasProperty(_RULE)]
    body = blocks[:rules[-1]] if rules else blocks  # (the footer starts with a rule: rendering.py)
    return "\n".join(b.text() for b in body)


def shows_nothing(document: QTextDocument) -> bool:
    """Return True when a shown page has no word and no picture of its own (as content.has_content)."""
    return _SHOWN.search(own_text(document)) is None


def run_self_test(window: KioskWindow, app: QApplication) -> SelfTestReport:
    """Visit the home screen and every page of every language, forcing each to paint."""
    report = SelfTestReport()
    session = window.session
    for problem in session.library.problems:
        (report.failures if problem.severity == "error" else report.warnings).append(str(problem))
    if FONT_FAMILY not in app.font().family():
        report.failures.append(f"font '{FONT_FAMILY}' is not in use (got '{app.font().family()}')")
    screen = window.prepare_page_screen()  # which loads the italic faces pages use
    missing = set(FONT_FACES) - set(QFontDatabase.styles(FONT_FAMILY))
    if missing:
        report.failures.append(f"font '{FONT_FAMILY}' misses faces: {', '.join(sorted(missing))}")
    if not screen.content_css:
        report.failures.append("content stylesheet is missing or empty")
    window.speech.probe(session.library.codes)  # (the kiosk does it while idle after start-up)
    report.speech = f"read aloud: {window.speech.describe()}"
    pin_problem = staff_pin_problem()
    if pin_problem:
        report.failures.append(pin_problem)
    start_lang = session.lang
    for code in sorted(session.library.languages):
        session.set_language(code)
        report.languages.append(code)
        session.home()
        app.processEvents()
        if window.home_screen.grab().isNull() or not window.home_screen.tiles:
            report.failures.append(f"{code}: home screen shows no section tiles")
        language = session.language
        for page in language.shown_pages() if language else []:  # (as `kiosk check` counts them)
            report.pages += 1
            session.open(page.id)
            app.processEvents()
            view = screen.view
            rendered = session.render(page.id)
            for problem in rendered.problems:
                target = report.failures if problem.severity == "error" else report.warnings
                target.append(str(problem))
            if session.location.page_id != page.id or window.stack.currentWidget() is not screen:
                report.failures.append(f"{code}/{page.id}: page did not come on screen")
            elif not page.placeholder and shows_nothing(view.document()):
                report.failures.append(f"{code}/{page.id}: page is empty (no word and no picture "
                                       "above its footer)")
            elif view.viewport().grab().isNull():
                report.failures.append(f"{code}/{page.id}: page could not be painted")
    session.set_language(start_lang)
    session.home()
    return report
