"""Colour themes: every foreground/background pair the kiosk draws, named once (Qt-free)."""

from __future__ import annotations

DEFAULT = {
    "page_bg": "#FFFFFF",
    "text": "#1A1A1A",
    "muted": "#4A4A4A",
    "heading": "#1F4E79",
    "link": "#0B4F8A",
    "rule": "#8A8A8A",
    "table_head_bg": "#E6EEF6",
    "table_border": "#6B7B8C",
    "chrome_bg": "#1F4E79",
    "chrome_text": "#FFFFFF",
    "screen_bg": "#F2F5F8",
    "tile_bg": "#FFFFFF",
    "tile_border": "#9FB3C8",
    "tile_text": "#1A1A1A",
    "tile_summary": "#3D4A57",
    "button_bg": "#FFFFFF",
    "button_text": "#1F4E79",
    "button_pressed_bg": "#D5E3F0",
    "button_current_bg": "#1F4E79",
    "button_current_text": "#FFFFFF",
    "button_disabled_bg": "#3E6A94",
    "button_disabled_text": "#FFFFFF",
    "focus": "#E8A33D",
    "note_bg": "#E8F1FB", "note_border": "#1F4E79", "note_text": "#1A1A1A",
    "tip_bg": "#E7F4EA", "tip_border": "#2E6B34", "tip_text": "#1A1A1A",
    "important_bg": "#F1EAF8", "important_border": "#5B2E91", "important_text": "#1A1A1A",
    "warning_bg": "#FFF3DC", "warning_border": "#8A5200", "warning_text": "#1A1A1A",
    "caution_bg": "#FDECEC", "caution_border": "#B00020", "caution_text": "#1A1A1A",
    "caution_title": "#9A001C",
}

THEMES = {"default": DEFAULT}


def theme(name: str = "default") -> dict[str, str]:
    """Return a theme's colours by name (the default theme for an unknown name)."""
    return THEMES.get(name, DEFAULT)
