"""Routes Qt's own messages into Python logging, so they land in the kiosk's log file."""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

# Lines Qt prints that mean nothing for a kiosk; logged at debug level only.
HARMLESS = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
    # Wayland: the frozen app ships no title-bar plugin on purpose (docs/packaging.md).
    "No decoration plugins available. Running with no decorations.",
    # Qt Multimedia (under read aloud) looks for PipeWire first, then uses PulseAudio.
    "Couldn't load pipewire-0.3 library",
    "Couldn't resolve pipewire-0.3 symbols",
)
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(msg_type: QtMsgType, context, message: str) -> None:
    level = _LEVELS.get(msg_type, logging.WARNING)
    if any(message.startswith(h) for h in HARMLESS):
        level = logging.DEBUG
    log.log(level, "%s", message)


def install() -> None:
    """Send every Qt message to the 'qt' logger from now on."""
    qInstallMessageHandler(_handler)
