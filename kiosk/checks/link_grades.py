"""How `kiosk check` grades a link that will not open on the kiosk: an error, or a warning for web links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from kiosk.core.problems import Problem
from kiosk.core.rendering import LinkUse

WEB_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})  # links people mean well


def grade_blocked_link(path: Path, use: LinkUse) -> Problem:
    """Return the problem `kiosk check` reports for a blocked link `use` in the page file at `path`.

    A link to a page that does not exist and one that can never work (file:, javascript:, outside
    the content folder ...) are errors; a web, mail, phone or text address is a warning, with the
    advice to write it as plain text.
    """
    href, reason = use.href[:80], use.target.reason
    if use.target.page_id:
        return Problem(path, use.line, "error",
                       f"link '{href}' goes to a page that does not exist ({reason})")
    if scheme_of(use.href) in WEB_SCHEMES:
        return Problem(path, use.line, "warning", f"link '{href}' will not open: {reason}; "
                       "write the address as plain text instead")
    return Problem(path, use.line, "error", f"link '{href}' will not open: {reason}")


def scheme_of(href: str) -> str:
    """Return the lower-case scheme of a link ('https' ...), '' when it has none or is not a URL."""
    try:
        return urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return ""
