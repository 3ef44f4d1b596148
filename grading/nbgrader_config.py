"""nbgrader configuration for the instructor's course root (this folder).

Run nbgrader from here (`cd grading && nbgrader ...`) or use `warning-signs grade`.
The source notebooks are in ../exercises; the settings themselves live in
src/warning_signs/grading/config.py so that the learner's self-check grades the
same way.
"""

from pathlib import Path

from warning_signs.grading.config import apply

here = Path(__file__).resolve().parent
c = get_config()  # noqa: F821 (provided by nbgrader)
apply(c, root=here, source=here.parent / "exercises")
