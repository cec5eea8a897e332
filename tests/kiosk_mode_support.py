"""Builds kiosk windows for the kiosk-mode tests: sample content in two languages, short timers."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_TREE, write_tree

from kiosk.app import create_window

TWO_LANGUAGES = {
    **SAMPLE_TREE,
    "es/alpha.md": """
        ---
        title: Sección alfa
        order: 10
        ---
        # Sección alfa

        Texto.
        """,
}

SHORT_IDLE_MS = 60
SHORT_WARNING_MS = 200


def write_config(folder: Path, **settings) -> Path:
    """Write a kiosk.toml with `settings` (Python values) and return its path."""
    lines = []
    for key, value in settings.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
        else:
            lines.append(f"{key} = {value}")
    path = folder / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kiosk_window(qtbot, folder: Path, *args: str, idle_ms: int = SHORT_IDLE_MS,
                 warning_ms: int = SHORT_WARNING_MS, **settings):
    """Return a shown kiosk window over two-language sample content, with short idle timers."""
    content = write_tree(folder / "content", TWO_LANGUAGES)
    config = write_config(folder, **settings)
    window = create_window(["--content", str(content), "--config", str(config), "--size",
                            "1366x768", *args])
    qtbot.addWidget(window)
    window.kiosk_mode.set_timeouts(idle_ms, warning_ms)
    window.show()
    qtbot.waitExposed(window)
    return window
