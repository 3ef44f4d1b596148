"""Parallel, jailed autograde gives the same scores as nbgrader's own sequential autograde.

One class of real submissions (clicked and typed, right, wrong, partial, blank,
one written memo) is copied into three course roots: graded by ``nbgrader
autograde`` (one process, stock settings), by ``autograde --jobs 2`` (workers,
jail), and (half of them) by ``autograde`` where bwrap is missing (loud UNSANDBOXED warning).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import EXERCISE, ROOT
from submissions import mixed_class, scores, sequential_autograde
from warning_signs.grading.autograde import autograde
from warning_signs.grading.course import Course

pytestmark = pytest.mark.slow
CLASS_SIZE = 12


@pytest.fixture(scope="module")
def roots(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("parallel")
    first = Course.at(tmp / "parallel", ROOT / "exercises")
    assert first.api().generate_assignment(EXERCISE)["success"]
    kinds = mixed_class(first.folder("release", EXERCISE), first.root / "submitted", CLASS_SIZE, tmp / "scratch")
    shutil.copytree(first.root, tmp / "sequential")
    shutil.copytree(first.root, tmp / "unsandboxed", ignore=lambda folder, names: [  # the first six learners
        n for n in names if Path(folder).name == "submitted" and n not in sorted(kinds)[:6]])
    return tmp, first, kinds


@pytest.fixture(scope="module")
def sequential(roots):
    tmp, first, _ = roots
    sequential_autograde(tmp / "sequential", first.source)
    return scores(tmp / "sequential")


def test_parallel_scores_equal_sequential_nbgrader(roots, sequential):
    tmp, first, kinds = roots
    log = io.StringIO()
    outcomes = autograde(first, EXERCISE, jobs=2, out=log)
    assert scores(first.root) == sequential
    assert len(sequential) == CLASS_SIZE and not any(o.failed for o in outcomes.values())
    assert {sum(v for k, v in sequential[s].items() if k != "q8-memo") for s in kinds} == {0, 1, 5, 6, 8}
    assert log.getvalue().strip().splitlines()[-1] == f"graded {CLASS_SIZE}, failed 0, needing manual grading 2"
    counters = [line.split("]")[0] for line in log.getvalue().splitlines() if line.startswith("[")]
    assert counters == [f"[{i:>2}/{CLASS_SIZE}" for i in range(1, CLASS_SIZE + 1)]


def test_without_bwrap_grading_still_works_and_says_so_loudly(roots, sequential, monkeypatch, capsys):
    tmp, first, _ = roots
    monkeypatch.setenv("WARNING_SIGNS_BWRAP", "/nonexistent/bwrap")
    log = io.StringIO()
    autograde(Course.at(tmp / "unsandboxed", first.source), EXERCISE, jobs=2, out=log)
    assert "WARNING: grading UNSANDBOXED: bubblewrap (bwrap) is not installed" in log.getvalue()
    assert "grading UNSANDBOXED" in capsys.readouterr().err
    graded = scores(tmp / "unsandboxed")
    assert len(graded) == 6 and graded == {s: sequential[s] for s in graded}
