"""Checks the kiosk as an installed wheel: resources resolve inside the install, the self-test passes.

    python packaging/check_wheel.py        (run by .ci/run; about a minute)

Builds the wheel (`pip wheel --no-deps`), installs it with --no-deps into a new virtual
environment that gets the pinned runtime dependencies from requirements.txt, then, from a folder
outside the checkout, asks the installed package where its fonts, styles and content are (they
must be in kiosk/_bundled/ of that environment) and runs `kiosk --self-test` offscreen with the
same checks as the frozen app's smoke test (packaging/smoke_test.py).
Exits non-zero with a message on the first problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import smoke_test

ROOT = smoke_test.ROOT
WHERE = """
import json, kiosk
from kiosk.core import resources as r
print(json.dumps({
    "package": str(kiosk.__file__),
    "root": str(r.bundle_root()),
    "font": str(r.resource_path("fonts", "AtkinsonHyperlegible-Regular.ttf")),
    "qss": str(r.resource_path("styles", "kiosk.qss")),
    "config": str(r.resource_path("kiosk.toml")),
    "content": str(r.default_content_dir()),
}))
"""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a command, stopping with its output when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"check_wheel: {' '.join(command)} failed ({result.returncode}):\n"
                 f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result


def main() -> int:
    """Build, install, check; return 0 when everything is where it should be."""
    with tempfile.TemporaryDirectory(prefix="kiosk-wheel-") as temp:
        temp_dir = Path(temp)
        pip = ["--quiet", "--disable-pip-version-check"]
        run([sys.executable, "-m", "pip", "wheel", *pip, "--no-deps", "-w", str(temp_dir / "wheel"),
             str(ROOT)])
        wheel = next((temp_dir / "wheel").glob("*.whl"))
        venv = temp_dir / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        scripts = venv / ("Scripts" if os.name == "nt" else "bin")
        python = scripts / ("python.exe" if os.name == "nt" else "python")
        run([str(python), "-m", "pip", "install", *pip, "-r", str(ROOT / "requirements.txt")])
        run([str(python), "-m", "pip", "install", *pip, "--no-deps", str(wheel)])
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "KIOSK_LOG_DIR": str(temp_dir / "logs"),
               "KIOSK_CACHE_DIR": str(temp_dir / "cache")}
        env.pop("PYTHONPATH", None)
        where = json.loads(run([str(python), "-c", WHERE], cwd=temp_dir, env=env).stdout)
        installed = Path(where["package"]).resolve().parent
        bundled = installed / "_bundled"
        problems = []
        if installed.is_relative_to(ROOT) or not installed.is_relative_to(venv.resolve()):
            problems.append(f"kiosk was imported from {installed}, not from the wheel install")
        if Path(where["root"]) != bundled:
            problems.append(f"bundle_root() is {where['root']}, expected {bundled}")
        for key in ("font", "qss", "config"):
            path = Path(where[key])
            if not path.is_file() or not path.is_relative_to(bundled):
                problems.append(f"{key}: {path} is missing or outside {bundled}")
        if not (Path(where["content"]) / "en").is_dir():
            problems.append(f"content: {where['content']}/en is missing")
        kiosk = scripts / ("kiosk.exe" if os.name == "nt" else "kiosk")
        smoke_problems, summary = smoke_test.check([str(kiosk)], cwd=temp_dir)
        problems += smoke_problems
        for problem in problems:
            print(f"check_wheel: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"check_wheel: {wheel.name}: resources resolve in {bundled.relative_to(venv)}; "
              f"{summary}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
