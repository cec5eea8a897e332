"""`make lint` beyond Python: shellcheck on the shell scripts and workflow `run:` blocks; the workflow schema.

    python packaging/lint_scripts.py

shellcheck reads packaging/**/*.sh, deploy/**/*.sh, .ci/run and each bash `run:` block of
.github/workflows/*.yml (its `${{ ... }}` expressions replaced by a plain word first).
action-validator (npm: @action-validator/cli) checks each workflow against the GitHub Actions
schema, offline. A tool that is not installed is skipped with a line saying so; exit 1 on a finding.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def shell_scripts() -> list[Path]:
    """Return the project's shell scripts."""
    found = [ROOT / ".ci" / "run"]
    for folder in ("packaging", "deploy", "tools"):
        found += sorted((ROOT / folder).rglob("*.sh"))
    return [path for path in found if path.is_file()]


def run_blocks(workflow: Path) -> list[tuple[str, str]]:
    """Return (job/step name, script) for every bash `run:` block of a workflow."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    blocks = []
    for job_id, job in (data.get("jobs") or {}).items():
        default_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell", "bash")
        for number, step in enumerate(job.get("steps") or [], start=1):
            if "run" not in step or step.get("shell", default_shell) != "bash":
                continue  # pwsh blocks are PowerShell, not shell
            name = f"{workflow.name}: {job_id}: {step.get('name') or f'step {number}'}"
            blocks.append((name, EXPRESSION.sub("GITHUB_EXPRESSION", step["run"])))
    return blocks


def tool(name: str) -> str | None:
    """Return the path of a tool on PATH or in a local node_modules/.bin, or None."""
    for folder in (ROOT / "node_modules" / ".bin", ROOT / "build" / "npm" / "node_modules" / ".bin"):
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def run_shellcheck(shellcheck: str) -> int:
    """Shellcheck the scripts and the workflow blocks; return the number of findings."""
    findings = 0
    result = subprocess.run([shellcheck, "--shell=bash", *map(str, shell_scripts())],
                            capture_output=True, text=True)
    if result.returncode:
        print(result.stdout + result.stderr, end="")
        findings += 1
    with tempfile.TemporaryDirectory() as folder:
        for workflow in WORKFLOWS:
            for name, script in run_blocks(workflow):
                path = Path(folder) / "block.sh"
                # GitHub runs bash blocks as `bash --noprofile --norc -eo pipefail {0}`.
                path.write_text("set -eo pipefail\n" + script, encoding="utf-8")
                result = subprocess.run([shellcheck, "--shell=bash", str(path)],
                                        capture_output=True, text=True)
                if result.returncode:
                    print(f"shellcheck: {name}:")
                    print(result.stdout.replace(str(path), "(run block; line 1 is set -eo pipefail)"))
                    findings += 1
    return findings


def main() -> int:
    """Run both checks (each only when its tool is there)."""
    findings = 0
    shellcheck = tool("shellcheck")
    if shellcheck:
        findings += run_shellcheck(shellcheck)
        blocks = sum(len(run_blocks(w)) for w in WORKFLOWS)
        print(f"shellcheck: {len(shell_scripts())} scripts and {blocks} workflow run blocks checked")
    else:
        print("shellcheck: not installed, skipped (Debian: apt-get install shellcheck)")
    validator = tool("action-validator")
    if validator:
        for workflow in WORKFLOWS:
            result = subprocess.run([validator, str(workflow)], capture_output=True, text=True,
                                    env={**os.environ, "NO_COLOR": "1"})
            if result.returncode:
                print(f"action-validator: {workflow.relative_to(ROOT)}:\n{result.stdout}{result.stderr}")
                findings += 1
        print(f"action-validator: {len(WORKFLOWS)} workflow(s) checked against the schema")
    else:
        print("action-validator: not installed, skipped (npm install -g @action-validator/cli)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
