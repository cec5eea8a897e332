"""The staff PIN core: hashing, checking, wrong-PIN lockout, secret taps, and the config key."""

from __future__ import annotations

import pytest

from kiosk.core.config import Config, load_config
from kiosk.core.staff_pin import (
    PinLockout,
    SecretTaps,
    hash_pin,
    is_pin_hash,
    pin_problem,
    verify_pin,
)

FAST = {"n": 2**10, "r": 8, "p": 1}


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_is_salted_and_verifies_only_the_right_pin():
    first, second = hash_pin("2468", **FAST), hash_pin("2468", **FAST)
    assert first != second  # a fresh salt every time
    assert first.startswith("scrypt$1024$8$1$")
    assert "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("", first)


def test_default_cost_is_scrypt_16384():
    assert hash_pin("1234").split("$")[1:4] == ["16384", "8", "1"]


@pytest.mark.parametrize("bad", ["", "1234", "scrypt$3$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",
                                 "scrypt$1024$8$1$!!$??", "pbkdf2$1$2$3$4$5"])
def test_malformed_hashes_never_verify(bad):
    assert not is_pin_hash(bad)
    assert not verify_pin("1234", bad)


@pytest.mark.parametrize(("pin", "ok"), [("1234", True), ("123456789012", True), ("123", False),
                                         ("12a4", False), ("", False), ("1234567890123", False)])
def test_pin_rules(pin, ok):
    assert (pin_problem(pin) is None) is ok


def test_five_wrong_pins_lock_for_sixty_seconds():
    clock = FakeClock()
    lockout = PinLockout(clock)
    for left in (5, 4, 3, 2, 1):
        assert not lockout.locked and lockout.tries_left == left
        lockout.record_wrong()
    assert lockout.locked and lockout.seconds_left() == 60
    clock.now += 59.5
    assert lockout.locked and lockout.seconds_left() == 1
    clock.now += 0.5
    assert not lockout.locked and lockout.tries_left == 5


def test_right_pin_forgets_wrong_ones():
    lockout = PinLockout(FakeClock())
    for _ in range(4):
        lockout.record_wrong()
    lockout.record_right()
    lockout.record_wrong()
    assert not lockout.locked and lockout.tries_left == 4


def test_secret_taps_need_five_within_three_seconds():
    clock = FakeClock()
    taps = SecretTaps(clock)
    results = []
    for _ in range(5):
        results.append(taps.tap())
        clock.now += 0.9  # 5 taps over 3.6 s: the first one has expired by the fifth
    assert results == [False] * 5
    clock.now += 10
    results = []
    for _ in range(5):
        results.append(taps.tap())
        clock.now += 0.5
    assert results == [False] * 4 + [True]


def test_config_keys_for_kiosk_mode(tmp_path):
    good = hash_pin("1234", **FAST)
    path = tmp_path / "kiosk.toml"
    path.write_text(f'idle_timeout_s = 90\nidle_warning_s = 25\nstaff_pin_hash = "{good}"\n'
                    "touch_only = true\n", encoding="utf-8")
    loaded = load_config(path)
    assert loaded.problems == ()
    assert (loaded.config.idle_timeout_s, loaded.config.idle_warning_s) == (90, 25)
    assert loaded.config.staff_pin_hash == good and loaded.config.touch_only


def test_bad_kiosk_mode_settings_fall_back_with_a_message(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('idle_timeout_s = 2\nidle_warning_s = 10\nstaff_pin_hash = "1234"\n',
                    encoding="utf-8")
    loaded = load_config(path)
    messages = [p.message for p in loaded.problems]
    assert any("idle_timeout_s" in m and "between 10 and 3600" in m for m in messages)
    assert any("idle_warning_s" in m and "between 20" in m for m in messages)
    assert any("staff_pin_hash" in m and "kiosk hash-pin" in m for m in messages)
    assert loaded.config.idle_warning_s == Config().idle_warning_s == 30
    assert loaded.config.staff_pin_hash == ""
    assert [p.line for p in loaded.problems] == [1, 2, 3]


def test_bundled_config_has_the_defaults():
    loaded = load_config(None)
    assert loaded.problems == ()
    assert loaded.config.idle_timeout_s == 120 and loaded.config.idle_warning_s == 30


def test_a_hash_needing_more_memory_than_scrypt_may_use_is_not_accepted():
    from kiosk.core.staff_pin import is_pin_hash

    assert not is_pin_hash("scrypt$1048576$32$1$c2FsdHNhbHRzYWx0$" + "A" * 44)
