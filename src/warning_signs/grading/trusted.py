"""Trusted scoring: the answer key never enters the learner's kernel.

nbgrader's own model runs the hidden tests in the learner's kernel, after the
learner's code, so that code can replace the checker or read the test cells and
answer from them. Here instead:

1. ``StripKeys`` (autograde's sanitize step, after nbgrader restores the test
   cells) rewrites every test cell to ``ex.check_answered("q1")``: the kernel
   runs no key, no explanation, nothing it could read;
2. in the kernel, ``check_answered`` only *records* the answer that counts
   (exercise.RECORD_MIME) and checks its shape;
3. here, in the grader's process, :func:`score` reads the key from the course's
   SOURCE notebook, the answers store from the submitted folder and the typed
   answers the kernel recorded, and scores each question with the rules in
   ``questions.py``; :func:`write_gradebook` puts the scores into nbgrader's
   gradebook, so Formgrader, export and feedback show them.

Whatever the notebook's code does, it can change its own answer, never how that
answer is scored. That holds when it stops the kernel too (``os._exit``, a crash,
a limit): the cells run so far are kept (execute.py) and every question is still
scored here, from the answers store and the typed answers written out as
literals (a computed one that never ran counts as not given); the submission is
flagged "the notebook's code stopped the grading kernel" instead of failing.
Where the kernel's view (its record, its pass or fail) differs from the grader's
reading, the grader's score stands and the question is marked
``kernel_agrees=False``: the instructor sees one line, "the notebook's code
interfered with grading".
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from ..answers import NOT_TYPED, AnswerStore, counting_answer
from ..exercise import RECORD_MIME
from ..questions import Question, exercise_questions, normalize, plain_answer, shape_problem
from . import incidents
from .calls import ex_calls, typed_answers
from .course import Course, QuestionInfo
from .gradebook import grades
from .judge import verdict
from .results import QuestionResult, SubmissionResults

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.S | re.M)


def is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def kernel_source(source: str) -> tuple[str, str | None]:
    """(what the kernel runs instead of a test cell, the question it checks or None)."""
    checks = [c.question for c in ex_calls(source, "check") if c.question]
    if checks:
        return f"ex.check_answered({checks[0]!r})", checks[0]
    return HIDDEN.sub("", source), None  # not a test the grader scores: at least no hidden lines


class StripKeys(NbGraderPreprocessor):
    """Sanitize step: test cells lose their hidden tests before the kernel sees the notebook."""

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if is_test_cell(cell):
                cell.source, _ = kernel_source(cell.source)
        return nb, resources


# --- reading what the kernel reported --------------------------------------------


def _records(cell) -> list[dict]:
    found = []
    for output in cell.get("outputs", []):
        record = output.get("data", {}).get(RECORD_MIME) if output.get("output_type") == "display_data" else None
        if isinstance(record, dict) and isinstance(record.get("question"), str):
            found.append(record)
    return found


def kernel_view(notebook: Path) -> tuple[dict[str, dict], dict[str, bool], dict[str, object], bool]:
    """From an autograded notebook: the last record per test cell, whether each test cell ran
    without an error, the literal typed answers of the answer cells (last one wins), and whether
    the setup cell (``ex = Exercise(...)``, before any learner code) ran at all."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # a notebook nbgrader wrote but we cannot read: no kernel view at all
        return {}, {}, {}, False
    records: dict[str, dict] = {}
    passed: dict[str, bool] = {}
    typed: dict[str, object] = {}
    setup_ran = True
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("locked") and cell.get("cell_type") == "code" and "Exercise(" in cell.source:
            setup_ran = setup_ran and not any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if is_test_cell(cell):
            grade_id = meta.get("grade_id", "")
            mine = [r for r in _records(cell) if r["question"] == grade_id]
            if mine:
                records[grade_id] = mine[-1]
            passed[grade_id] = not any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        elif cell.get("cell_type") == "code" and meta.get("solution"):
            typed.update(typed_answers(cell.source))
    return records, passed, typed, setup_ran


# --- scoring -----------------------------------------------------------------------


def score(
    course: Course, assignment: str, student: str, stops: dict[str, tuple[int, str]] | None = None
) -> SubmissionResults:
    """The trusted result of every graded cell of one submission (after nbgrader autograded it).

    ``stops``: {notebook: (cell, why)} where the notebook's code stopped the kernel."""
    stops = stops or {}
    submitted = course.folder("submitted", assignment, student)
    autograded = course.folder("autograded", assignment, student)
    results = SubmissionResults(student, assignment)
    infos = course.questions(assignment)
    written = {name: score for name, score, _, _ in grades(course, assignment, student)}
    for name in course.notebook_names(assignment):
        exercise = name.removesuffix(".ipynb")
        try:
            bank = exercise_questions(exercise)
        except KeyError:
            bank = {}
        store = AnswerStore(exercise, submitted)
        entries = store.load()
        if store.problem:
            results.notes.append(store.problem)
        records, passed, literal_typed, setup_ran = kernel_view(autograded / name)
        stop = stops.get(exercise)
        if stop:
            results.stopped = f"in cell {stop[0]}: {stop[1]}"
        if not setup_ran:  # no learner code had run yet: a slow machine, not interference
            results.notes.append(
                "the notebook's first cell did not finish (a time-out on a busy machine?): "
                "graded from the saved answers and the typed answers written in the notebook"
            )
        for info in (q for q in infos if q.notebook == exercise):
            if info.manual:  # nbgrader scored an untouched memo 0; a written one waits for the instructor
                results.questions.append(
                    QuestionResult(info.grade_id, info.label, written.get(info.grade_id), info.points, manual=True)
                )
            elif not info.trusted or info.question not in bank:
                incidents.note(f"{info.label} has no answer key the grader can read: mark it by hand")
                results.questions.append(
                    QuestionResult(
                        info.grade_id, info.label, None, info.points, "marked by your instructor", manual=True
                    )
                )
            else:
                record = records.get(info.grade_id)
                typed = (
                    literal_typed.get(info.question, NOT_TYPED)
                    if record is None
                    else (record["typed"] if "typed" in record else NOT_TYPED)
                )
                answer = plain_answer(
                    counting_answer(
                        entries.get(info.question), plain_answer(typed) if typed is not NOT_TYPED else NOT_TYPED
                    )
                )
                judged = _judge(info, bank[info.question], answer, record, passed.get(info.grade_id))
                # A test cell the stopped kernel never reached reported nothing: no interference.
                judged.kernel_agrees = judged.kernel_agrees or not setup_ran or (stop is not None and record is None)
                results.questions.append(judged)
    return results


def _judge(
    info: QuestionInfo, question: Question, answer: object, record: dict | None, passed: bool | None
) -> QuestionResult:
    judged = verdict(info, question, answer)  # the rule the self-check uses too
    problem = shape_problem(question, answer)
    judged.kernel_agrees = (
        record is not None
        and record.get("answered") is (problem is None)
        and passed is (problem is None)
        and normalize(question, plain_answer(record.get("answer"))) == normalize(question, answer)
    )
    return judged


def write_gradebook(course: Course, results: SubmissionResults) -> None:
    """Put the trusted scores into nbgrader's gradebook (what Formgrader, export and feedback read)."""
    from nbgrader.api import Gradebook, MissingEntry

    infos = {q.grade_id: q for q in course.questions(results.assignment)}
    with Gradebook(course.db_url) as gb:
        for result in results.questions:
            info = infos.get(result.grade_id)
            if info is None or info.manual:
                continue  # written answers: nbgrader and the instructor
            try:
                grade = gb.find_grade(result.grade_id, info.notebook, results.assignment, results.student)
            except MissingEntry:
                continue
            grade.auto_score = result.score
            grade.needs_manual_grade = result.score is None
        gb.db.commit()
