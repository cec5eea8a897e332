"""The command line and the settings file as one set of launch options, checked before Qt starts (Qt-free)."""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.body_regions import BODY_MAP_ID
from kiosk.core.config import Config, load_config
from kiosk.core.content import ContentLibrary
from kiosk.core.display_settings import DisplaySettings
from kiosk.core.session import choose_language, load_content
from kiosk.core.site_folders import content_dir, settings_file
from kiosk.fleet.releases import content_root

log = logging.getLogger(__name__)


class LaunchError(Exception):
    """An option that cannot work (unknown language or page): said in one line, exit code 2."""


@dataclass(frozen=True)
class LaunchOptions:
    """What to start and how: decided once, from the command line and the settings file."""

    action: str  # "run", "screenshot" or "self-test"
    config: Config
    content_root: Path
    lang: str  # the language to start in (one the content has, when it has any)
    page: str = ""  # the page to show first ("" = home)
    size: tuple[int, int] | None = None  # the window size (None: the screen decides)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    fullscreen: bool = True
    watch: bool = False
    overlay: str = ""
    screenshot: Path | None = None
    verbose: bool = False

    @property
    def offscreen(self) -> bool:
        """Return True for the actions that never need a display (screenshot, self-test)."""
        return self.action != "run"


def resolve(options: argparse.Namespace) -> tuple[LaunchOptions, ContentLibrary]:
    """Return the launch options and the content they start on; LaunchError for bad options.

    Reads the settings file (its problems are logged) and the content in the language asked
    for, so a bad --lang or --page is found before any window is made.
    """
    settings = settings_file(options.config)
    log.info("%s", settings.describe("settings"))
    loaded = load_config(settings.path)
    for problem in loaded.problems:
        log.warning("%s", problem)
    config = loaded.config
    action = "self-test" if options.self_test else "screenshot" if options.screenshot else "run"
    pages = content_dir(options.content)
    log.info("%s", pages.describe("pages"))
    # A fleet folder (kiosk update) holds releases: the current one is shown.
    root = content_root(pages.path)
    wanted = options.lang or config.default_language
    # The language on screen first; the others are read when asked for (the prerenderer asks
    # a second after start-up).
    library = load_content(root, first=wanted, region=config.region)
    if options.lang and library.language(options.lang) is None:
        raise LaunchError(f"no content for language '{options.lang}' "
                          f"(have: {', '.join(library.codes) or 'none'})")
    lang = choose_language(library, wanted)
    if options.page and options.page != BODY_MAP_ID:
        language = library.language(lang)
        if language is None or options.page not in language.pages:
            known = ", ".join([BODY_MAP_ID, *sorted(language.pages)]) if language else "none"
            raise LaunchError(f"no page '{options.page}' in '{lang}' (pages: {known})")
    fullscreen = config.window_mode == "fullscreen" and not options.windowed and action == "run"
    launch = LaunchOptions(
        action=action, config=config, content_root=root, lang=lang, page=options.page,
        size=options.size, display=DisplaySettings.from_names(options.text_size, options.high_contrast),
        fullscreen=fullscreen, watch=options.watch, overlay=options.overlay,
        screenshot=options.screenshot, verbose=options.verbose,
    )
    return launch, library
