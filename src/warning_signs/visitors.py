"""Whose progress is this? One folder per visitor when the course is served by Voila.

In JupyterLab a learner's progress is saved beside the notebook, in their own
workspace (one workspace per learner, as on a hub where homes are private).
Voila serves the course's own folder to everyone, so progress saved there would be
shared: instead each visitor gets a folder of their own, named by a random id that
Voila's start-up hook (:mod:`warning_signs.voila_hook`) keeps in the visitor's
browser as a cookie and hands to the kernel. The same visitor resumes where they
stopped; another visitor never sees it. Without the hook (Voila started without the
course's ``voila.py``) a visitor's progress lives in a folder of that page view only:
never shared, but not resumed either.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

VISITOR_ENV = "WARNING_SIGNS_VISITOR"  # set in the kernel by the Voila hook
VISITORS_DIR_ENV = "WARNING_SIGNS_VISITORS_DIR"  # where visitors' folders go (a deployment's choice)
VALID_ID = re.compile(r"^[0-9a-f]{32}$")
_page_view_folder: Path | None = None


def in_voila() -> bool:
    """True in a kernel Voila started for a page view (Voila sets SERVER_SOFTWARE=voila/x.y)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def visitor_id() -> str | None:
    value = os.environ.get(VISITOR_ENV, "")
    return value if VALID_ID.match(value) else None


def visitors_root() -> Path:
    configured = os.environ.get(VISITORS_DIR_ENV)
    return Path(configured) if configured else Path.home() / ".warning-signs" / "visitors"


def progress_folder(beside_notebook: Path | None = None) -> Path:
    """Where this learner's progress goes: beside the notebook, or the Voila visitor's own folder."""
    if not in_voila():
        return Path(beside_notebook) if beside_notebook else Path.cwd()
    visitor = visitor_id()
    if visitor:
        return visitors_root() / visitor
    global _page_view_folder
    if _page_view_folder is None:
        _page_view_folder = Path(tempfile.mkdtemp(prefix="warning-signs-visitor-"))
    return _page_view_folder
