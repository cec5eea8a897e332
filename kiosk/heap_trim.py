"""Hands freed memory back to the operating system between patients (Linux with glibc only).

glibc keeps memory that Qt and Python have freed in its heap, so a kiosk that has shown a big
page once keeps a few MiB more resident for weeks. malloc_trim(0) returns it; it takes a few
milliseconds and runs only when the kiosk resets for the next patient.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import ctypes

log = logging.getLogger(__name__)
_libc: ctypes.CDLL | Literal[False] | None = None  # None: not looked for yet


def _glibc() -> ctypes.CDLL | Literal[False]:
    global _libc
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            import ctypes  # here, not at start-up: only a reset for the next patient needs it
            import ctypes.util

            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                _libc = libc if hasattr(libc, "malloc_trim") else False
            except OSError:
                log.debug("no C library to trim")
    return _libc


def release_free_memory() -> bool:
    """Collect Python garbage and return freed heap pages to the OS; True if trimmed."""
    gc.collect()
    libc = _glibc()
    if not libc:
        return False
    libc.malloc_trim(0)
    return True
