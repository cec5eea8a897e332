"""The bare-Qt floor: a window with one line of text, grabbed into a PNG, then quit.

It does what `kiosk --screenshot FILE.png` does, with nothing of the kiosk's own work
(no content, no Markdown, no stylesheets, no fonts): the start-up any PySide6 app pays.
Usage: python -m bench.bare_qt_reference FILE.png [WIDTH HEIGHT]
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QTextBrowser


def main(argv: list[str]) -> int:
    """Show one line of text at the kiosk's size, save a grab of it as PNG, return 0 on success."""
    path = argv[0]
    width, height = (int(argv[1]), int(argv[2])) if len(argv) >= 3 else (1920, 1080)
    app = QApplication(sys.argv[:1])
    window = QTextBrowser()
    window.setPlainText("Welcome. Touch a topic to read about it.")
    window.resize(width, height)
    window.show()
    for _ in range(3):
        app.processEvents()
    return 0 if window.grab().save(path, "PNG") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
