"""Decides where a link in a page may go: another page, a heading on this page, or nowhere."""

from __future__ import annotations

import posixpath
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

from kiosk.core.content import GLOSSARY_ID

PAGE_SCHEME = "page"
IMAGE_SCHEME = "image"
GLOSSARY_SCHEME = "glossary"  # a word explained in the glossary: glossary:<term>
IMAGE_EXTENSIONS = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True)
class LinkTarget:
    """The verdict on one link: `page`, `anchor`, `glossary` (the word in `fragment`) or `blocked`.

    A `page` has an id and maybe a fragment, an `anchor` a fragment, a `blocked` one a reason.

    A `blocked` verdict with a `page_id` names a page that the link meant but that does not exist.
    """

    kind: Literal["page", "anchor", "glossary", "blocked"]
    page_id: str = ""
    fragment: str = ""
    reason: str = ""

    def url(self) -> str:
        """Return the internal URL the page view handles, or '' for a blocked link."""
        if self.kind == "page":
            url = f"{PAGE_SCHEME}:{quote(self.page_id, safe='/-_.~')}"
            return url + (f"#{quote(self.fragment, safe='-_.~')}" if self.fragment else "")
        if self.kind == "anchor":
            return f"#{quote(self.fragment, safe='-_.~')}"
        if self.kind == "glossary":
            return f"{GLOSSARY_SCHEME}:{quote(self.fragment, safe='-_.~')}"
        return ""


def _blocked(reason: str) -> LinkTarget:
    return LinkTarget("blocked", reason=reason)


def resolve_link(href: str, from_page: str, page_ids: Container[str]) -> LinkTarget:
    """Resolve `href` written in page `from_page` against the pages of the same language.

    Only relative links to `.md` files inside the language folder, to a folder of it that has a
    page (`user-guide/` opens `user-guide.md` or `user-guide/index.md`), and `#fragment` links pass.
    """
    href = href.strip()
    if not href:
        return _blocked("empty link")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in href) or "\\" in href:
        return _blocked("link contains control characters or backslashes")
    try:
        parts = urlsplit(href)
    except ValueError:
        return _blocked("link is not a valid address")
    if parts.scheme:
        scheme = parts.scheme.lower()
        if scheme in ("http", "https", "mailto", "tel", "ftp"):
            return _blocked(f"'{scheme}:' links cannot open on the kiosk (it works offline)")
        return _blocked(f"'{scheme}:' links are not allowed")
    if parts.netloc or href.startswith("//"):
        return _blocked("links to other computers are not allowed")
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not path:
        return LinkTarget("anchor", fragment=fragment) if fragment else _blocked("empty link")
    if path.startswith("/"):
        return _blocked("absolute paths are not allowed; use a relative link such as other.md")
    if "\x00" in path:
        return _blocked("link contains a NUL character")
    if path.endswith("/") or posixpath.basename(path) in (".", ".."):
        return _folder_link(path, fragment, from_page, page_ids)
    if not path.lower().endswith(".md"):
        return _blocked("only links to other pages (.md files) open on the kiosk")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return _blocked("link points outside the content folder")
    page_id = joined[: -len(".md")]
    if page_id == GLOSSARY_ID:  # a word explained in the glossary, shown over the page
        if not fragment:
            return _blocked("a glossary link names its word: glossary.md#word")
        return LinkTarget("glossary", fragment=fragment)
    if page_id not in page_ids:  # blocked, but says which page was meant
        return LinkTarget("blocked", page_id=page_id, reason=f"no page '{page_id}.md' in this language")
    if page_id == from_page and fragment:
        return LinkTarget("anchor", fragment=fragment)
    return LinkTarget("page", page_id=page_id, fragment=fragment)


def _folder_link(path: str, fragment: str, from_page: str, page_ids: Container[str]) -> LinkTarget:
    """Resolve a link to a folder (`user-guide/`) to its page: `user-guide.md` or `user-guide/index.md`."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return _blocked("link points outside the content folder")
    candidates = ["index"] if joined == "." else [joined, f"{joined}/index"]
    if len(candidates) == 2 and _generated(page_ids, joined):  # the folder has no page of its own:
        candidates.reverse()  # its index.md first, else the list of its pages the kiosk made
    for page_id in candidates:
        if page_id in page_ids:
            if page_id == from_page and fragment:
                return LinkTarget("anchor", fragment=fragment)
            return LinkTarget("page", page_id=page_id, fragment=fragment)
    folder = "./" if joined == "." else f"{joined}/"
    wanted = " or ".join(f"'{c}.md'" for c in candidates)
    return LinkTarget("blocked", page_id=candidates[-1],
                      reason=f"'{folder}' is a folder with no page {wanted} in this language")


def _generated(page_ids: Container[str], page_id: str) -> bool:
    """Return True when `page_id` is a folder's page the kiosk made (a `placeholder` Page)."""
    if not isinstance(page_ids, Mapping):
        return False
    page = page_ids.get(page_id)
    return bool(getattr(page, "placeholder", False))


def parse_internal_url(url: str) -> LinkTarget:
    """Turn a URL the page view received back into a verdict; anything unexpected is blocked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _blocked("link is not a valid address")
    if parts.scheme == PAGE_SCHEME and not parts.netloc and parts.path:
        page_id = unquote(parts.path)
        normal = posixpath.normpath(page_id)
        if normal != page_id or normal.startswith(("..", "/")) or "\x00" in page_id:
            return _blocked("page address is not normal")
        return LinkTarget("page", page_id=page_id, fragment=unquote(parts.fragment))
    if not parts.scheme and not parts.netloc and not parts.path and parts.fragment:
        return LinkTarget("anchor", fragment=unquote(parts.fragment))
    if parts.scheme == GLOSSARY_SCHEME and not parts.netloc and parts.path:
        return LinkTarget("glossary", fragment=unquote(parts.path))
    return _blocked(f"'{url[:60]}' is not a kiosk page")


def image_relative_path(src: str, page_file_dir: str) -> str | None:
    """Resolve an image `src` against the page's folder (both relative to the content root).

    Returns a normalised path relative to the content root, or None when the image is not
    an allowed picture inside the content root.
    """
    src = src.strip()
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path or "\\" in src:
        return None
    path = unquote(parts.path)
    if path.startswith("/") or any(ch in path for ch in "\x00\\:"):  # also once decoded
        return None
    if not path.lower().endswith(IMAGE_EXTENSIONS):
        return None
    joined = posixpath.normpath(posixpath.join(page_file_dir, path))
    if joined == ".." or joined.startswith(("../", "/")):
        return None
    return joined
