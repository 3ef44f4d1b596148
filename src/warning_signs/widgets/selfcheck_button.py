"""The "Check my answers" button at the end of an exercise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets


class SelfCheckButton:
    """Runs the self-check in a separate process (nbgrader starts its own kernel)."""

    def __init__(self, notebook: Path):
        self.notebook = Path(notebook)
        self.button = widgets.Button(
            description="Check my answers", icon="check", tooltip="Grade this exercise on your own machine"
        )
        self.note = widgets.HTML(
            "<p>Clicked answers are saved already. If you typed any answers "
            "or wrote the memo, save the notebook first (Ctrl+S or ⌘+S).</p>"
        )
        self.output = widgets.Output()
        self.button.on_click(self._run)
        self.box = widgets.VBox([self.note, self.button, self.output])

    def run(self) -> str:
        command = [sys.executable, "-m", "warning_signs", "check", str(self.notebook)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        return (done.stdout or done.stderr).strip()

    def _run(self, _button) -> None:
        self.button.disabled = True
        self.output.clear_output()
        with self.output:
            print("Checking… this takes about ten seconds.")
        try:
            report = self.run()
        finally:
            self.button.disabled = False
        self.output.clear_output()
        with self.output:
            print(report)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)
