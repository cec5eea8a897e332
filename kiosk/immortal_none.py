"""Works around PySide6 dropping references to None, True and False (a crash on Python 3.11).

With PySide6 6.12 on Python 3.11, every call of a void Qt method from Python (`timer.stop()`,
`label.setText(...)`, `button.click()`) returns None without taking a reference to it, and every
`signal.emit(...)` does the same with True. Their reference counts fall by one per call; after a
few thousand calls (about 250 pages opened) one reaches zero and Python aborts with "Fatal Python
error: none_dealloc" (or bool_dealloc). Python 3.12 and later never free these objects (PEP 683,
immortal objects), so the bug is harmless there. On older CPython we do what 3.12 does: give them
a reference count so large that no kiosk can ever use it up.
"""

from __future__ import annotations

import ctypes
import platform
import sys

# 2**60 leaked references: at a million a second, more than 30,000 years.
_PLENTY = 1 << 60
SINGLETONS = (None, True, False)


def make_none_immortal() -> bool:
    """Make None, True and False inexhaustible on CPython < 3.12; return True if it did."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    for value in SINGLETONS:
        refcount = ctypes.c_ssize_t.from_address(id(value))  # PyObject starts with ob_refcnt
        if refcount.value < _PLENTY:
            refcount.value += _PLENTY
    return True
