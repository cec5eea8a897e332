"""Full-screen lockdown: exit keys, window close, context menus and dropped files do nothing."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)

# Keys that close or leave a window somewhere; on macOS Qt reads Ctrl as Cmd (so Cmd+Q, Cmd+W).
EXIT_KEYS = ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Esc", "F11", "Ctrl+Shift+Q", "Meta+Q")
DEMO_QUIT_KEYS = ("Ctrl+Q", "Ctrl+W")  # in a window (laptop demo), these close it as usual


class Lockdown(QObject):
    """Keeps a patient inside the kiosk while it runs full screen; a window closes normally.

    The page view refuses zoom itself, in a window too (PageView.viewportEvent). What the app
    cannot block (the Windows key, Ctrl+Alt+Del, the OS's own gestures) belongs to the operating
    system's kiosk setup: see docs/deploy.md.
    """

    def __init__(self, window: QMainWindow, active: bool):
        super().__init__(window)
        self.window = window
        self.active = active  # full screen: the only time it locks anything
        self.quit_allowed = False
        window.setAcceptDrops(False)  # Qt then never delivers a drop (no widget accepts one)
        window.installEventFilter(self)  # close and context menus reaching the window
        self.shortcuts = []
        for keys in EXIT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda keys=keys: self._exit_key(keys))
            self.shortcuts.append(shortcut)

    def allow_quit(self) -> None:
        """Let the next close go through (the staff chose Exit kiosk)."""
        self.quit_allowed = True

    def _exit_key(self, keys: str) -> None:
        if not self.active and keys in DEMO_QUIT_KEYS:
            self.window.close()
        elif self.active:
            log.info("lockdown: %s ignored", keys)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refuse what would leave or change the kiosk; everything else passes untouched."""
        kind = event.type()
        if watched is not self.window:
            return False
        if kind == QEvent.Type.Close and self.active and not self.quit_allowed:
            event.ignore()
            log.info("lockdown: window close refused (staff exit is through the PIN pad)")
            return True
        if kind == QEvent.Type.ContextMenu:
            log.info("lockdown: context menu refused")
            return True
        if kind == QEvent.Type.WindowStateChange and self.active and not self.quit_allowed \
                and (self.window.isMinimized() or not self.window.isFullScreen()):
            # The system minimised it or left full screen (a window-manager key or menu, a
            # swipe). A minimised window keeps its full-screen flag, so both are asked.
            left = "was minimised" if self.window.isMinimized() else "left full screen"
            log.info("lockdown: window %s; back to full screen", left)
            QTimer.singleShot(0, self._full_screen_again)
        return False

    def bring_back(self) -> None:
        """Show the kiosk full screen again if it is minimised or hidden (at every idle reset).

        The window's own state change brings it back at once; this is the second chance, for a
        window manager that took it away without telling.
        """
        window = self.window
        if not self.active or self.quit_allowed or not window.isVisible():
            return
        handle = window.windowHandle()
        if window.isMinimized() or (handle is not None and not handle.isExposed()):
            log.info("lockdown: window was minimised or hidden at the reset; back to full screen")
            self._full_screen_again()

    def _full_screen_again(self) -> None:
        window = self.window
        if self.quit_allowed:
            return
        window.showFullScreen()  # (clears the minimised state)
        window.activateWindow()  # (a window manager raises the window it activates)


def hide_cursor_if_touch_only(touch_only: bool) -> bool:
    """Hide the mouse pointer on a touch-only screen; return True when it was hidden."""
    if touch_only:
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    return touch_only
