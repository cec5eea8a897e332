"""Interface text: English in code (the msgids), other languages from gettext catalogs.

English is the source language. Every piece of interface text is written here, once, in English,
inside a marker (`N_`, `C_`, `NP_`) that `python tools/translations.py extract` (Babel's
extractor) finds and writes to `resources/locale/kiosk.pot`. Each other language is one catalog,
`resources/locale/<code>/LC_MESSAGES/kiosk.po`, compiled to the `kiosk.mo` beside it, which
Python's standard `gettext` module reads at run time. The rest of the code asks by key:
`text(lang, key)`, `plural(lang, key, n)`, `format_date(lang, value)`.

Why gettext catalogs rather than Qt Linguist (.ts/.qm):

- translators already work in .po files (Poedit, Weblate, Crowdin, Lokalize), with plural forms
  and contexts (`msgctxt`) they know;
- this module is part of the Qt-free core: `kiosk check`, the page renderer and the tests read
  interface text without importing Qt, and the installer gains no run-time dependency (`gettext`
  is in the standard library; Babel is only a development tool);
- start-up: nothing is read for English (the msgids are the English text), and another
  language's catalog is read the first time one of its strings is asked for, then kept.

Catalogs are looked up under `locale_dir()` (`resource_path("locale")`); tests point it at a
temporary copy with `monkeypatch.setattr(strings, "locale_dir", ...)` and `forget_catalogs()`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~10 ms (mypy knows both)
if TYPE_CHECKING:
    import datetime
    from gettext import GNUTranslations
    from pathlib import Path

FALLBACK = "en"  # the source language: its text is the msgids, it needs no catalog
DOMAIN = "kiosk"  # the catalog's file name: kiosk.pot, <code>/LC_MESSAGES/kiosk.po and .mo

# The extractor's keywords and comment tag (tools/translations.py passes these to Babel), as in
#   pybabel extract --no-default-keywords -k N_ -k C_:1c,2 -k NP_:1,2 -c TRANSLATORS: -s kiosk
KEYWORDS: dict[str, tuple[int | tuple[int, str], ...] | None] = {
    "N_": None,
    "C_": ((1, "c"), 2),
    "NP_": (1, 2),
}
COMMENT_TAGS = ("TRANSLATORS:",)


def N_(msgid: str) -> tuple[str, str]:
    """Mark `msgid` for extraction; return (no context, msgid)."""
    return "", msgid


def C_(context: str, msgid: str) -> tuple[str, str]:
    """Mark `msgid` for extraction with a `msgctxt` (the same English, translated apart)."""
    return context, msgid


def NP_(singular: str, plural: str) -> tuple[str, str, str]:
    """Mark a singular/plural pair for extraction; return (no context, singular, plural)."""
    return "", singular, plural


# Interface text by key: (msgctxt or "", English msgid).
TEXTS: dict[str, tuple[str, str]] = {
    # TRANSLATORS: the name of the catalog's language written in that language ("Español").
    "language_name": C_("language name", "English"),
    # TRANSLATORS: the nav bar button that goes to the screen seen before.
    "back": C_("nav bar", "Back"),
    # TRANSLATORS: the nav bar button that goes to the start screen with all the topics.
    "home": C_("nav bar", "Home"),
    "welcome": N_("Touch a topic to read about it"),
    # -- "Where does it hurt?" (kiosk/ui/body_map.py), glossary words, evidence badges --------
    # TRANSLATORS: the home tile and the title of the body map screen.
    "body_map_title": N_("Where does it hurt?"),
    "body_map_tile_summary": N_("Touch the place on a picture of the body to find pages."),
    "body_map_note": N_(
        "Touch the part of the body that hurts to see pages about it. This helps you find "
        "pages to read. It does not tell you what is wrong."
    ),
    "body_map_pick": N_("Touch a part of the body on the picture."),
    # TRANSLATORS: {region} is a part of the body, such as "Lower back".
    "body_map_pages": N_("Pages about: {region}"),
    "body_map_none": N_("There are no pages about this yet. Please ask our staff."),
    # TRANSLATORS: the red button on the body map screen that opens the emergency page.
    "get_help_now": N_("Get medical help now"),
    # TRANSLATORS: the body seen from the front, over its picture on the body map.
    "body_front": C_("body map", "Front"),
    # TRANSLATORS: the body seen from behind, over its picture on the body map.
    "body_back": C_("body map", "Back"),
    "region_neck": C_("body map", "Neck"),
    "region_upper_back": C_("body map", "Upper back"),
    "region_lower_back": C_("body map", "Lower back"),
    "region_buttock_hip": C_("body map", "Buttock or hip"),
    # TRANSLATORS: the back of the leg, where sciatica is felt.
    "region_leg": C_("body map", "Back of the leg (sciatica)"),
    "region_all_over": C_("body map", "All over, or not sure"),
    # TRANSLATORS: the short words on the touch areas of the body pictures.
    "spot_neck": C_("body map spot", "Neck"),
    "spot_hip": C_("body map spot", "Hip"),
    "spot_buttock": C_("body map spot", "Buttock"),
    "spot_upper_back": C_("body map spot", "Upper back"),
    "spot_lower_back": C_("body map spot", "Lower back"),
    "spot_leg": C_("body map spot", "Back of leg"),
    # TRANSLATORS: {region} is a part of the body; said by screen readers on the front picture.
    "region_front": C_("body map", "{region}, front of the body"),
    # TRANSLATORS: {region} is a part of the body; said by screen readers on the back picture.
    "region_back": C_("body map", "{region}, back of the body"),
    # TRANSLATORS: the button that closes the pop-up explaining a word.
    "glossary_close": C_("glossary", "Close"),
    # TRANSLATORS: the button that reads the explanation of a word out loud.
    "glossary_listen": C_("glossary", "Listen"),
    # TRANSLATORS: what screen readers say for a word explained in a pop-up; {word} is the word.
    "glossary_description": N_("What \"{word}\" means"),
    "evidence_title": N_("What research shows:"),
    "evidence_benefit_shown": C_("evidence", "Benefit shown"),
    "evidence_small_or_uncertain": C_("evidence", "Small or uncertain benefit"),
    "evidence_no_better_than_sham": C_("evidence", "No better than fake (sham) treatment"),
    "evidence_not_enough_research": C_("evidence", "Not enough research to say"),
    # TRANSLATORS: before the review an evidence badge rests on ("Based on: Cochrane, ...").
    "evidence_based_on": C_("evidence", "Based on:"),
    # TRANSLATORS: the heading of the column of evidence badges in the conditions table.
    "evidence_column": C_("evidence", "Research in short"),
    "in_this_section": N_("In this section"),
    # TRANSLATORS: the first entry of a section's list of pages: the section's own page.
    "overview": C_("section", "Overview"),
    "last_reviewed": N_("Last reviewed"),
    "next_review": N_("Next review due"),
    # TRANSLATORS: page footer, before the role of who checked the page ("Reviewed by: ...").
    "reviewed_by": C_("page footer", "Reviewed by"),
    # TRANSLATORS: page footer, before the role of the clinician who approved the page.
    "signed_off_by": C_("page footer", "Clinical sign-off"),
    # TRANSLATORS: page footer when no clinician has approved the page yet.
    "not_signed_off": N_("Clinical sign-off: not given yet. Only the clinic can give it."),
    # TRANSLATORS: heading of the list of references at the foot of a page.
    "sources": C_("page footer", "Sources"),
    "disclaimer": N_(
        "This kiosk gives general health information, not medical advice. "
        "Please ask our staff if you have any questions."
    ),
    "link_unavailable": N_("This link cannot open on the kiosk. Please ask our staff."),
    "page_missing_title": N_("Please ask the staff"),
    "page_missing_body": N_(
        "Sorry, this page is not available right now. "
        "Please ask a member of staff at the desk for help."
    ),
    # TRANSLATORS: the twelve month names as used inside a date, separated by spaces.
    "months": C_(
        "months",
        "January February March April May June July August September October November December",
    ),
    # TRANSLATORS: how a date is written; keep {day}, {month} (a name from the list) and {year}.
    "date_format": C_("date format", "{day} {month} {year}"),
    "still_there": N_("Are you still there?"),
    # TRANSLATORS: the button that keeps the patient's page open after "Are you still there?".
    "continue": C_("idle question", "Continue"),
    "touch_to_start": N_("Touch anywhere to start"),
    # TRANSLATORS: read by a screen reader on the black screen outside opening hours.
    "asleep_touch_to_wake": N_("The clinic is closed. Touch the screen to wake the kiosk."),
    "pin_title": N_("Staff only: enter the PIN"),
    # TRANSLATORS: keep {command}: the program's name as installed (e.g. acupuncture-kiosk).
    "pin_not_set": N_(
        "No staff PIN is set, so the staff menu stays closed. To set one, run "
        "\"{command} hash-pin\" on this computer, paste the line it prints into the "
        "settings file (kiosk.toml) and restart the kiosk."
    ),
    # TRANSLATORS: PIN pad key that removes the digits typed so far.
    "pin_clear": C_("PIN pad", "Clear"),
    # TRANSLATORS: PIN pad key that submits the digits typed.
    "pin_enter": C_("PIN pad", "Enter"),
    "staff_title": N_("Staff menu"),
    "staff_exit": N_("Exit kiosk"),
    "staff_reload": N_("Reload content"),
    "back_to_kiosk": N_("Back to kiosk"),
    # TRANSLATORS: {pages} is "3 pages" (staff_reloaded_pages), {problems} is "1 problem".
    "staff_reloaded_summary": N_("Content reloaded: {pages}, {problems} (see the log)."),
    "preview_problem_title": N_("This page has a problem"),
    "preview_problem_body": N_(
        "The kiosk check found these problems in the file. Fix them and save the file: "
        "this view updates by itself."
    ),
    "back_description": N_("Go back to the screen you saw before"),
    "home_description": N_("Go to the start screen with all the topics"),
    # TRANSLATORS: the nav bar button that cycles the text size.
    "text_size": C_("nav bar", "Text size"),
    # TRANSLATORS: the Text size button saying the size now; {size} is one of the three words
    # below. On a narrow screen it is shown on two lines, broken before {size}.
    "text_size_now": C_("nav bar", "Text size: {size}"),
    # TRANSLATORS: the text size now, in "Text size: {size}" on the Text size button.
    "button_size_normal": C_("text size button", "Normal"),
    # TRANSLATORS: the text size now, in "Text size: {size}" on the Text size button.
    "button_size_large": C_("text size button", "Large"),
    # TRANSLATORS: the text size now, in "Text size: {size}" on the Text size button.
    "button_size_largest": C_("text size button", "Largest"),
    # TRANSLATORS: {size} is one of the three text size words (normal, large, largest).
    "text_size_description": N_("Text is {size}. Touch to change the size of the text."),
    # TRANSLATORS: a text size, inside "Text is {size}."
    "size_normal": C_("text size", "normal"),
    # TRANSLATORS: a text size, inside "Text is {size}."
    "size_large": C_("text size", "large"),
    # TRANSLATORS: a text size, inside "Text is {size}."
    "size_largest": C_("text size", "largest"),
    # TRANSLATORS: the nav bar button that switches to black on white.
    "high_contrast": C_("nav bar", "High contrast"),
    "high_contrast_description": N_("Black and white colours that are easier to see"),
    # TRANSLATORS: the description of this language's own button, in this language.
    "language_description": N_("Show the kiosk in English"),
    "page_description": N_("The text of the page. Touch and slide up to read more."),
    # TRANSLATORS: below a table cut short on a page (kiosk/core/page_limits.py).
    "table_too_big": N_(
        "This table is too big for this screen. Please ask our staff for a printed copy."
    ),
    # TRANSLATORS: below a list cut short on a page (kiosk/core/page_limits.py).
    "list_too_long": N_(
        "This list is too long for this screen. Please ask our staff for a printed copy."
    ),
    # TRANSLATORS: the last tile on the home screen when there are more topics than fit on it.
    "more_topics": N_("More topics"),
    # TRANSLATORS: the first tile on the home screen after "More topics" was touched.
    "earlier_topics": N_("Earlier topics"),
    # TRANSLATORS: the last button of a long list of a section's pages, for the next ones.
    "more_pages": N_("More pages"),
    # TRANSLATORS: the first button of a long list of a section's pages, for the ones before.
    "earlier_pages": N_("Earlier pages"),
    # TRANSLATORS: read aloud (the button above each page): reads the page out loud.
    "listen": C_("read aloud", "Listen"),
    # TRANSLATORS: read aloud: the Listen button while the page is being read.
    "listen_pause": C_("read aloud", "Pause"),
    # TRANSLATORS: read aloud: the Pause button after it was touched; goes on reading.
    "listen_resume": C_("read aloud", "Resume"),
    # TRANSLATORS: read aloud: stops reading the page out loud.
    "listen_stop": C_("read aloud", "Stop"),
    # TRANSLATORS: read aloud: a switch for a slower voice (off: normal speed).
    "listen_slower": C_("read aloud", "Slower"),
    "listen_description": N_("Read this page out loud. The words being read are marked on the page."),
    "listen_stop_description": N_("Stop reading out loud"),
    "listen_slower_description": N_("Read out loud more slowly"),
    # TRANSLATORS: asked under every page, with a Yes and a No button.
    "helpful_question": N_("Was this page helpful?"),
    # TRANSLATORS: the button answering "Was this page helpful?".
    "helpful_yes": C_("helpful", "Yes"),
    # TRANSLATORS: the button answering "Was this page helpful?".
    "helpful_no": C_("helpful", "No"),
    "helpful_thanks": N_("Thank you for telling us."),
    # TRANSLATORS: the button under a page that shows a QR code of the page's web address.
    "take_home": N_("Take this page home"),
    "take_home_instructions": N_(
        "Point your phone's camera at the square code, then touch the link that appears."
    ),
    # TRANSLATORS: the button that closes the "Take this page home" pop-up.
    "close": C_("pop-up", "Close"),
    # TRANSLATORS: staff menu button that opens the usage figures.
    "staff_usage": N_("Usage"),
    # TRANSLATORS: title of the staff's usage figures; {days} is a number (30).
    "usage_title": N_("Usage: the last {days} days"),
    "usage_most_read": N_("Most read pages (times opened)"),
    "usage_most_helpful": N_("Pages most often found helpful (Yes answers)"),
    # TRANSLATORS: shown instead of a count under 5, so that no one patient can be picked out.
    "usage_fewer_than": N_("fewer than 5"),
    "usage_nothing": N_("Nothing counted yet in these days."),
    "usage_private": N_(
        "Counts per day, page and language only: nothing about any person is kept."
    ),
}

# Text with a number in it, by key: (msgctxt or "", English singular, English plural). The
# catalog's Plural-Forms picks the form; plural() returns it with its {placeholder} kept.
PLURALS: dict[str, tuple[str, str, str]] = {
    "idle_countdown": NP_(
        "For the next person's privacy, this screen goes back to the start in {seconds} second.",
        "For the next person's privacy, this screen goes back to the start in {seconds} seconds.",
    ),
    "pin_wrong": NP_(
        "Wrong PIN. {tries} more try before the pad locks.",
        "Wrong PIN. {tries} more tries before the pad locks.",
    ),
    "pin_locked": NP_(
        "Too many wrong PINs. The pad is locked for {seconds} second.",
        "Too many wrong PINs. The pad is locked for {seconds} seconds.",
    ),
    # TRANSLATORS: the {pages} part of "Content reloaded: {pages}, {problems} (see the log)."
    "staff_reloaded_pages": NP_("{pages} page", "{pages} pages"),
    # TRANSLATORS: the {problems} part of "Content reloaded: {pages}, {problems} (see the log)."
    "staff_reloaded_problems": NP_("{problems} problem", "{problems} problems"),
}

# code -> its catalog, or None when it has none (English, unknown codes); filled on first use.
_catalogs: dict[str, GNUTranslations | None] = {}
_languages: list[str] = []


def locale_dir() -> Path:
    """Return the folder holding `<code>/LC_MESSAGES/kiosk.mo` (tests monkeypatch this)."""
    from kiosk.core.resources import resource_path  # here: English never needs it

    return resource_path("locale")


def forget_catalogs() -> None:
    """Drop the catalogs read so far (after `locale_dir()` changed, or the .mo files did)."""
    _catalogs.clear()
    _languages.clear()


def _is_code(lang: str) -> bool:
    """Return whether `lang` can name a catalog folder ("es", "pt_BR"; never a path)."""
    return bool(lang) and lang[0].isalpha() and all(c.isalnum() or c in "_-@" for c in lang)


def _catalog(lang: str) -> GNUTranslations | None:
    """Return `lang`'s catalog, reading it the first time; None for English or no catalog."""
    try:
        return _catalogs[lang]
    except KeyError:
        pass
    found: GNUTranslations | None = None
    if lang != FALLBACK and _is_code(lang):
        path = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with open(path, "rb") as stream:
                import gettext  # here: an English start-up never reads a catalog

                found = gettext.GNUTranslations(stream)
        except FileNotFoundError:
            pass
        except Exception as error:  # a broken catalog: English text rather than no kiosk
            import logging

            logging.getLogger(__name__).warning("cannot read %s (%s): English text instead",
                                                path, error)
    _catalogs[lang] = found
    return found


def text(lang: str, key: str) -> str:
    """Return interface text `key` in `lang`, falling back to English, then to the key itself."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    context, msgid = entry
    catalog = _catalog(lang)
    if catalog is None:
        return msgid
    found = catalog.pgettext(context, msgid) if context else catalog.gettext(msgid)
    return found or msgid


def plural(lang: str, key: str, n: int) -> str:
    """Return the form of plural text `key` for the number `n` in `lang`, {placeholder} kept.

    `plural("es", "pin_wrong", 1).format(tries=1)` is "PIN incorrecto. Queda 1 intento ...".
    Unknown language: English; unknown key: the key.
    """
    entry = PLURALS.get(key)
    if entry is None:
        return key
    context, singular, many = entry
    catalog = _catalog(lang)
    if catalog is None:
        return singular if n == 1 else many
    forms = (singular, many, n)
    found = catalog.npgettext(context, *forms) if context else catalog.ngettext(*forms)
    return found or (singular if n == 1 else many)


def interface_languages() -> list[str]:
    """Return the codes of the languages the interface can show: English and every catalog."""
    if not _languages:
        codes = {FALLBACK}
        try:
            for folder in locale_dir().iterdir():
                if _is_code(folder.name) and (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                    codes.add(folder.name)
        except OSError:
            pass
        _languages.extend(sorted(codes))
    return list(_languages)


def language_name(code: str) -> str:
    """Return the language `code` named in itself ("English", "Español"), or `code` if unknown."""
    context, msgid = TEXTS["language_name"]
    if code == FALLBACK:
        return msgid
    catalog = _catalog(code)
    name = catalog.pgettext(context, msgid) if catalog is not None else ""
    return name if name and name != msgid else code


def format_date(lang: str, value: datetime.date) -> str:
    """Format a date the way people in `lang` write it (24 November 2026, 24 de noviembre ...)."""
    try:
        month = text(lang, "months").split()[value.month - 1]
        return text(lang, "date_format").format(day=value.day, month=month, year=value.year)
    except (AttributeError, IndexError, TypeError):
        return str(value)

