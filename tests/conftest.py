"""Shared test helpers: run notebooks in real kernels, find the course, keep artifacts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from warning_signs.paths import course_root

ROOT = course_root()
ARTIFACTS = ROOT / "test-artifacts"
EXERCISE = "01-atrocity-crimes"


def lesson_paths() -> list[Path]:
    return sorted((ROOT / "lessons").glob("*.ipynb"))


def exercise_paths() -> list[Path]:
    return sorted((ROOT / "exercises").glob("*/*.ipynb"))


def execute(path: Path, cwd: Path, timeout: int = 120, env: dict | None = None) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel with ``cwd`` as its folder."""
    nb = nbformat.read(path, as_version=4)
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nb


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def student_copy(tmp_path) -> Path:
    """A folder holding the student version of exercise 01, made by nbgrader."""
    from warning_signs.grading import config

    api = config.api(tmp_path / "course", ROOT / "exercises")
    result = api.generate_assignment(EXERCISE)
    assert result["success"], result.get("log")
    folder = tmp_path / "learner" / EXERCISE
    shutil.copytree(tmp_path / "course" / "release" / EXERCISE, folder)
    return folder


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A real JupyterLab, started by `warning-signs start` on a prepared workspace: (base URL, workspace)."""
    from browser import jupyterlab, require_chromium
    from warning_signs.workspace import Workspace

    require_chromium()
    workspace = tmp_path_factory.mktemp("workspace")
    Workspace(workspace).prepare()
    log = tmp_path_factory.mktemp("logs") / "jupyterlab.log"
    with jupyterlab(workspace, log) as base:
        yield base, workspace


# --- parallel runs ------------------------------------------------------------------------------------
# `make test` runs the slow round on parallel workers (pytest-xdist, `--dist loadscope
# --no-loadscope-reorder`): a module's tests (a class's, where a module has classes, as the axe audit
# has) stay on one worker, so its module fixtures (a JupyterLab, a graded course) are made once.
# Workers take modules in collection order, so the longest (measured) go first and no worker is
# left with a long one at the end.
LONGEST_FIRST = ["test_hub.py", "test_browser_audit.py", "test_grading_dead_kernel.py", "test_grading_hostile.py",
                 "test_grading_bad_submissions.py", "test_notebooks.py", "test_grading_workflow.py",
                 "test_workspace.py", "test_grading_parallel.py", "test_voila.py", "test_hub_ngshare.py",
                 "test_browser_selfcheck.py", "test_grading_sandbox.py"]


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST_FIRST)))  # stable: modules keep their order
