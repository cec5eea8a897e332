"""The size baseline: a bare PySide6 QTextBrowser window, frozen with PyInstaller's defaults."""

import sys

from PySide6.QtWidgets import QApplication, QTextBrowser


def main() -> int:
    """Show one QTextBrowser with a line of HTML (with --quit, exit as soon as it has painted)."""
    app = QApplication(sys.argv)
    view = QTextBrowser()
    view.setHtml("<h1>Hello</h1><p>A bare PySide6 QTextBrowser window.</p>")
    view.resize(800, 600)
    view.show()
    if "--quit" in sys.argv:
        app.processEvents()
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
