"""Which mode the code runs in: the one "are we being graded?" switch.

nbgrader sets ``NBGRADER_EXECUTION`` (``autograde`` or ``validate``) while it
runs a notebook. Widgets then skip display (nothing to click, and several
kernels at once with widget output can stall a cell); nothing else changes,
and never a grade.
"""

from __future__ import annotations

import os


def being_graded() -> bool:
    """True while nbgrader runs the notebook (autograde or validate)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))
