"""The "Check my answers" button at the end of an exercise.

The kernel gathers the answers that count (``ex.response(q)`` for every question) and
sends them to ``python -m warning_signs check … --answers - --json`` (grading/selfcheck.py),
which reads the key from the course's source notebook in its own process and answers with
only what the exercise's policy allows. The key never enters this kernel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import ipywidgets as widgets

from ..grading import policy as policies
from ..grading.selfcheck_page import inline_html
from ..grading.selfcheck_result import SelfCheckResult
from ..questions import plain_answer
from ..visitors import in_voila
from .base import CourseWidget

TIMEOUT = 120  # seconds: a check takes about one
NOTE = (
    "<p>Clicked answers are saved already. Typed an answer or wrote the memo? "
    "Save the notebook first (Ctrl+S or ⌘+S).</p>"
)
# Focus moves to the result's status once, right after the check: not again when a saved notebook
# is reopened and its widgets are drawn from the saved state (a result older than a minute).
FOCUS = """<script>
(function (id, made, tries) {
  if (Math.abs(Date.now() - made) > 60000) { return; }
  function go() {
    var el = document.getElementById(id);
    if (el) { el.focus(); } else if (tries-- > 0) { setTimeout(go, 50); }
  }
  go();
})(%s, %d, 40);
</script>"""


class SelfCheckButton(CourseWidget):
    """The note, the button, what the policy allows (attempts left) and the result table."""

    def __init__(self, exercise, notebook: Path, folder: Path | None = None):
        self.exercise = exercise  # an Exercise: its id, questions and response(q)
        self.notebook = Path(notebook)
        self.folder = Path(folder) if folder else self.notebook.parent
        self.note = widgets.HTML(NOTE)
        self.allowance = widgets.HTML()
        self.button = widgets.Button(
            description="Check my answers",
            icon="check",
            tooltip="Score your saved answers on this computer",
            layout=widgets.Layout(width="auto", min_width="12em", align_self="flex-start"),  # the label never cut
        )
        self.result = widgets.Output()
        self.last: SelfCheckResult | None = None
        super().__init__([self.note, self.allowance, self.button, self.result])
        self.add_class("ws-selfcheck-box")
        self.button.on_click(self._clicked)
        self._show_allowance()

    # --- what the learner's kernel may know: the policy and the count, never the key ---------

    def _show_allowance(self, result: SelfCheckResult | None = None) -> None:
        rule, _ = policies.learner_policy(self.folder)
        used = result.used if result is not None else policies.attempts(self.folder).used
        left = policies.attempts_left(rule, used)
        if left is None:
            self.allowance.value = ""
            return
        if left == 0:
            self.allowance.value = f"<p>{policies.used_up(rule.attempts)}.</p>"
        else:
            self.allowance.value = (
                f"<p>Assessed exercise: {policies.checks(rule.attempts)} allowed, {used} used, {left} left. "
                "Each check counts.</p>"
            )
        self.button.disabled = left == 0

    def answers(self) -> dict[str, object]:
        """The answers that count, as plain data: clicks and typed answers alike."""
        return {qid: plain_answer(self.exercise.response(qid)) for qid in self.exercise.questions}

    # --- the check ------------------------------------------------------------------------------

    def run(self) -> SelfCheckResult:
        command = [
            sys.executable,
            "-m",
            "warning_signs",
            "check",
            str(self.notebook),
            "--answers",
            "-",
            "--json",
            "--exercise",
            self.exercise.id,
            "--folder",
            str(self.folder),
        ]
        try:
            done = subprocess.run(
                command,
                input=json.dumps({"answers": self.answers()}),
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
            return SelfCheckResult.from_json(json.loads(done.stdout))
        except subprocess.TimeoutExpired:
            problem = f"it took longer than {TIMEOUT} seconds; try again in a minute."
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            problem = "the checker gave no readable answer; save the notebook and try again."
        return SelfCheckResult(self.exercise.id, problem=problem)

    def _clicked(self, _button=None) -> None:
        if self.is_quiet or self.button.disabled:
            return
        with self.quietly():
            self.button.disabled = True
            self.button.description = "Checking…"
            try:
                result = self.run()
            finally:
                self.button.description = "Check my answers"
                self.button.disabled = False
            self.last = result
            self.show(result)
            self._show_allowance(result if not result.problem else None)

    def show(self, result: SelfCheckResult) -> None:
        """The result in the notebook, and focus on its status line."""
        status_id = f"ws-selfcheck-{uuid.uuid4().hex[:12]}"
        focus = FOCUS % (json.dumps(status_id), int(time.time() * 1000))
        html = inline_html(result, status_id, self._link(result)) + focus
        data = {"text/html": html, "text/plain": result.summary()}
        self.result.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    def _link(self, result: SelfCheckResult) -> str | None:
        """The full page, relative to the notebook (JupyterLab opens it); none in Voila."""
        if not result.page or in_voila():
            return None
        page = Path(result.page)
        return page.name if page.parent == self.notebook.parent.resolve() else None
