"""Autograde every submission of an assignment in parallel worker processes.

Each worker holds one NbGraderAPI and calls ``autograde(assignment, student)``,
exactly what ``nbgrader autograde --student`` does, so scores equal a
sequential run. What differs is around it:

* before: a quick look at each submitted folder (damaged or renamed notebook);
* during: the kernel runs in the jail (sandbox.py) when the machine allows it,
  else a loud UNSANDBOXED warning; the sanitize step restores deleted or edited
  grading cells (restore.py); output is capped (execute.py); warnings never
  reach a test cell's stderr;
* after: one outcome per learner (graded, or failed with a one-line reason),
  kept in ``exports/`` for the export.

SQLite is opened with a 120 s lock timeout and write-ahead logging, so workers
that write at the same moment wait instead of failing.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from . import incidents, outcomes, sandbox, speedups
from .course import Course
from .outcomes import FAILED, GRADED, Outcome, Progress
from .preflight import preflight
from .selfcheck import question_results

NBGRADER = "nbgrader.preprocessors"
SANITIZE = ["warning_signs.grading.restore.RestoreCells", f"{NBGRADER}.ClearOutput", f"{NBGRADER}.DeduplicateIds",
            f"{NBGRADER}.OverwriteKernelspec", f"{NBGRADER}.OverwriteCells", f"{NBGRADER}.CheckCellMetadata"]
AFTER_EXECUTE = [f"{NBGRADER}.IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor",
                 f"{NBGRADER}.LimitOutput", f"{NBGRADER}.SaveAutoGrades", f"{NBGRADER}.AssignLatePenalties",
                 f"{NBGRADER}.CheckCellMetadata"]
# A warning that still reaches stderr (a learner may turn warnings back on) is
# dropped before scoring: any stderr in a test cell would score 0.
WARNING_PATTERN = r"Warning\b"
UNSANDBOXED = ("WARNING: grading UNSANDBOXED: {reason}. Learners' code will run with your rights: it can read "
               "the gradebook and the hidden tests and use the network. Install bubblewrap to grade safely.")


def grading_settings(course: Course, timeout: int = 30, jailed: bool = True) -> dict:
    """nbgrader settings for autograde, as ``Section__name`` keyword arguments (picklable)."""
    execute = "warning_signs.grading.execute." + ("JailedExecute" if jailed else "GuardedExecute")
    return {
        "Execute__timeout": timeout,
        # The kernel is thrown away once the last cell ran: kill it rather than wait for it to exit.
        "GuardedExecute__shutdown_kernel": "immediate",
        "Autograde__sanitize_preprocessors": SANITIZE,
        "Autograde__autograde_preprocessors": [execute, *AFTER_EXECUTE],
        "IgnorePattern__enabled": True,
        "IgnorePattern__pattern": WARNING_PATTERN,
        "RestoreCells__release_root": str(course.root / "release"),
        # One endless loop costs one timeout; a notebook-wide loop is stopped sooner.
        "JailedKernelManager__cpu_seconds": 3 * timeout,
        "JailedKernelManager__wall_seconds": 4 * timeout + 30,
        "JailedKernelManager__hide": [str(course.root), str(course.source)],
    }


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def autograde(course: Course, assignment: str, *, jobs: int | None = None, timeout: int = 30,
              students: list[str] | None = None, out=None) -> dict[str, Outcome]:
    """Grade the submissions of ``assignment``; print progress and one summary line."""
    out = out or sys.stdout
    reason = sandbox.unavailable_reason()
    if reason:
        print(UNSANDBOXED.format(reason=reason), file=sys.stderr, flush=True)
        print(UNSANDBOXED.format(reason=reason), file=out, flush=True)
    students = students if students is not None else course.students_with("submitted", assignment)
    _require_release(course, assignment)
    course.use_wal()
    progress = Progress(len(students), "grading", out)
    results: dict[str, Outcome] = {}
    ready = []
    for student in students:
        problem, notes = preflight(course, assignment, student)
        if problem:
            results[student] = Outcome(student, FAILED, problem, notes)
            progress.step(student, f"FAILED: {problem}", notes)
        else:
            ready.append((student, notes))
    settings = grading_settings(course, timeout, jailed=reason is None)
    for student, found in _run_pool(course, assignment, ready, settings, jobs or default_jobs()):
        outcome = conclude(course, assignment, student, found)
        results[student] = outcome
        progress.step(student, _result_text(outcome), outcome.notes)
    outcomes.save(course.exports, assignment, results)
    graded = [o for o in results.values() if not o.failed]
    outcomes.summary_line("graded", len(graded), [(o.student, o.reason) for o in results.values() if o.failed],
                          sum(o.manual for o in graded), out)
    return results


def _require_release(course: Course, assignment: str) -> None:
    if not course.folder("release", assignment).is_dir():
        raise SystemExit(f"{assignment} has not been released in {course.root}: "
                         f"run `warning-signs grade release {assignment}` first.")


def _result_text(outcome: Outcome) -> str:
    if outcome.failed:
        return f"FAILED: {outcome.reason}"
    manual = ", a written answer to mark" if outcome.manual else ""
    return f"{outcome.score:g}/{outcome.max_score:g} autograded points{manual}"


# --- the workers --------------------------------------------------------------

_API = _COURSE = None


def _start_worker(root: str, source: str, settings: dict) -> None:
    global _API, _COURSE
    warnings.filterwarnings("ignore")  # SQLAlchemy's and nbconvert's notices mean nothing here
    speedups.check_cell_schema_once()
    speedups.relaxed_sqlite_sync()
    speedups.share_engines()
    _COURSE = Course(Path(root), Path(source))
    _API = _COURSE.api(**settings)


def _grade_one(assignment: str, student: str) -> dict:
    incidents.take()
    result = _API.autograde(assignment, student)
    if not result["success"] and "database is locked" in (result.get("log", "") + result.get("error", "")):
        result = _API.autograde(assignment, student)  # lost a race for the gradebook: once more
    notes = incidents.take()
    if not result["success"]:
        return {"success": False, "notes": notes, "reason": failure_reason(result, notes)}
    return {"success": True, "notes": notes, "grades": graded_cells(_COURSE, assignment, student)}


def graded_cells(course: Course, assignment: str, student: str) -> list[tuple[str, float | None, float, bool]]:
    """(grade id, score, max score, waits for a person) per graded cell, read from the autograded
    notebook: what SaveAutoGrades wrote to the gradebook, without opening it again."""
    rows = []
    for name in course.notebook_names(assignment):
        path = course.folder("autograded", assignment, student) / name
        for q in question_results(path):
            rows.append((q.grade_id, q.score, float(q.max_score), q.manual and q.score is None))
    return rows


def _run_pool(course, assignment, ready, settings, jobs):
    """Yield (student, result dict) as workers finish; a crashed worker costs one retry."""
    notes = dict(ready)
    pending, tries = [s for s, _ in ready], {}
    while pending:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(pending))), mp_context=get_context("spawn"),
                                 initializer=_start_worker,
                                 initargs=(str(course.root), str(course.source), settings)) as pool:
            futures = {pool.submit(_grade_one, assignment, s): s for s in pending}
            pending = []
            for future in as_completed(futures):
                student = futures[future]
                try:
                    found = future.result()
                except BrokenProcessPool:
                    tries[student] = tries.get(student, 0) + 1
                    if tries[student] < 2:
                        pending.append(student)
                        continue
                    found = {"success": False, "notes": [], "reason": "the grading worker crashed twice on it"}
                found["notes"] = notes[student] + found["notes"]
                yield student, found


def failure_reason(result: dict, notes: list[str]) -> str:
    """One line: what the kernel manager saw, else the exception nbgrader logged."""
    for note in notes:
        if note.startswith("the kernel"):
            return note
    text = result.get("log", "") + "\n" + result.get("error", "")
    errors = re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit))\b:? ?(.*)$", text, flags=re.M)
    if not errors:
        return "nbgrader could not grade it (see its log)"
    name, message = errors[-1]
    if name.endswith("DeadKernelError"):
        return "the kernel died while running the notebook"
    if name.endswith("ValidationError"):
        return "the notebook's grading cells are damaged beyond repair (nbgrader metadata invalid)"
    return f"{name.rsplit('.', 1)[-1]}: {message.strip()[:120]}".rstrip(": ")


# --- after grading --------------------------------------------------------------

def conclude(course: Course, assignment: str, student: str, found: dict) -> Outcome:
    if not found["success"]:
        return Outcome(student, FAILED, found["reason"], found["notes"])
    outcome = Outcome(student, GRADED, notes=list(found["notes"]))
    questions = {q.grade_id: q for q in course.questions(assignment)}
    outcome.score, outcome.max_score = 0.0, 0.0
    got = {name: (score, needs_manual) for name, score, _, needs_manual in found["grades"]}
    for question in questions.values():
        score, needs_manual = got.get(question.grade_id, (None, True))
        if question.manual:
            outcome.manual = outcome.manual or needs_manual
            continue
        outcome.max_score += question.points
        if score is None:  # an autograded question nbgrader could not grade (its test cell is gone)
            outcome.manual = True
            outcome.notes.append(f"{question.label} was not autograded: mark it by hand")
        else:
            outcome.score += score
    return outcome
