"""Long runs must not abort: PySide6 drops a reference to None/True per void call or emit."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

LOOP = textwrap.dedent("""
    import sys
    {setup}
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


def run(setup: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LOOP.format(setup=setup)], capture_output=True,
                          text=True, timeout=120, check=False)


def test_the_kiosk_survives_many_void_calls_and_emits():
    result = run("import kiosk.ui  # what every kiosk window imports first")
    assert result.returncode == 0, result.stderr[-800:]
    assert result.stdout.strip() == "survived"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from 3.12")
def test_without_the_workaround_python_3_11_aborts():
    result = run("")
    if result.returncode == 0:
        pytest.skip("this PySide6 no longer drops references: kiosk/immortal_none.py can go")
    assert "_dealloc" in result.stderr
