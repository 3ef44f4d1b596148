"""Voila's start-up hook for the course (named in the course's ``voila.py``).

Voila calls it for every page view, before the kernel starts, with the request and
the notebook. It does two things:

* **one visitor, one id**: a visitor without the ``warning_signs_visitor`` cookie gets a
  new random one (a year, HTTP-only, same-site); the id goes into the kernel as
  ``WARNING_SIGNS_VISITOR`` through a first, hidden cell, so progress is saved in that
  visitor's own folder (:mod:`warning_signs.visitors`);
* **no JupyterLab-only text**: cells tagged ``jupyterlab-only`` ("choose Run > Run All
  Cells", "click the grey cell") are dropped, as Voila runs every cell itself.
"""

from __future__ import annotations

import secrets

import nbformat

from .visitors import VALID_ID, VISITOR_ENV

COOKIE = "warning_signs_visitor"
JUPYTERLAB_ONLY = "jupyterlab-only"


def visitor_cookie(request_handler) -> str:
    """The visitor's id from their cookie, or a new one set on the response."""
    current = request_handler.get_cookie(COOKIE) or ""
    if VALID_ID.match(current):
        return current
    new = secrets.token_hex(16)
    request_handler.set_cookie(COOKIE, new, expires_days=365, httponly=True, samesite="Lax")
    return new


def for_voila(notebook, visitor: str):
    """The notebook Voila runs: the visitor's id set first, JupyterLab-only cells left out."""
    cells = [c for c in notebook.cells if JUPYTERLAB_ONLY not in c.get("metadata", {}).get("tags", [])]
    setup = nbformat.v4.new_code_cell(f"import os as _os\n_os.environ[{VISITOR_ENV!r}] = {visitor!r}\ndel _os")
    setup.metadata["tags"] = ["warning-signs-setup"]
    notebook.cells = [setup, *cells]
    return notebook


def visitor_hook(req, notebook, cwd):
    """``VoilaConfiguration.prelaunch_hook``: see the module's docstring."""
    return for_voila(notebook, visitor_cookie(req))
