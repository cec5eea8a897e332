"""Whether speech-dispatcher answers, asked before Qt's speechd engine connects to it (Qt-free).

Qt's speechd engine opens its connection with libspeechd, which waits for the daemon's answer
without a time limit, holding the kiosk's only thread: a daemon stuck (seen here while it was
closing its espeak-ng module) froze the whole kiosk. So the kiosk first says hello itself,
in the daemon's own protocol (SSIP: `SET self CLIENT_NAME`, answered `208 OK ...`), with a
time limit. No socket yet is fine: libspeechd then starts the daemon itself.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

ANSWER_WITHIN_S = 1.0  # a working daemon answers in a few milliseconds


def socket_path(env: dict[str, str] | None = None) -> Path | None:
    """Return the daemon's Unix socket as libspeechd finds it, or None when it is not one.

    SPEECHD_ADDRESS first ("unix_socket:PATH"; "inet_socket:..." is not looked at), else
    speech-dispatcher/speechd.sock in XDG_RUNTIME_DIR, or in ~/.cache without one (GLib's
    g_get_user_runtime_dir(), which libspeechd uses).
    """
    env = dict(os.environ) if env is None else env
    address = env.get("SPEECHD_ADDRESS", "")
    if address:
        method, _, rest = address.partition(":")
        if method != "unix_socket":
            return None
        if rest:
            return Path(rest).expanduser()
    runtime = env.get("XDG_RUNTIME_DIR") or env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock"


def problem(path: Path | None = None, within_s: float = ANSWER_WITHIN_S) -> str:
    """Return why speech-dispatcher must not be connected to now, or "" when it may be.

    "" too when there is no socket (libspeechd starts the daemon) or nothing listens on it (a
    socket left by a daemon that ended: libspeechd starts a new one).
    """
    path = socket_path() if path is None else path
    if path is None or not path.exists():
        return ""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(within_s)
        try:
            client.connect(str(path))
        except (ConnectionRefusedError, FileNotFoundError):
            return ""
        except OSError as exc:
            return f"speech-dispatcher's socket {path} cannot be opened ({exc.strerror or exc})"
        try:
            client.sendall(b'SET self CLIENT_NAME "kiosk:kiosk:probe"\r\n')
            answer = client.recv(256)
            client.sendall(b"QUIT\r\n")
        except TimeoutError:
            return f"speech-dispatcher ({path}) did not answer within {within_s:g} s"
        except OSError as exc:
            return f"speech-dispatcher ({path}) broke off ({exc.strerror or exc})"
    if not answer[:1].isdigit():
        return f"speech-dispatcher ({path}) answered what it should not ({answer[:40]!r})"
    return ""
