"""A quick look at a submitted folder before nbgrader opens it.

nbgrader copies a submission's files with the grader's rights, following links,
before any sandbox exists: so every link, every file that is not a regular file
and every hard link to some other file is removed from the submitted folder
first (one note naming each), and a submitted folder that is itself a link is
not graded. A renamed notebook (``01-atrocity-crimes (1).ipynb``, a platform's prefix) is
copied under its released name, so nbgrader finds it; a missing or damaged one
is a failure with its reason, and nbgrader is not asked to grade it.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import nbformat
from nbformat.reader import NotJSONError

from .course import Course
from .outcomes import shown_name
from .safecopy import MAX_FILE, MiB


def preflight(course: Course, assignment: str, student: str) -> tuple[str | None, list[str]]:
    """(why this submission cannot be graded, or None; notes) from a quick look at its files."""
    folder = course.folder("submitted", assignment, student)
    for part in (folder.parent, folder):
        if part.is_symlink() or not part.is_dir():
            return "the submitted folder is a link or not a folder: not graded (collect it again)", []
    notes: list[str] = unlink_oddities(folder)
    expected = course.notebook_names(assignment)
    for name in expected:
        path = folder / name
        if not path.exists():
            found = [p for p in _other_notebooks(folder) if p.name not in expected]
            if len(found) != 1:
                listing = ", ".join(p.name for p in found) or "none"
                return f"no notebook named {name} was submitted (notebooks found: {listing})", notes
            shutil.copyfile(found[0], path)
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


def unlink_oddities(folder: Path) -> list[str]:
    """Remove links, non-regular files, hard links and oversized files under ``folder``; a note for each."""
    notes = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top) / name
            where = shown_name(path.relative_to(folder))
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode):
                continue
            if stat.S_ISLNK(info.st_mode):
                why = f"a link {where} was removed before grading: links are never followed"
            elif not stat.S_ISREG(info.st_mode):
                why = f"{where} is not a regular file: removed before grading"
            elif info.st_nlink > 1:
                why = f"{where} is a hard link to another file: removed before grading"
            elif info.st_size > MAX_FILE:
                why = f"{where} is larger than {MAX_FILE // MiB} MiB: removed before grading"
            else:
                continue
            path.unlink()
            notes.append(why)
        dirs[:] = [d for d in dirs if not (Path(top) / d).is_symlink()]
    return notes
