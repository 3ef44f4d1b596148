"""Where the course lives on disk.

The course folders (lessons, exercises, datasets, grading) sit at the top of a
checkout. An editable install finds them next to ``src/``; a wheel carries a copy
in ``warning_signs/course``. ``WARNING_SIGNS_ROOT`` overrides both (tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _is_course_root(path: Path) -> bool:
    return (path / "datasets").is_dir() and (path / "exercises").is_dir()


def course_root() -> Path:
    """The folder that holds lessons/, exercises/, datasets/ and grading/."""
    override = os.environ.get("WARNING_SIGNS_ROOT")
    if override:
        return Path(override).resolve()
    for candidate in (_PACKAGE_DIR.parent.parent, _PACKAGE_DIR / "course"):
        if _is_course_root(candidate):
            return candidate
    raise FileNotFoundError(
        "Cannot find the course folders (datasets/, exercises/). "
        "Run from a checkout of Warning Signs or set WARNING_SIGNS_ROOT."
    )


def datasets_dir() -> Path:
    return course_root() / "datasets"


def lessons_dir() -> Path:
    return course_root() / "lessons"


def exercises_dir() -> Path:
    return course_root() / "exercises"


def labextensions_dir() -> Path:
    """The course's own JupyterLab extensions (LabApp.extra_labextensions_path): see labextension/."""
    return Path(__file__).resolve().parent / "labextension"
