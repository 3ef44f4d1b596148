"""The base every composite widget of the course shares.

A course widget is an ipywidgets ``VBox`` (as ``ipywidgets.interactive`` is),
so it displays itself, nests in other boxes, and works in JupyterLab and
Voila alike. It adds two things every widget needed:

* **grading mode**: while nbgrader runs the notebook no widget is displayed
  (:func:`warning_signs.mode.being_graded`), only the line of text that
  :meth:`CourseWidget.graded_text` gives, if any;
* **one re-entrancy guard**: ``with self.quietly(): ...`` sets controls
  from saved state without calling the learner's callbacks; callbacks check
  ``self.is_quiet``.
"""

from __future__ import annotations

from contextlib import contextmanager

import ipywidgets as widgets

from warning_signs.mode import being_graded


class CourseWidget(widgets.VBox):
    """A VBox with a grading-aware display hook and one re-entrancy guard."""

    def __init__(self, children=(), **kwargs):
        super().__init__(children=list(children), **kwargs)
        self._quiet_depth = 0

    @property
    def is_quiet(self) -> bool:
        return self._quiet_depth > 0

    @contextmanager
    def quietly(self):
        """Change controls without running the callbacks that react to the learner."""
        self._quiet_depth += 1
        try:
            yield self
        finally:
            self._quiet_depth -= 1

    def graded_text(self) -> str | None:
        """One plain line printed instead of the widget while graded (None: print nothing)."""
        return None

    def _ipython_display_(self):
        # IPython prefers this hook to the mime bundle, so grading shows no widget at all
        # (not even the text repr), only the widget's own line of text if it has one.
        if being_graded():
            text = self.graded_text()
            if text:
                print(text)
            return
        from IPython.display import display

        from .a11y import shim_bundle

        display(self._repr_mimebundle_(), raw=True)
        display(shim_bundle(), raw=True)  # names and states ipywidgets leaves out (see a11y.py)
