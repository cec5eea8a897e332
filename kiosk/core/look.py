"""The look of the kiosk at one moment: language, screen scale, text size and colours (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kiosk.core.display_settings import DisplaySettings
from kiosk.core.themes import theme


@dataclass(frozen=True)
class Look:
    """Everything a widget needs to draw itself: replaces hand-threaded lang/scale/text_factor.

    `scale` fits sizes designed for 1920x1080 to the window; `display` is what the patient
    chose (text size, high contrast). Widgets size things with `px()` and `text_px()`.
    """

    lang: str = "en"
    scale: float = 1.0
    display: DisplaySettings = field(default_factory=DisplaySettings)

    @property
    def text_factor(self) -> float:
        """Return how much larger than normal text is drawn."""
        return self.display.text_factor

    @property
    def theme_name(self) -> str:
        """Return the name of the colour theme (themes.py)."""
        return self.display.theme_name

    @property
    def colours(self) -> dict[str, str]:
        """Return the theme's colours by name."""
        return theme(self.theme_name)

    def px(self, pixels: float) -> int:
        """Return `pixels` (designed at 1920x1080) scaled to the window."""
        return round(pixels * self.scale)

    def text_px(self, pixels: float) -> int:
        """Return a text size (designed at 1920x1080, normal text) scaled to window and text size."""
        return round(pixels * self.scale * self.text_factor)

    def with_normal_text(self) -> Look:
        """Return this look at normal text size (staff screens ignore the patient's text size)."""
        return replace(self, display=replace(self.display, text_step=0))
