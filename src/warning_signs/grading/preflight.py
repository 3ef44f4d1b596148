"""A quick look at a submitted folder before nbgrader opens it.

A renamed notebook (``01-atrocity-crimes (1).ipynb``, a platform's prefix) is
copied under its released name, so nbgrader finds it; a missing or damaged one
is a failure with its reason, and nbgrader is not asked to grade it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat.reader import NotJSONError

from .course import Course


def preflight(course: Course, assignment: str, student: str) -> tuple[str | None, list[str]]:
    """(why this submission cannot be graded, or None; notes) from a quick look at its files."""
    folder = course.folder("submitted", assignment, student)
    notes = []
    expected = course.notebook_names(assignment)
    for name in expected:
        path = folder / name
        if not path.exists():
            found = [p for p in _other_notebooks(folder) if p.name not in expected]
            if len(found) != 1:
                listing = ", ".join(p.name for p in found) or "none"
                return f"no notebook named {name} was submitted (notebooks found: {listing})", notes
            shutil.copy2(found[0], path)
            notes.append(f"the notebook was renamed '{found[0].name}': graded as {name}")
        problem = _damage(path)
        if problem:
            return f"the notebook {name} is damaged: {problem}", notes
    return None, notes


def _damage(path: Path) -> str | None:
    """What keeps nbgrader from opening a notebook, in a few words; None if nothing."""
    try:
        nbformat.read(path, as_version=4)
    except (UnicodeDecodeError, NotJSONError):
        return "it is not valid JSON (cut short, or edited outside JupyterLab?)"
    except Exception as exc:  # nbformat raises several kinds for a wrong structure
        return f"it is not a valid notebook ({type(exc).__name__})"
    return None


def _other_notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
