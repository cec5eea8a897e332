"""The kiosk's browsing history: where Back goes, what Home clears (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

HOME = ""


@dataclass(frozen=True)
class Location:
    """A screen the patient saw: the home screen (page_id == HOME) or a page, maybe at a heading."""

    page_id: str = HOME
    fragment: str = ""

    @property
    def is_home(self) -> bool:
        """Return True for the home screen."""
        return self.page_id == HOME


class History:
    """A stack of locations that always starts at home; capped so weeks of use stay small."""

    def __init__(self, limit: int = 100):
        self.limit = limit
        self._stack: list[Location] = [Location()]

    @property
    def current(self) -> Location:
        """Return the location on screen."""
        return self._stack[-1]

    @property
    def can_go_back(self) -> bool:
        """Return True when Back has somewhere to go."""
        return len(self._stack) > 1

    def visit(self, location: Location) -> None:
        """Record a new location (visiting the current one again does nothing)."""
        if location == self.current:
            return
        if location.is_home:
            self.reset()
            return
        self._stack.append(location)
        if len(self._stack) > self.limit:
            del self._stack[1:-self.limit + 1]

    def replace(self, location: Location) -> None:
        """Put `location` in place of the current one (the same screen showing something else)."""
        if self.current.is_home:
            self.visit(location)
        else:
            self._stack[-1] = location

    def back(self) -> Location:
        """Step back and return the location to show."""
        if self.can_go_back:
            self._stack.pop()
        return self.current

    def reset(self) -> None:
        """Forget everything: only the home screen is left."""
        self._stack = [Location()]
