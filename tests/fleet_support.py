"""For the fleet tests: signing keys, clean content, a real TUF repository served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import textwrap
import threading
import time
from pathlib import Path

from conftest import write_tree

from kiosk.fleet.keys import ROLES, KeyRing
from kiosk.fleet.publish import publish


def page(title: str, words: str) -> str:
    """Return a patient page that passes the content check."""
    return textwrap.dedent(f"""
        ---
        title: {title}
        summary: A short page.
        reviewed: 2026-11-01
        next_review: 2027-11-01
        sources:
          - organisation: The clinic
            title: Our own notes
            year: 2026
        ---
        # {title}

        {words}
        """).lstrip("\n")


def write_content(folder: Path, words: str = "Tap a page to read it. The pages are short.") -> Path:
    """Write a one-page content tree and return its folder."""
    return write_tree(folder, {"en/welcome.md": page("Welcome", words)})


def make_keys(folder: Path) -> KeyRing:
    """Return a key ring with the four keys made."""
    ring = KeyRing(folder)
    for role in ROLES:
        ring.make(role)
    return ring


class RepositoryServer(http.server.ThreadingHTTPServer):
    """http.server on 127.0.0.1 serving `root`, that can be made slow or cut downloads short."""

    daemon_threads = True

    def __init__(self, root: Path):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.mode = "normal"  # "slow": wait before answering; "partial": half of each archive
        self.delay = 3.0
        self.asked = threading.Event()  # set at the first request (an updater is at work)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def handle_error(self, request, client_address) -> None:
        """A client that gave up (the slow test) is not an error of the server's."""

    @property
    def url(self) -> str:
        """Return the repository's address."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()
        self._thread.join()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))

    def log_message(self, format, *args) -> None:
        pass

    def do_GET(self) -> None:
        server = self.server
        server.asked.set()
        if server.mode == "slow":
            time.sleep(server.delay)
        if server.mode == "partial" and "/targets/" in self.path:
            data = Path(self.translate_path(self.path)).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])  # the connection drops half way
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


class Fleet:
    """Keys, a repository with its server, and one kiosk's fleet folder."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.keys = make_keys(tmp_path / "keys")
        self.repo = tmp_path / "repo"
        self.site = tmp_path / "kiosk-site"
        self.server = RepositoryServer(self.repo)
        self.root_file = self.repo / "metadata" / "1.root.json"
        self.published = 0

    def publish(self, words: str = "", **expiry: float) -> int:
        """Publish a content tree (different words each time) and return its release number."""
        self.published += 1
        content = write_content(self.tmp / f"content-{self.published}",
                                words or f"Release words number {self.published}. Tap a page to read it.")
        return publish(content, self.repo, self.keys, expiry_days=expiry or None)

    def archive(self) -> Path:
        """Return the archive the repository offers now (its newest file in targets/)."""
        return max((self.repo / "targets").glob("*.content.tar.gz"), key=lambda p: p.stat().st_mtime_ns)


def wait_quietly(seconds: float) -> None:
    """Let a little wall-clock time pass (file times must differ between publishes)."""
    time.sleep(seconds)


def served_url(server: RepositoryServer) -> str:
    """Return the server's address (a function so tests read well)."""
    return server.url


__all__ = ["Fleet", "RepositoryServer", "functools", "make_keys", "page", "write_content"]
