"""The staff PIN: salted scrypt hashes, checking a PIN, the wrong-PIN lockout, the secret taps."""

from __future__ import annotations

import base64
import logging
import os
import re
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

SCHEME = "scrypt"
# scrypt cost: 16 MiB of memory and about 50 ms per check; slows down guessing from a stolen file.
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")
_HASH_PATTERN = re.compile(
    r"^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=_-]+)\$([A-Za-z0-9+/=_-]+)$"
)
MAX_WRONG = 5
LOCKOUT_S = 60.0
SECRET_TAPS = 5
SECRET_TAP_WINDOW_S = 3.0

Clock = Callable[[], float]


def pin_problem(pin: str) -> str | None:
    """Return why `pin` cannot be a staff PIN (4 to 12 digits), or None when it can."""
    if not PIN_PATTERN.match(pin):
        return "a staff PIN is 4 to 12 digits (0-9), typed on the kiosk's number pad"
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


SCRYPT_MAXMEM = 256 * 1024 * 1024


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int = KEY_BYTES) -> bytes:
    import hashlib  # here, not at the top: loading OpenSSL is a few ms of every start-up

    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=SCRYPT_MAXMEM, dklen=dklen)


def hash_pin(pin: str, salt: bytes | None = None, n: int = DEFAULT_N, r: int = DEFAULT_R,
             p: int = DEFAULT_P) -> str:
    """Return `scrypt$n$r$p$salt$hash` (base64) for `pin`, with a fresh random salt by default."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    return f"{SCHEME}${n}${r}${p}${_b64(salt)}${_b64(_scrypt(pin, salt, n, r, p))}"


def _parse(encoded: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _HASH_PATTERN.match(encoded.strip())
    if not match:
        return None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16:
        return None
    if 128 * r * (n + p + 2) > SCRYPT_MAXMEM:  # could never be checked: staff locked out
        return None
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        digest = base64.b64decode(match.group(5), validate=True)
    except ValueError:
        return None
    if len(salt) < 8 or len(digest) < 16:
        return None
    return n, r, p, salt, digest


def is_pin_hash(encoded: str) -> bool:
    """Return True when `encoded` is a well-formed hash from hash_pin()."""
    return _parse(encoded) is not None


def verify_pin(pin: str, encoded: str) -> bool:
    """Return True when `pin` matches the stored hash (False for a malformed hash)."""
    parsed = _parse(encoded)
    if parsed is None:
        return False
    n, r, p, salt, digest = parsed
    import hmac

    try:
        candidate = _scrypt(pin, salt, n, r, p, dklen=len(digest))
    except (ValueError, MemoryError):
        log.error("the staff PIN hash cannot be checked on this machine")
        return False
    return hmac.compare_digest(candidate, digest)


class PinLockout:
    """Counts wrong PINs: MAX_WRONG in a row lock the pad for LOCKOUT_S seconds."""

    def __init__(self, clock: Clock = time.monotonic, max_wrong: int = MAX_WRONG,
                 lockout_s: float = LOCKOUT_S):
        self.clock = clock
        self.max_wrong = max_wrong
        self.lockout_s = lockout_s
        self.wrong = 0
        self._locked_until = 0.0

    def seconds_left(self) -> int:
        """Return the whole seconds until the pad unlocks (0 when it is not locked)."""
        left = self._locked_until - self.clock()
        return int(left) + (left > int(left)) if left > 0 else 0

    @property
    def locked(self) -> bool:
        """Return True while wrong PINs have locked the pad."""
        return self.seconds_left() > 0

    @property
    def tries_left(self) -> int:
        """Return how many wrong PINs are left before the lock."""
        return self.max_wrong - self.wrong

    def record_wrong(self) -> None:
        """Count a wrong PIN; the last allowed one starts the lock."""
        self.wrong += 1
        if self.wrong >= self.max_wrong:
            self.wrong = 0
            self._locked_until = self.clock() + self.lockout_s
            log.warning("staff PIN pad locked for %d s after %d wrong PINs",
                        self.lockout_s, self.max_wrong)

    def record_right(self) -> None:
        """Forget the wrong PINs after a right one."""
        self.wrong = 0


class SecretTaps:
    """Recognises SECRET_TAPS taps within SECRET_TAP_WINDOW_S seconds (the staff's way in)."""

    def __init__(self, clock: Clock = time.monotonic, taps: int = SECRET_TAPS,
                 window_s: float = SECRET_TAP_WINDOW_S):
        self.clock = clock
        self.taps = taps
        self.window_s = window_s
        self._times: list[float] = []

    def tap(self) -> bool:
        """Record a tap; return True (and start over) when it completes the sequence."""
        now = self.clock()
        self._times = [t for t in self._times if now - t <= self.window_s]
        self._times.append(now)
        if len(self._times) >= self.taps:
            self._times = []
            return True
        return False
