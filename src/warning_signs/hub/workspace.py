"""A learner's workspace on a hub: the lessons in their home, the exercises from the Assignments tab.

On a hub each exercise has ONE copy per learner: the one nbgrader's Assignments
tab fetches into ``~/exercises/<exercise>/`` and submits from. So the workspace
holds the lessons (and the start page) and an empty ``exercises/`` folder;
``warning-signs prepare`` adds no second copy of the exercises.
"""

from __future__ import annotations

from pathlib import Path

from ..workspace import Report, Workspace

EXERCISES = "exercises"


class HubWorkspace(Workspace):
    def prepare(self) -> Report:
        (self.root / EXERCISES).mkdir(parents=True, exist_ok=True)
        return super().prepare()

    def _student_exercises(self) -> list[Path]:
        return []  # fetched in the Assignments tab instead


def prepare_home(home: Path | None = None) -> Report:
    return HubWorkspace(home or Path.home()).prepare()
