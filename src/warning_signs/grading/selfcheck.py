"""Self-check: a learner grades their own exercise on their machine, the way the instructor does.

It runs the instructor's pipeline (autograde.grade_submission: nbgrader with
key-less test cells, then the trusted scorer; feedback with the same
preprocessors) in a throw-away course root made from the course's source
notebooks, then reports a score per question and the explanation for wrong
answers. No sandbox: the code is the learner's own, on the learner's machine.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..paths import exercises_dir
from .results import QuestionResult

STUDENT = "me"


@dataclass
class SelfCheckResult:
    exercise: str
    questions: list[QuestionResult]
    feedback_html: Path | None
    problem: str = ""
    stopped: str = ""  # where and why the notebook's code stopped the grading kernel

    @property
    def score(self) -> float:
        return sum(q.score or 0 for q in self.questions if not q.manual)

    @property
    def max_autograded(self) -> float:
        return sum(q.max_score for q in self.questions if not q.manual)

    def text(self) -> str:
        if self.problem:
            return f"Self-check of {self.exercise} could not run: {self.problem}"
        lines = [f"Self-check of {self.exercise}: {self.score:g} of {self.max_autograded:g} autograded points."]
        if self.stopped:
            lines.append(
                f"  Your notebook's code stopped the grading kernel ({self.stopped}): the answers you saved were scored."
            )
        for q in self.questions:
            if q.manual:
                written = "no answer written yet" if q.score == 0 else "answer written"
                lines.append(f"  {q.label}: marked by your instructor ({q.max_score:g} points; {written}).")
            else:
                mark = "✓" if (q.score or 0) >= q.max_score else "✗"
                message = q.message.removeprefix(q.label + ": ").removeprefix(q.label + " ")
                detail = f" {message[:1].upper()}{message[1:]}" if message else ""
                lines.append(f"  {mark} {q.label}: {q.score or 0:g}/{q.max_score:g}.{detail}")
        if self.feedback_html:
            lines.append(f"Feedback page: {self.feedback_html}")
        return "\n".join(lines)


def self_check(notebook: str | Path) -> SelfCheckResult:
    """Grade ``notebook`` (in its exercise folder) against the course's source version."""
    from .autograde import grade_submission, grading_settings
    from .course import Course

    notebook = Path(notebook).resolve()
    assignment = notebook.parent.name
    if not notebook.exists():
        return SelfCheckResult(assignment, [], None, f"the notebook {notebook} does not exist.")
    if not (exercises_dir() / assignment / notebook.name).exists():
        return SelfCheckResult(
            assignment, [], None, f"{notebook.name} is not an exercise of this course (looked in {exercises_dir()})."
        )
    with tempfile.TemporaryDirectory(prefix="ws-selfcheck-") as tmp:
        course = Course(Path(tmp).resolve(), exercises_dir().resolve())
        api = course.api(**grading_settings(course, jailed=False))
        made = api.generate_assignment(assignment)
        if not made.get("success"):
            return SelfCheckResult(assignment, [], None, _first_error(made))
        _submit(notebook, course.folder("submitted", assignment, STUDENT))
        found = grade_submission(api, course, assignment, STUDENT)
        if not found["success"]:
            return SelfCheckResult(assignment, [], None, found["reason"] + ".")
        feedback = api.generate_feedback(assignment, STUDENT)
        kept = None
        if feedback.get("success"):
            html = course.folder("feedback", assignment, STUDENT) / notebook.with_suffix(".html").name
            kept = notebook.with_name(notebook.stem + ".feedback.html")
            shutil.copyfile(html, kept)
        result = SelfCheckResult(assignment, found["results"].questions, kept, stopped=found["results"].stopped)
        _remember(notebook, result)
        return result


def _submit(notebook: Path, folder: Path) -> None:
    """Copy what nbgrader would collect: the notebook and its answer store (regular files only)."""
    folder.mkdir(parents=True)
    for path in notebook.parent.iterdir():
        if (
            path.is_file()
            and not path.is_symlink()
            and (path.suffix == ".ipynb" or path.name.endswith((".answers.json", ".answers.json.bak")))
        ):
            shutil.copyfile(path, folder / path.name)


def _first_error(outcome: dict) -> str:
    from .outcomes import plain_line

    text = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
    return plain_line(text[-1]) if text else "nbgrader reported an error."


def _remember(notebook: Path, result: SelfCheckResult) -> None:
    """Keep the last score beside the notebook, for the start page's progress view."""
    from ..knowledge.course_progress import save_self_check

    scores = {q.grade_id: q.score for q in result.questions if not q.manual}
    save_self_check(notebook, result.score, result.max_autograded, scores)
