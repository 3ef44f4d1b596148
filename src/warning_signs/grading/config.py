"""The course's nbgrader settings, in one place.

``grading/nbgrader_config.py`` (the instructor's course root) and the learner's
self-check both build their configuration here, so they grade the same way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from traitlets.config import Config

COURSE_ID = "warning-signs"

# In the student version, a cleared answer cell shows this instead of nbgrader's
# default `raise NotImplementedError()`, which would stop a learner's Run All.
CODE_STUB = (
    "# Optional, for analysts: type your answer here instead of clicking,\n"
    '# for example  ex.answer("q1", "b")  and run this cell.\n'
)
TEXT_STUB = "Write your answer here (double-click to edit, then press Shift+Enter)."

# nbgrader applies this list at every step, including copying a learner's
# submission, so the answer store must NOT be in it. (An author's answers never
# reach the source folder: see exercise.store_folder.)
IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.feedback.html"]


# The feedback pipeline, one list for the instructor's pages and the learner's self-check.
# nbgrader's default feedback shows hidden tests: ClearHiddenTests first; TrustedFeedback
# then builds every verdict from the grader's own results (feedback.py).
FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "warning_signs.grading.feedback.TrustedFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def apply(c: Config, root: Path, source: Path) -> Config:
    """Fill ``c`` with the course settings for a course root and a source folder."""
    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = COURSE_ID
    c.CourseDirectory.source_directory = str(source)
    c.CourseDirectory.ignore = IGNORE
    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB
    c.Execute.timeout = 30
    c.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    c.ClearHiddenTests.enforce_metadata = False
    c.TrustedFeedback.results_root = str(root)
    c.HTMLExporter.sanitize_html = True  # a learner's markdown or HTML output carries no script into the page
    return c


def default_course_root() -> Path:
    """The instructor's course root when ``--course`` is not given: ``$WARNING_SIGNS_COURSE``
    (set for the instructor on a workshop hub), else the checkout's ``grading/`` if it can be
    written to, else ``~/warning-signs-course`` (an installed course is read-only)."""
    from ..paths import course_root

    given = os.environ.get("WARNING_SIGNS_COURSE")
    if given:
        return Path(given)
    grading = course_root() / "grading"
    if grading.is_dir() and os.access(grading, os.W_OK) and not os.environ.get("JUPYTERHUB_USER"):
        return grading
    return Path.home() / "warning-signs-course"


def api(root: Path, source: Path, **settings):
    """An ``NbGraderAPI`` for the course root ``root`` grading notebooks from ``source``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    _put_environment_on_path()
    Path(root).mkdir(parents=True, exist_ok=True)
    c = apply(Config(), Path(root).resolve(), Path(source).resolve())
    # A private exchange folder unless one is given (JupyterHub setups pass theirs).
    c.Exchange.root = str(Path(root).resolve() / "exchange")
    for dotted, value in settings.items():  # e.g. Execute__timeout=10
        section, name = dotted.split("__")
        setattr(c[section], name, value)
    coursedir = CourseDirectory(config=c)
    return NbGraderAPI(coursedir=coursedir, config=c)


def _put_environment_on_path() -> None:
    """nbgrader runs the ``alembic`` command by name: find it even when the venv is not activated."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
