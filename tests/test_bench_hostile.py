"""The hostile-content bench runs its ten-thousand-section case to the end, every step measured."""

from __future__ import annotations

from bench.hostile import run_case


def test_ten_thousand_sections_are_measured_through_the_second_open(tmp_path):
    result = run_case("many-sections", tmp_path, timeout_s=120, memory_mib=4096)
    assert result["ended"] == "ok", result.get("stderr_tail")
    assert result["more_topics"]["turned"]  # "More topics" showed the next 24 sections
    for step in ("first_screen", "open", "restyle_page", "home", "prerender", "open_again",
                 "memory"):
        assert step in result, step
    assert result["open_again"]["ms"] > 0
