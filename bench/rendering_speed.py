"""Rendering: Markdown to sanitized HTML throughput, and what a page's size costs on screen.

Uses the kiosk's own PageRenderer with its cache cleared before every pass, on the bundled
pages (every language) and on a large real document (the CommonMark specification, about
200 KB, from ../shared/corpus/; skipped when absent). Then slices of that document of growing
size are rendered and shown in the real page view (setHtml, layout and a forced paint), so a
clinic can see how long a page can be before a tap feels slow. 1 KB = 1024 bytes of Markdown.
Run alone: python -m bench.rendering_speed  (prints JSON)
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from bench.tap_to_page import use_offscreen_screen

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder holding it, for a git worktree)
CORPUS_DOC = next((folder / "shared" / "corpus" / "commonmark-spec.md"
                   for folder in (REPO.parent, REPO.parent.parent)
                   if (folder / "shared" / "corpus" / "commonmark-spec.md").is_file()),
                  REPO.parent / "shared" / "corpus" / "commonmark-spec.md")
SLICE_KB = (5, 10, 25, 50, 100)
KB = 1024


def timed(action, repeats: int) -> float:
    """Return the median milliseconds of `repeats` calls of `action`."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def render_all(renderer, pages) -> None:
    """Render every (lang, page) with an empty cache."""
    renderer.clear_cache()
    for lang, page in pages:
        renderer.render(lang, page.id)


def bundled_throughput(repeats: int = 5) -> dict:
    """Return the time to render every bundled page of every language, and KB/s."""
    from kiosk.core.content import ContentLibrary
    from kiosk.core.rendering import PageRenderer
    from kiosk.core.resources import default_content_dir

    library = ContentLibrary.load(default_content_dir())
    renderer = PageRenderer(library)
    pages = [(code, page) for code, language in sorted(library.languages.items())
             for page in language.ordered()]
    size = sum(len(page.body.encode("utf-8")) for _, page in pages)
    render_all(renderer, pages)  # first pass: imports and regex compilation
    ms = timed(lambda: render_all(renderer, pages), repeats)
    return {"pages": len(pages), "kb": round(size / KB, 1), "ms": round(ms, 1),
            "kb_per_s": round(size / KB / (ms / 1000)), "ms_per_page": round(ms / len(pages), 2)}


def slice_markdown(text: str, kilobytes: int) -> str:
    """Return about `kilobytes` of `text`, cut at a paragraph break, as a page with a title."""
    cut = text.rfind("\n\n", 0, kilobytes * KB)
    return f"# A {kilobytes} KB page\n\n" + text[: cut if cut > 0 else kilobytes * KB]


def corpus_tree(folder: Path) -> tuple[Path, dict[str, int]] | None:
    """Write the large document and its slices as a content tree; None without the corpus."""
    if not CORPUS_DOC.is_file():
        return None
    text = CORPUS_DOC.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    pages = {"spec": text}
    pages.update({f"slice-{kb}": slice_markdown(body, kb) for kb in SLICE_KB})
    root = folder / "content"
    (root / "en").mkdir(parents=True)
    for name, markdown in pages.items():
        (root / "en" / f"{name}.md").write_text(markdown, encoding="utf-8")
    return root, {name: len(markdown.encode("utf-8")) for name, markdown in pages.items()}


def measure_rendering(repeats: int = 5) -> dict:
    """Return bundled and large-document throughput and the cost of a page by size."""
    result: dict = {"bundled": bundled_throughput(repeats), "corpus": None, "by_size": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as scratch:
        made = corpus_tree(Path(scratch))
        if made is None:
            return result
        root, sizes = made
        result.update(large_document(root, sizes, repeats))
    return result


def large_document(root: Path, sizes: dict[str, int], repeats: int) -> dict:
    """Render the large document and its slices, and show each in the real page view."""
    use_offscreen_screen()
    from kiosk.app import create_window, ensure_application
    from kiosk.core.content import ContentLibrary
    from kiosk.core.rendering import PageRenderer

    app = ensure_application()
    window = create_window(["--size", "1920x1080"])
    window.show()
    window.session.open(window.session.language.ordered()[0].id)
    app.processEvents()
    view = window.page_screen.view
    library = ContentLibrary.load(root)
    renderer = PageRenderer(library)

    def render(name: str) -> str:
        renderer.clear_cache()
        return renderer.render("en", name).html

    def show(html: str) -> None:
        view.show_html(html, window.page_screen.content_css)
        window.repaint()
        app.processEvents()

    rows = []
    for name in [f"slice-{kb}" for kb in SLICE_KB] + ["spec"]:
        render(name)  # warm
        render_ms = timed(lambda name=name: render(name), repeats)
        html = render(name)
        show_ms = timed(lambda html=html: show(html), repeats)
        rows.append({"page": name, "kb": round(sizes[name] / KB, 1),
                     "html_kb": round(len(html.encode("utf-8")) / KB, 1),
                     "render_ms": round(render_ms, 1), "show_ms": round(show_ms, 1),
                     "cold_tap_ms": round(render_ms + show_ms, 1)})
    spec = rows[-1]
    window.close()
    corpus = {"document": CORPUS_DOC.name, "kb": spec["kb"], "render_ms": spec["render_ms"],
              "kb_per_s": round(spec["kb"] / (spec["render_ms"] / 1000)),
              "set_html_ms": spec["show_ms"]}
    return {"corpus": corpus, "by_size": rows}


if __name__ == "__main__":
    print(json.dumps(measure_rendering()))
