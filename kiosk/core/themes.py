"""Colour themes: every foreground/background pair the kiosk draws, named once (Qt-free).

kiosk.qss and content.css use only the @names defined here, and every name they use appears in
PAIRS (text on a background: WCAG 1.4.3/1.4.6) or OUTLINE_PAIRS (borders, rules and the focus ring
against what they sit on: WCAG 1.4.11). tests/test_contrast.py checks every pair of every theme:
text at least 4.5:1 in the default theme and 7:1 in high contrast; outlines at least 3:1.

The high-contrast theme is black on white rather than light on dark: the content's diagrams are
drawn for a white page (transparent backgrounds, dark outlines and labels) and would lose parts
on black. It drops every grey and tint: pure black text (21:1), dark blue underlined links,
black chrome with white text, thick black borders, and yellow (#FFFF00, 19.6:1 with black) for
pressed, current and focused controls, the convention of high-contrast desktop themes.
"""

from __future__ import annotations

DEFAULT = {
    "page_bg": "#FFFFFF",
    "text": "#1A1A1A",
    "muted": "#4A4A4A",
    "heading": "#1F4E79",
    "link": "#0B4F8A",
    "rule": "#767676",
    "table_head_bg": "#E6EEF6",
    "table_border": "#6B7B8C",
    "chrome_bg": "#1F4E79",
    "chrome_text": "#FFFFFF",
    "screen_bg": "#F2F5F8",
    "tile_bg": "#FFFFFF",
    "tile_border": "#6B7B8C",
    "tile_summary": "#3D4A57",
    "button_bg": "#FFFFFF",
    "button_text": "#1F4E79",
    "button_pressed_bg": "#D5E3F0",
    "button_current_bg": "#1F4E79",
    "button_current_text": "#FFFFFF",
    "button_disabled_bg": "#3E6A94",
    "button_disabled_text": "#FFFFFF",
    "focus": "#0B0C0C",
    "focus_bg": "#FFDD00",
    "focus_on_dark": "#FFDD00",
    "note_bg": "#E8F1FB", "note_border": "#1F4E79", "note_text": "#1A1A1A",
    "tip_bg": "#E7F4EA", "tip_border": "#2E6B34", "tip_text": "#1A1A1A",
    "important_bg": "#F1EAF8", "important_border": "#5B2E91", "important_text": "#1A1A1A",
    "warning_bg": "#FFF3DC", "warning_border": "#8A5200", "warning_text": "#1A1A1A",
    "caution_bg": "#FDECEC", "caution_border": "#B00020", "caution_text": "#1A1A1A",
    "caution_title": "#9A001C",
    "code_bg": "#EEF1F4", "code_text": "#1A1A1A",
}

HIGH_CONTRAST = {
    "page_bg": "#FFFFFF",
    "text": "#000000",
    "muted": "#000000",
    "heading": "#000000",
    "link": "#0000B0",
    "rule": "#000000",
    "table_head_bg": "#FFFFFF",
    "table_border": "#000000",
    "chrome_bg": "#000000",
    "chrome_text": "#FFFFFF",
    "screen_bg": "#FFFFFF",
    "tile_bg": "#FFFFFF",
    "tile_border": "#000000",
    "tile_summary": "#000000",
    "button_bg": "#FFFFFF",
    "button_text": "#000000",
    "button_pressed_bg": "#FFFF00",
    "button_current_bg": "#000000",
    "button_current_text": "#FFFF00",
    "button_disabled_bg": "#000000",
    "button_disabled_text": "#C8C8C8",
    "focus": "#000000",
    "focus_bg": "#FFFF00",
    "focus_on_dark": "#FFFF00",
    "note_bg": "#FFFFFF", "note_border": "#000000", "note_text": "#000000",
    "tip_bg": "#FFFFFF", "tip_border": "#000000", "tip_text": "#000000",
    "important_bg": "#FFFFFF", "important_border": "#000000", "important_text": "#000000",
    "warning_bg": "#FFFFFF", "warning_border": "#000000", "warning_text": "#000000",
    "caution_bg": "#FFFFFF", "caution_border": "#A00000", "caution_text": "#000000",
    "caution_title": "#A00000",
    "code_bg": "#FFFFFF", "code_text": "#000000",
}

THEMES = {"default": DEFAULT, "high_contrast": HIGH_CONTRAST}
# The contrast each theme's text must reach (WCAG 2.x: AA for the default, AAA for high contrast).
MIN_TEXT_RATIO = {"default": 4.5, "high_contrast": 7.0}
MIN_OUTLINE_RATIO = 3.0

# The kinds of "> [!NOTE]" box a page may use (kiosk/core/callouts.py), each with its colours.
CALLOUT_TYPES = ("note", "tip", "important", "warning", "caution")

# (foreground, background, where): text drawn in `foreground` on `background`.
PAIRS: list[tuple[str, str, str]] = [
    ("text", "page_bg", "page text"),
    ("heading", "page_bg", "page headings"),
    ("link", "page_bg", "links"),
    ("muted", "page_bg", "footer: review dates, sources, disclaimer"),
    ("text", "table_head_bg", "table header cells"),
    ("link", "table_head_bg", "links in table header cells"),
    *[(f"{kind}_text", f"{kind}_bg", f"{kind} callout text") for kind in CALLOUT_TYPES],
    *[("link", f"{kind}_bg", f"links in {kind} callouts") for kind in CALLOUT_TYPES],
    ("caution_title", "caution_bg", "caution callout title"),
    ("code_text", "code_bg", "code blocks (``` fences)"),
    ("chrome_text", "chrome_bg", "clinic name in the header"),
    ("text", "screen_bg", "welcome line, section panel title"),
    ("heading", "tile_bg", "tile titles"),
    ("tile_summary", "tile_bg", "tile summaries"),
    ("heading", "button_pressed_bg", "tile titles while pressed"),
    ("tile_summary", "button_pressed_bg", "tile summaries while pressed"),
    ("heading", "focus_bg", "tile titles with keyboard focus"),
    ("tile_summary", "focus_bg", "tile summaries with keyboard focus"),
    ("button_text", "button_bg", "nav bar and panel buttons"),
    ("button_text", "button_pressed_bg", "buttons while pressed"),
    ("button_text", "focus_bg", "buttons with keyboard focus"),
    ("text", "focus_bg", "a link in the page with keyboard focus (Qt draws it as a selection)"),
    ("button_current_text", "button_current_bg", "current page / switched-on buttons"),
    ("button_current_text", "heading", "dark buttons (Continue, PIN digits) while pressed"),
    ("button_disabled_text", "button_disabled_bg", "disabled nav bar buttons"),
    ("chrome_text", "caution_border", "the red Get medical help now button (body map)"),
    ("caution_title", "caution_bg", "the Get medical help now button while pressed"),
]

# (outline, background, where): borders, rules and the focus ring against what they touch.
OUTLINE_PAIRS: list[tuple[str, str, str]] = [
    ("button_bg", "chrome_bg", "nav bar buttons against the bar"),
    ("button_disabled_text", "chrome_bg", "disabled nav bar button border against the bar"),
    ("tile_border", "screen_bg", "tile and panel button borders"),
    ("tile_border", "tile_bg", "tile borders, inside"),
    ("button_current_bg", "screen_bg", "the chosen language's button"),
    ("focus", "focus_bg", "focus ring around the focused control"),
    ("focus", "button_bg", "focus ring against the control's own colour"),
    ("focus_bg", "chrome_bg", "focused nav bar button against the bar"),
    ("focus_on_dark", "button_current_bg", "focus ring on dark buttons"),
    ("chrome_bg", "page_bg", "overlay card borders"),
    ("rule", "page_bg", "rules"),
    ("table_border", "page_bg", "table borders"),
    *[(f"{kind}_border", "page_bg", f"{kind} callout border") for kind in CALLOUT_TYPES],
]


def theme(name: str = "default") -> dict[str, str]:
    """Return a theme's colours by name (the default theme for an unknown name)."""
    return THEMES.get(name, DEFAULT)


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a '#RRGGBB' colour (0 = black, 1 = white)."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two '#RRGGBB' colours (1.0 .. 21.0)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
