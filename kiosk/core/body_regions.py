"""The body map's regions ("Where does it hurt?") and the pages each one lists (Qt-free)."""

from __future__ import annotations

from kiosk.core.content import Language, Page

# Where the body map sits in the history: a location, so that Back from a page it listed comes
# back to it with the same region chosen (the fragment). No page file can have this id: a colon
# is not allowed in file names on Windows (and `kiosk check` refuses it everywhere).
BODY_MAP_ID = ":body-map"
# The regions, in the order a keyboard visits them; `all-over` is "all over / not sure".
REGIONS = ("neck", "upper-back", "lower-back", "buttock-hip", "leg", "all-over")
REGION_KEY = "regions"  # the front matter key: `regions: [lower-back, leg]`


def written_regions(page: Page) -> list[str]:
    """Return the region names a page's front matter lists, as written (known or not)."""
    value = page.meta.get(REGION_KEY)
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return []
    return [item.strip().lower() for item in value if isinstance(item, str) and item.strip()]


def page_regions(page: Page) -> list[str]:
    """Return the known regions a page lists (unknown names are left out: `kiosk check` says so)."""
    return [name for name in written_regions(page) if name in REGIONS]


def pages_for_region(language: Language | None, region: str) -> list[Page]:
    """Return the pages listing `region`, ordered by `order`, then title, then id."""
    if language is None:
        return []
    found = [page for page in language.pages.values()
             if not page.placeholder and region in page_regions(page)]
    return sorted(found, key=lambda page: (page.order, page.title.casefold(), page.id))


def has_regions(language: Language | None) -> bool:
    """Return True when some page of `language` lists a region (the body map has something to show)."""
    return language is not None and any(page_regions(page) for page in language.pages.values())


def region_of(fragment: str) -> str:
    """Return the region a body map location names ('' when none, or not a region)."""
    return fragment if fragment in REGIONS else ""
