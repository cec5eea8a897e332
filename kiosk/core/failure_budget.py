"""How many unexpected errors the kiosk shrugs off before it exits for its supervisor to restart it."""

from __future__ import annotations

import time
from collections.abc import Callable

EXIT_CODE_FAILING = 70  # EX_SOFTWARE: "internal software error", restarted by the supervisor
MAX_FAILURES = 3
WINDOW_S = 60.0


class FailureBudget:
    """Counts failures; more than `limit` within `window_s` seconds means: stop and restart."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, limit: int = MAX_FAILURES,
                 window_s: float = WINDOW_S):
        self.clock = clock
        self.limit = limit
        self.window_s = window_s
        self._times: list[float] = []
        self.total = 0

    def record(self) -> bool:
        """Count a failure now; return True when the budget is spent (time to exit)."""
        now = self.clock()
        self.total += 1
        self._times = [t for t in self._times if now - t < self.window_s] + [now]
        return len(self._times) > self.limit

    @property
    def recent(self) -> int:
        """Return how many failures fall within the window."""
        now = self.clock()
        return sum(1 for t in self._times if now - t < self.window_s)
