"""Colour contrast of every theme meets WCAG; the stylesheets use only colours the pairs check."""

from __future__ import annotations

import re

import pytest

from kiosk.core.resources import resource_path
from kiosk.core.stylesheets import load_stylesheet
from kiosk.core.themes import (
    MIN_OUTLINE_RATIO,
    MIN_TEXT_RATIO,
    OUTLINE_PAIRS,
    PAIRS,
    THEMES,
    contrast_ratio,
)

STYLESHEETS = ("kiosk.qss", "content.css")
_NAME = re.compile(r"@([a-z_]+)")


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def _used_names(stylesheet: str) -> set[str]:
    css = resource_path("styles", stylesheet).read_text(encoding="utf-8")
    return set(_NAME.findall(_without_comments(css)))


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes AA (4.54:1).
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#767676") == contrast_ratio("#767676", "#FFFFFF")


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize(("fg", "bg", "where"), PAIRS, ids=[f"{p[0]}-on-{p[1]}" for p in PAIRS])
def test_text_pairs_meet_the_theme_minimum(name, fg, bg, where):
    colours = THEMES[name]
    ratio = contrast_ratio(colours[fg], colours[bg])
    assert ratio >= MIN_TEXT_RATIO[name], (
        f"{name}: {where}: {fg} {colours[fg]} on {bg} {colours[bg]} is {ratio:.2f}:1, "
        f"needs {MIN_TEXT_RATIO[name]}:1")


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize(("fg", "bg", "where"), OUTLINE_PAIRS,
                         ids=[f"{p[0]}-on-{p[1]}" for p in OUTLINE_PAIRS])
def test_outlines_and_focus_ring_are_visible(name, fg, bg, where):
    colours = THEMES[name]
    ratio = contrast_ratio(colours[fg], colours[bg])
    assert ratio >= MIN_OUTLINE_RATIO, (
        f"{name}: {where}: {colours[fg]} against {colours[bg]} is {ratio:.2f}:1, "
        f"needs {MIN_OUTLINE_RATIO}:1")


def test_every_theme_defines_the_same_colour_names():
    names = set(THEMES["default"])
    for name, colours in THEMES.items():
        assert set(colours) == names, f"theme {name} differs: {set(colours) ^ names}"
        for key, value in colours.items():
            assert re.fullmatch(r"#[0-9A-Fa-f]{6}", value), f"{name}.{key} = {value!r}"


def test_every_pair_names_real_colours():
    names = set(THEMES["default"])
    for fg, bg, _ in PAIRS + OUTLINE_PAIRS:
        assert {fg, bg} <= names, f"pair ({fg}, {bg}) names a colour no theme defines"


@pytest.mark.parametrize("stylesheet", STYLESHEETS)
def test_stylesheets_use_only_colours_from_checked_pairs(stylesheet):
    in_pairs = {n for fg, bg, _ in PAIRS + OUTLINE_PAIRS for n in (fg, bg)}
    used = _used_names(stylesheet)
    assert used, f"{stylesheet} uses no theme colours at all"
    assert used <= set(THEMES["default"]), f"unknown colour names: {used - set(THEMES['default'])}"
    assert used <= in_pairs, f"{stylesheet} uses colours no contrast pair checks: {used - in_pairs}"
    css = resource_path("styles", stylesheet).read_text(encoding="utf-8")
    # A translucent backdrop behind overlays only dims the screen; their text sits on opaque cards.
    css = re.sub(r"background:\s*rgba\([\d\s,]+\)", "", css)
    literal = re.findall(r"#[0-9A-Fa-f]{3,8}\b|\brgba?\(|\b(?:white|black|red|blue|gray|grey)\b(?!-)",
                         _without_comments(css))
    assert not literal, f"{stylesheet} has colours not from themes.py: {literal}"


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("stylesheet", STYLESHEETS)
def test_filled_in_stylesheets_have_no_names_left(name, stylesheet):
    css = load_stylesheet(stylesheet, 1.0, THEMES[name])
    assert "@" not in _without_comments(css)
    assert THEMES[name]["text"] in css or THEMES[name]["button_text"] in css
