"""Long runs must not abort: the pinned PySide6 must keep its references to None and True.

PySide6 6.12.0 drops a reference to None on every void Qt call (`timer.stop()`) and to True on
every `emit()`. On Python 3.11 the count reaches zero after a few thousand calls (about 250 pages
in the kiosk) and Python aborts with "none_dealloc"/"bool_dealloc". requirements.txt pins a
release without the bug; this test fails if a pin ever brings it back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

LOOP = textwrap.dedent("""
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

    class Source(QObject):
        changed = Signal(bool)

    app = QCoreApplication([])
    timer, source = QTimer(), Source()
    source.changed.connect(lambda value: None)
    for _ in range(50_000):  # ten times what None and True hold when Python starts
        timer.stop()          # a void method: returns None
        source.changed.emit(True)  # emit returns True
    print("survived")
""")


def test_many_void_calls_and_emits_do_not_abort_python():
    result = subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-800:]
    assert result.stdout.strip() == "survived"
