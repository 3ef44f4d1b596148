"""Trusted results: what the grader decided per question, kept beside the gradebook.

The trusted scorer (trusted.py) writes one file per submission,
``<root>/exports/results/<assignment>/<student>.json``, through the project's
safe JSON writer. The feedback page, the self-check, the export and the item
report all read it: they show the score, the answer given and the explanation
the grader wrote, never what a learner's code printed. No answer key is stored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..jsonfile import read_json, write_json

INTERFERED = "the notebook's code interfered with grading"
STOPPED = "the notebook's code stopped the grading kernel"


@dataclass
class QuestionResult:
    grade_id: str
    label: str
    score: float | None  # None: waits for the instructor
    max_score: float
    message: str = ""  # one sentence for a wrong or missing answer (never the key)
    manual: bool = False  # a written answer, marked by the instructor
    answer: object = None  # the answer that counted (plain JSON data)
    answer_text: str = ""  # the same in words, e.g. "b) Genocide"
    kernel_agrees: bool = True  # what the kernel reported matched the grader's reading


@dataclass
class SubmissionResults:
    student: str
    assignment: str
    questions: list[QuestionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a damaged answers file, in one sentence each
    stopped: str = ""  # where and why the notebook's code stopped the kernel ("in cell 5: it died")

    @property
    def interfered(self) -> list[str]:
        """Labels of the questions where the kernel's view disagreed with the grader's."""
        return [q.label for q in self.questions if not q.kernel_agrees]

    def flag(self) -> str | None:
        """The one-line flag for the instructor, or None."""
        labels = ", ".join(self.interfered)
        if self.stopped:
            also = f"; it also interfered with grading ({labels})" if labels else ""
            return f"{STOPPED} {self.stopped}; scored from the saved answers{also}"
        if not labels:
            return None
        return f"{INTERFERED} ({labels}): the grader's own score stands"

    def by_grade_id(self) -> dict[str, QuestionResult]:
        return {q.grade_id: q for q in self.questions}


def label_for(grade_id: str) -> str:
    """'q3' -> 'Question 3'; 'q7-memo' -> 'Question 7'; anything else as it is."""
    head = grade_id.split("-")[0]
    return f"Question {head[1:]}" if head[:1] == "q" and head[1:].isdigit() else grade_id


def results_dir(root: str | Path, assignment: str) -> Path:
    return Path(root) / "exports" / "results" / assignment


def save(root: str | Path, results: SubmissionResults) -> Path:
    path = results_dir(root, results.assignment) / f"{results.student}.json"
    write_json(path, asdict(results))
    _ignore_in_git(Path(root) / "exports")
    return path


def load(root: str | Path, assignment: str, student: str) -> SubmissionResults | None:
    payload = read_json(results_dir(root, assignment) / f"{student}.json").payload
    if not isinstance(payload, dict):
        return None
    try:
        questions = [QuestionResult(**q) for q in payload.get("questions", [])]
        return SubmissionResults(
            str(payload["student"]),
            str(payload["assignment"]),
            questions,
            [str(n) for n in payload.get("notes", [])],
            str(payload.get("stopped", "")),
        )
    except (KeyError, TypeError):
        return None


def _ignore_in_git(exports: Path) -> None:
    ignore = exports / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Grades and reports about learners: never commit them.\n*\n")
