"""How kiosk modules may use each other: no private names across modules; the checker apart, Qt-free."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

KIOSK = REPO / "kiosk"
MODULES = sorted(KIOSK.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str, str]]:
    """Return (line, module, name) for each name imported (name '' for a plain `import module`)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found += [(node.lineno, module, alias.name) for alias in node.names]
    return found


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_imports_a_private_name_from_another_kiosk_module():
    offenders = [
        f"{path.relative_to(REPO)}:{line}: from {module} import {name}"
        for path in MODULES for line, module, name in imports_of(path)
        if (module == "kiosk" or module.startswith("kiosk."))
        and (is_private(name) or any(is_private(part) for part in module.split(".")))
    ]
    assert offenders == []


@pytest.mark.parametrize(("package", "never"), [
    ("kiosk/checks", ("PySide6", "kiosk.ui", "kiosk.app")),  # the checker runs without a display
    ("kiosk/core", ("PySide6", "kiosk.ui", "kiosk.checks")),  # the pipeline does not need the checker
])
def test_what_a_package_never_imports(package, never):
    offenders = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in sorted((REPO / package).rglob("*.py")) for line, module, _ in imports_of(path)
        if any(module == name or module.startswith(name + ".") for name in never)
    ]
    assert offenders == []


def test_the_checker_loads_without_qt():
    code = ("import sys, kiosk.checks.command, kiosk.checks.content_check; "
            "sys.exit(1 if 'PySide6' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
