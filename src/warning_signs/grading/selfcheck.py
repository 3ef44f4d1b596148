"""Self-check: a learner grades their own exercise with nbgrader, on their machine.

It runs the real nbgrader pipeline (generate the student version from the course
source, autograde the learner's copy, write feedback) in a throw-away course
root, then reports a score per question and the explanation for wrong answers.
Hidden tests are cleared from the feedback page and never printed.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..paths import exercises_dir
from . import config

STUDENT = "me"


@dataclass
class QuestionResult:
    grade_id: str
    label: str
    score: float | None  # None: needs manual grading
    max_score: float
    message: str = ""
    manual: bool = False  # a written answer, marked by the instructor


@dataclass
class SelfCheckResult:
    exercise: str
    questions: list[QuestionResult]
    feedback_html: Path | None
    problem: str = ""

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
        for q in self.questions:
            if q.manual:
                written = "no answer written yet" if q.score == 0 else "answer written"
                lines.append(f"  {q.label}: marked by your instructor ({q.max_score:g} points; {written}).")
            else:
                mark = "✓" if q.score >= q.max_score else "✗"
                detail = f" {q.message}" if q.message else ""
                lines.append(f"  {mark} {q.label}: {q.score:g}/{q.max_score:g}.{detail}")
        if self.feedback_html:
            lines.append(f"Feedback page: {self.feedback_html}")
        return "\n".join(lines)


def self_check(notebook: str | Path) -> SelfCheckResult:
    """Grade ``notebook`` (in its exercise folder) against the course's source version."""
    notebook = Path(notebook).resolve()
    assignment = notebook.parent.name
    if not notebook.exists():
        return SelfCheckResult(assignment, [], None, f"the notebook {notebook} does not exist.")
    if not (exercises_dir() / assignment / notebook.name).exists():
        return SelfCheckResult(assignment, [], None,
                               f"{notebook.name} is not an exercise of this course (looked in {exercises_dir()}).")
    with tempfile.TemporaryDirectory(prefix="ws-selfcheck-") as tmp:
        root = Path(tmp)
        api = config.api(root, exercises_dir())
        for step in (lambda: api.generate_assignment(assignment),
                     lambda: _submit(notebook, root / "submitted" / STUDENT / assignment),
                     lambda: api.autograde(assignment, STUDENT),
                     lambda: api.generate_feedback(assignment, STUDENT)):
            outcome = step()
            if outcome and not outcome.get("success", True):
                return SelfCheckResult(assignment, [], None, _first_error(outcome))
        graded = root / "autograded" / STUDENT / assignment / notebook.name
        html = root / "feedback" / STUDENT / assignment / notebook.with_suffix(".html").name
        kept = notebook.with_name(notebook.stem + ".feedback.html")
        shutil.copyfile(html, kept)
        result = SelfCheckResult(assignment, question_results(graded), kept)
        _remember(notebook, result)
        return result


def _remember(notebook: Path, result: SelfCheckResult) -> None:
    """Keep the last score beside the notebook, for the start page's progress view."""
    from ..knowledge.course_progress import save_self_check

    save_self_check(notebook, result.score, result.max_autograded,
                    {q.grade_id: q.score for q in result.questions if not q.manual})


def _submit(notebook: Path, folder: Path) -> None:
    """Copy what nbgrader would collect: the notebook and its answer store."""
    folder.mkdir(parents=True)
    for path in notebook.parent.iterdir():
        if path.is_file() and (path.suffix == ".ipynb" or path.name.endswith(".answers.json")):
            shutil.copy2(path, folder / path.name)


def _first_error(outcome: dict) -> str:
    text = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()
    return text[-1] if text else "nbgrader reported an error."


def question_results(graded_notebook: Path) -> list[QuestionResult]:
    """Score and message per grade cell, read from an autograded notebook."""
    from nbgrader.utils import determine_grade, is_grade

    nb = nbformat.read(graded_notebook, as_version=4)
    results = []
    for cell in nb.cells:
        if not is_grade(cell):
            continue
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        score, max_score = determine_grade(cell)
        label = label_for(grade_id)
        message = _message(cell).removeprefix(label + ": ").removeprefix(label + " ")
        message = message[:1].upper() + message[1:]
        manual = bool(cell.metadata["nbgrader"].get("solution"))
        results.append(QuestionResult(grade_id, label, score, max_score, message, manual))
    return results


def label_for(grade_id: str) -> str:
    """'q3' -> 'Question 3'; 'q7-memo' -> 'Question 7'; anything else as it is."""
    head = grade_id.split("-")[0]
    return f"Question {head[1:]}" if head[:1] == "q" and head[1:].isdigit() else grade_id


def _message(cell) -> str:
    """The one-sentence reason from a failed check (never the test code)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            lines = output.get("traceback") or []
            text = lines[-1] if lines else output.get("evalue", "")
            return _strip_ansi(text).lstrip("✗ ").strip()
    return ""


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
