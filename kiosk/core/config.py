"""Kiosk settings from a TOML file, checked key by key, with clear messages naming file and line."""

from __future__ import annotations

import functools
import os
import re
import stat
import tomllib
import typing
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kiosk import command_name
from kiosk.core.problems import Problem, Severity
from kiosk.core.resources import resource_path
from kiosk.core.staff_pin import is_pin_hash

if typing.TYPE_CHECKING:
    from kiosk.core.opening_hours import OpeningHours

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class Config:
    """Every setting the kiosk reads; each default is what an unconfigured kiosk uses."""

    clinic_name: str = "Riverside Acupuncture Clinic"
    default_language: str = "en"
    window_mode: str = "fullscreen"
    reading_grade_max: float = 8.0
    idle_timeout_s: int = 120
    idle_warning_s: int = 30
    staff_pin_hash: str = ""
    touch_only: bool = False
    # Read aloud (docs/deploy.md): "" picks the system's engine, "none" turns it off.
    read_aloud_engine: str = ""
    read_aloud_voices: tuple[str, ...] = ()  # voice names to prefer, any language (first wins)
    region: str = "us"
    take_home_url: str = ""
    usage_retention_days: int = 400
    opening_hours: OpeningHours | None = None  # None: always open (kiosk/core/opening_hours.py)


CHOICES: dict[str, tuple[str, ...]] = {"window_mode": ("fullscreen", "windowed")}

# Checks beyond the type; each returns an error message or None.
CHECKS: dict[str, typing.Callable[[typing.Any], str | None]] = {
    "clinic_name": lambda v: "must not be empty" if not v.strip() else None,
    "default_language": lambda v: None
    if LANGUAGE_CODE.match(v)
    else "must be a language code such as \"en\" or \"es\"",
    "reading_grade_max": lambda v: None if 1 <= v <= 20 else "must be between 1 and 20",
    "idle_timeout_s": lambda v: None if 10 <= v <= 3600 else "must be between 10 and 3600 seconds",
    # WCAG 2.2.1: give people at least 20 seconds to say they need more time.
    "idle_warning_s": lambda v: None if 20 <= v <= 600 else "must be between 20 and 600 seconds",
    "read_aloud_engine": lambda v: None
    if re.fullmatch(r"[a-z0-9_]{0,20}", v)
    else "must be an engine name such as \"speechd\", or \"none\"",
    "region": lambda v: _region_problem(v),
    "take_home_url": lambda v: take_home_url_problem(v),
    "usage_retention_days": lambda v: None if 1 <= v <= 3660 else "must be between 1 and 3660 days",
    "staff_pin_hash": lambda v: None
    if not v or is_pin_hash(v)
    else f"is not a line printed by `{command_name()} hash-pin` (staff exit stays closed)",
}

# Settings read from a TOML table into their own type; each returns (value, None) or (None, error).
def _opening_hours(value: typing.Any) -> tuple[OpeningHours | None, str | None]:
    if value == {}:
        return None, None  # no days: always open (as the bundled settings have it)
    from kiosk.core.opening_hours import parse_opening_hours  # (only when the settings set hours)

    hours, error = parse_opening_hours(value)
    return (None if hours is None or hours.always_open else hours), error


CONVERTERS: dict[str, typing.Callable[[typing.Any], tuple[typing.Any, str | None]]] = {
    "opening_hours": _opening_hours,
}
CONVERTED_DEFAULTS = {"opening_hours": "always open"}  # their defaults in words

# Text longer than this is cut to it, with a warning: a clinic's name fits the header's two lines
# (and a pasted file must not make a window wider than the screen).
MAX_LENGTHS: dict[str, int] = {"clinic_name": 120}

_TYPE_NAMES = {str: "text in quotes", int: "a whole number", float: "a number",
               bool: "true or false"}


def _region_problem(code: str) -> str | None:
    """Return why `code` names no bundled region file (resources/regions/<code>.toml), or None."""
    from kiosk.core.regions import available_regions

    known = available_regions()
    if code in known:
        return None
    return ("must be one of " + ", ".join(f'"{c}"' for c in known)
            + " (the files in resources/regions/)")


def take_home_url_problem(template: str) -> str | None:
    """Return what is wrong with a `take_home_url` template, or None ("" is fine: no button)."""
    if not template:
        return None
    if not re.match(r"^https?://[^/\s{}]+(/|$)", template):
        return "must be an address starting with https:// (or http://) and the web server's name"
    if any(ch.isspace() for ch in template):
        return "must not contain spaces"
    if "{page}" not in template:
        return "must contain {page} (where the page's name goes), e.g. " \
            "\"https://clinic.example/kiosk/{lang}/{page}.html\""
    try:
        template.format(lang="en", page="p")
    except (KeyError, IndexError, ValueError):
        return "may only contain {lang} and {page} in braces"
    return None


def bundled_config_file() -> Path:
    """Return the default configuration shipped with the app."""
    return resource_path("kiosk.toml")


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration and the problems met while reading it (the config is always usable)."""

    config: Config
    problems: tuple[Problem, ...]
    path: Path | None


def load_config(path: Path | None) -> LoadedConfig:
    """Read `path` (or KIOSK_CONFIG, the site file, the bundled default: kiosk/core/site_folders.py).

    Bad values fall back to defaults and are reported.
    """
    if path is None:
        from kiosk.core.site_folders import settings_file

        path = settings_file().path
    try:
        raw = read_settings_file(path)
    except FileNotFoundError:
        return _failed(path, "config file not found; using the built-in settings")
    except NotAFile as exc:
        return _failed(path, f"config file {exc}; using the built-in settings")
    except OSError as exc:
        return _failed(path, f"cannot read config file ({exc.strerror}); "
                       "using the built-in settings")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return _failed(path, "config file is not UTF-8 text; using the built-in settings", line)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 0
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return _failed(path, f"config file is not valid TOML: {message}; "
                       "using the built-in settings", line)
    config, problems = _validate(data, text, path)
    return LoadedConfig(config, tuple(problems), path)


class NotAFile(OSError):
    """The settings path is a folder, a pipe, a device ... or far too large (said in words)."""


MAX_SETTINGS_BYTES = 1_000_000  # the bundled file is 2 KB


def read_settings_file(path: Path) -> bytes:
    """Return the bytes of the settings file; NotAFile when it is not an ordinary, small file.

    Opened without waiting (a named pipe would wait for a writer forever) and checked on the
    open file itself, so that a folder, a pipe, /dev/zero or a huge file never hangs the start.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"is {_kind_of(info.st_mode)}, not a file")
        if info.st_size > MAX_SETTINGS_BYTES:
            raise NotAFile(f"is far too large ({info.st_size / 1e6:.1f} MB; settings are a few KB)")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, 65536):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_SETTINGS_BYTES:  # (it grew while being read)
                raise NotAFile("is far too large (settings are a few KB)")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _kind_of(mode: int) -> str:
    """Return what a non-regular file is, in words ("a folder", "a named pipe" ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _failed(path: Path, message: str, line: int = 0) -> LoadedConfig:
    return LoadedConfig(Config(), (Problem(path, line, "error", message),), path)


def _line_of_key(text: str, key: str) -> int:
    pattern = re.compile(rf"^[ \t]*(\[[ \t]*)?[\"']?{re.escape(key)}[\"']?[ \t]*(=|\])", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _report(problems: list[Problem], path: Path, text: str, key: str, severity: Severity,
            message: str) -> None:
    """Add a problem with `key`, at the line it is on (looked for only now: most starts have none)."""
    problems.append(Problem(path, _line_of_key(text, key), severity, message))


@functools.cache
def _type_hints() -> dict[str, typing.Any]:
    # (A converted setting is checked by its converter, not by its type: the opening hours'
    # class is loaded only for settings that set hours.)
    return typing.get_type_hints(Config, localns={"OpeningHours": typing.Any})


def _validate(data: dict[str, typing.Any], text: str, path: Path) -> tuple[Config, list[Problem]]:
    hints = _type_hints()
    known = [f.name for f in fields(Config)]
    values: dict[str, typing.Any] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        report = functools.partial(_report, problems, path, text, key)
        if key not in hints:
            import difflib  # only for a misspelt key: not on every start

            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report("warning", f"unknown setting '{key}'{hint}; ignored")
            continue
        if key in CONVERTERS:
            converted, error = CONVERTERS[key](value)
            if error:
                report("error", f"'{key}' {error}; using the default ({CONVERTED_DEFAULTS[key]})")
            else:
                values[key] = converted
            continue
        wanted = hints[key]
        if typing.get_origin(wanted) is tuple:  # a list of names in the file
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                values[key] = tuple(v for v in value if v.strip())
            else:
                report("error", f"'{key}' must be a list of names in quotes, such as [\"Name\"]; "
                       "using the default []")
            continue
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, wanted) or (wanted is not bool and isinstance(value, bool)):
            default = getattr(Config, key)
            report("error", f"'{key}' must be {_TYPE_NAMES.get(wanted, wanted.__name__)}; "
                   f"using the default {default!r}")
            continue
        message = None
        if key in CHOICES and value not in CHOICES[key]:
            message = "must be one of " + ", ".join(f'"{c}"' for c in CHOICES[key])
        elif key in CHECKS:
            message = CHECKS[key](value)
        if message:
            default = getattr(Config, key)
            report("error", f"'{key}' {message}; using the default {default!r}")
            continue
        limit = MAX_LENGTHS.get(key)
        if limit is not None and len(value) > limit:
            report("warning", f"'{key}' is {len(value)} characters long; only the first "
                   f"{limit} are used")
            value = value[:limit].rstrip()
        values[key] = value
    return replace(Config(), **values), problems
