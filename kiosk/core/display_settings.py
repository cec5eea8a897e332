"""The patient's display settings: text size and high contrast, reset between patients (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Text size steps the "Text size" button cycles through: (strings.py key, font size multiplier).
TEXT_SIZES: tuple[tuple[str, float], ...] = (
    ("size_normal", 1.0),
    ("size_large", 1.25),
    ("size_largest", 1.5),
)

TEXT_SIZE_NAMES = tuple(key.removeprefix("size_") for key, _ in TEXT_SIZES)  # for the command line


@dataclass(frozen=True)
class DisplaySettings:
    """What a patient changed about the look: the default is what the next patient gets."""

    text_step: int = 0
    high_contrast: bool = False

    @classmethod
    def from_names(cls, text_size: str = "normal", high_contrast: bool = False) -> DisplaySettings:
        """Return settings from command-line words ("largest", True); unknown sizes are normal."""
        step = TEXT_SIZE_NAMES.index(text_size) if text_size in TEXT_SIZE_NAMES else 0
        return cls(text_step=step, high_contrast=bool(high_contrast))

    @property
    def text_factor(self) -> float:
        """Return how much larger than normal text is drawn."""
        return TEXT_SIZES[self.text_step % len(TEXT_SIZES)][1]

    @property
    def text_size_key(self) -> str:
        """Return the strings.py key naming the current text size (Normal, Large, Largest)."""
        return TEXT_SIZES[self.text_step % len(TEXT_SIZES)][0]

    @property
    def theme_name(self) -> str:
        """Return the themes.py theme these settings ask for."""
        return "high_contrast" if self.high_contrast else "default"

    @property
    def is_default(self) -> bool:
        """Return True when nothing was changed."""
        return self == DisplaySettings()

    def next_text_size(self) -> DisplaySettings:
        """Return these settings with the next text size (after the largest comes normal again)."""
        return replace(self, text_step=(self.text_step + 1) % len(TEXT_SIZES))

    def with_high_contrast(self, on: bool) -> DisplaySettings:
        """Return these settings with high contrast switched on or off."""
        return replace(self, high_contrast=bool(on))
