"""tools/tap_instructions.py: each tap counted apart under callgrind, and the counts summed up right."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import tap_instructions

WORK = """
import ctypes, sys
helper = ctypes.CDLL(sys.argv[1])
for n, label in ((200_000, b"1 1 page en/a"), (400_000, b"2 1 page en/b"), (50_000, b"3 2 home")):
    helper.tap_zero(); helper.tap_collect_toggle()
    sum(range(n))
    helper.tap_collect_toggle(); helper.tap_dump(label)
"""


@pytest.mark.skipif(shutil.which("valgrind") is None or shutil.which("cc") is None,
                    reason="needs valgrind and a C compiler (Debian: valgrind gcc)")
def test_each_tap_is_counted_apart_and_only_inside_it(tmp_path: Path):
    library = tap_instructions.build_helper(tmp_path)
    script = tmp_path / "work.py"
    script.write_text(WORK, encoding="utf-8")
    subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                    f"--callgrind-out-file={tmp_path / 'cg.out'}", sys.executable, str(script),
                    str(library)], check=True, capture_output=True, timeout=300)
    rows = tap_instructions.read_dumps(tmp_path)
    assert [(order, label) for order, label, _ in rows] == [
        (1, "1 page en/a"), (2, "1 page en/b"), (3, "2 home")]
    a, b, home = (total for _, _, total in rows)
    assert 1.8 < b / a < 2.2  # twice the work, twice the count: nothing outside the taps
    assert home < a / 2


def test_the_report_splits_cold_from_warm_and_pages_from_home():
    rows = [(1, "1 page en/a", 40_000_000), (2, "1 link en/a", 50_000_000),  # round 1: cold
            (3, "2 home", 30_000_000), (4, "2 page en/a", 20_000_000), (5, "2 home", 10_000_000),
            (6, "2 link en/a", 60_000_000), (7, "3 page en/a", 25_000_000)]
    result = tap_instructions.report(rows)
    assert result["cold"]["page"] == {"n": 1, "p50": 40.0, "p95": 40.0, "max": 40.0}
    assert result["cold"]["page and link"]["n"] == 2 and "home" not in result["cold"]
    assert result["warm"]["page and link"]["n"] == 3  # rounds 2 and 3
    assert result["warm"]["page and link"]["max"] == 60.0
    assert result["warm"]["home"] == {"n": 2, "p50": 10.0, "p95": 30.0, "max": 30.0}
    assert result["heaviest warm taps"][0] == ("link en/a", 60.0)
