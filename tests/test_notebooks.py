"""Every lesson and exercise runs headless, top to bottom, in a real kernel."""

import shutil

import nbformat
import pytest

from conftest import execute, exercise_paths, lesson_paths

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("path", lesson_paths() + exercise_paths(), ids=lambda p: p.name)
def test_notebook_runs_without_error(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    nb = execute(copy, tmp_path)  # raises CellExecutionError on any failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.name)
def test_lesson_follows_the_course_shape(path):
    cells = nbformat.read(path, as_version=4).cells
    first = cells[0].source
    assert first.startswith("# ") and "**Time:**" in first and "**For:**" in first
    objectives = [line for line in first.splitlines() if line[:2].rstrip(".").isdigit()]
    assert 3 <= len(objectives) <= 5, "3-5 checkable objectives, first"
    text = "\n".join(c.source for c in cells)
    assert "Content note" in first
    assert "## Key points" in text
    assert "check_understanding(" in text or "try_a_widget(" in text
    assert "Next" in cells[-1].source or "next" in cells[-1].source
