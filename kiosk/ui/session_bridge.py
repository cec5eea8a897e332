"""The one bridge from the Qt-free session to Qt: each session change becomes a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.look import Look
from kiosk.core.navigation import Location
from kiosk.core.session import Change, KioskSession


class SessionBridge(QObject):
    """Emits, in this order, what a session step changed.

    `resetting` (the next patient comes: close what is open), `library_changed` (content read
    again), `look_changed(Look)` (language, text size or contrast) and `location_changed(Location)`
    (a screen to show, or the same one to show again).
    """

    resetting = Signal()
    library_changed = Signal()
    look_changed = Signal(object)  # Look
    location_changed = Signal(object)  # Location

    def __init__(self, session: KioskSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        session.listener = self._changed

    @property
    def look(self) -> Look:
        """Return the session's look now (for a widget built after start-up)."""
        return self.session.look

    @property
    def location(self) -> Location:
        """Return what is on screen now."""
        return self.session.location

    def refresh_look(self) -> None:
        """Tell every widget to style itself again (a stylesheet was edited on disk)."""
        self.look_changed.emit(self.session.look)

    def _changed(self, change: Change) -> None:
        if change & Change.RESET:
            self.resetting.emit()
        if change & Change.LIBRARY:
            self.library_changed.emit()
        if change.look:
            self.look_changed.emit(self.session.look)
        if change & Change.LOCATION:
            self.location_changed.emit(self.session.location)
