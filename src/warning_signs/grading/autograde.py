"""Autograde every submission of an assignment in parallel worker processes.

Each worker holds one NbGraderAPI and calls ``autograde(assignment, student)``,
exactly what ``nbgrader autograde --student`` does, so scores equal a
sequential run. What differs is around it:

* before: a quick look at each submitted folder (damaged or renamed notebook);
* during: the kernel runs in the jail (sandbox.py) when the machine allows it,
  else a loud UNSANDBOXED warning; the sanitize step restores deleted or edited
  grading cells (restore.py); output is capped (execute.py); warnings never
  reach a test cell's stderr;
* after: the trusted scorer (trusted.py) scores every question in this process,
  from the submitted answers and the key in the source notebook, and writes the
  scores into the gradebook; one outcome per learner (graded, perhaps flagged
  "the notebook's code interfered with grading" or "the notebook's code stopped
  the grading kernel", or failed with a one-line reason the grader wrote: a
  failure of the grader's own, never one the notebook's code caused), kept in
  ``exports/`` for the export.

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

from . import incidents, outcomes, results, sandbox, speedups, trusted
from .course import Course
from .outcomes import FAILED, GRADED, Outcome, Progress, plain_line
from .preflight import preflight

NBGRADER = "nbgrader.preprocessors"
# StripKeys runs after OverwriteCells has put the hidden tests back: the kernel never sees them.
SANITIZE = [
    "warning_signs.grading.restore.RestoreCells",
    f"{NBGRADER}.ClearOutput",
    f"{NBGRADER}.DeduplicateIds",
    f"{NBGRADER}.OverwriteKernelspec",
    f"{NBGRADER}.OverwriteCells",
    "warning_signs.grading.trusted.StripKeys",
    f"{NBGRADER}.CheckCellMetadata",
]
AFTER_EXECUTE = [
    f"{NBGRADER}.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    f"{NBGRADER}.LimitOutput",
    f"{NBGRADER}.SaveAutoGrades",
    f"{NBGRADER}.AssignLatePenalties",
    f"{NBGRADER}.CheckCellMetadata",
]
# A warning that still reaches stderr (a learner may turn warnings back on) is
# dropped before scoring: any stderr in a test cell would score 0.
WARNING_PATTERN = r"Warning\b"
UNSANDBOXED = (
    "WARNING: grading UNSANDBOXED: {reason}. Learners' code will run with your rights: it can read "
    "the gradebook and the hidden tests and use the network. Install bubblewrap to grade safely."
)


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


def autograde(
    course: Course,
    assignment: str,
    *,
    jobs: int | None = None,
    timeout: int = 30,
    students: list[str] | None = None,
    out=None,
) -> dict[str, Outcome]:
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
        notes = [plain_line(n) for n in notes]
        if problem:
            results[student] = Outcome(student, FAILED, plain_line(problem), notes)
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
    outcomes.summary_line(
        "graded",
        len(graded),
        [(o.student, o.reason) for o in results.values() if o.failed],
        sum(o.manual for o in graded),
        out,
        flagged=sum(o.flagged for o in graded),
    )
    return results


def _require_release(course: Course, assignment: str) -> None:
    if not course.folder("release", assignment).is_dir():
        raise SystemExit(
            f"{assignment} has not been released in {course.root}: "
            f"run `warning-signs grade release {assignment}` first."
        )


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
    assert _API is not None and _COURSE is not None, "the worker was not started"
    return grade_submission(_API, _COURSE, assignment, student)


def grade_submission(api, course: Course, assignment: str, student: str) -> dict:
    """nbgrader autogrades (key-less test cells), then the trusted scorer scores and fills the gradebook.

    The one pipeline of the instructor's workers and the learner's self-check."""
    incidents.take(), incidents.take_stops()
    result = api.autograde(assignment, student)
    if not result["success"] and "database is locked" in (result.get("log", "") + result.get("error", "")):
        incidents.take_stops()
        result = api.autograde(assignment, student)  # lost a race for the gradebook: once more
    if not result["success"]:
        notes = incidents.take()
        return {"success": False, "notes": notes, "reason": failure_reason(result, notes)}
    stops, notes = stop_reasons(incidents.take_stops(), incidents.take())
    found = trusted.score(course, assignment, student, stops)
    trusted.write_gradebook(course, found)
    results.save(course.root, found)
    notes = notes + found.notes + late_notes(result.get("log", ""))
    flag = found.flag()
    return {"success": True, "notes": notes + ([flag] if flag else []), "results": found}


KERNEL_NOTE = re.compile(r"^the kernel (?:was )?stopped: ")


def stop_reasons(stops: dict[str, tuple[int, str]], notes: list[str]) -> tuple[dict[str, tuple[int, str]], list[str]]:
    """Where the notebook's code stopped the kernel, with the kernel manager's reason (the note
    that said why) in place of nbclient's bare one; that note then leaves ``notes``: one line, not two."""
    if not stops:
        return stops, notes
    said = [n for n in notes if KERNEL_NOTE.match(n)]
    if said:
        why = KERNEL_NOTE.sub("", said[0])
        stops = {name: (cell, why) for name, (cell, _) in stops.items()}
    return stops, [n for n in notes if n not in said]


def late_notes(log: str) -> list[str]:
    """nbgrader's late-submission warning, as a note (AssignLatePenalties applies the course's rule)."""
    late = re.findall(r" is ([0-9.]+) seconds late", log)
    if not late:
        return []
    minutes = float(late[-1]) / 60
    return [f"submitted {minutes:.0f} minutes after the due date (nbgrader's late-penalty setting applies)"]


def _run_pool(course, assignment, ready, settings, jobs):
    """Yield (student, result dict) as workers finish; a crashed worker costs one retry."""
    notes = dict(ready)
    pending, tries = [s for s, _ in ready], {}
    while pending:
        with ProcessPoolExecutor(
            max_workers=max(1, min(jobs, len(pending))),
            mp_context=get_context("spawn"),
            initializer=_start_worker,
            initargs=(str(course.root), str(course.source), settings),
        ) as pool:
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


# nbgrader's failures, by what its log says, as what happened and what to do (never the log's own text).
TRANSLATIONS = [
    # A kernel the notebook's own code stopped is scored from the saved answers (execute.py): this one
    # died before any of it ran.
    (
        r"DeadKernelError",
        "the grading kernel died before the notebook's own code ran: check that the sandbox (bubblewrap) "
        "and the Python kernel start on this machine, then grade again",
    ),
    (
        r"ValidationError|SchemaError|metadata",
        "the notebook's grading cells are damaged beyond repair (nbgrader "
        "metadata invalid): ask the learner to submit a fresh copy",
    ),
    (
        r"CellTimeoutError|TimeoutError",
        "a cell ran past its time limit and the kernel did not stop: grade it alone "
        "with a longer --timeout, or look at the notebook",
    ),
    (r"No student with ID", "this learner is not in the gradebook: add them with `warning-signs grade setup`"),
    (
        r"No assignment with ID|did you forget to run 'nbgrader generate_assignment'",
        "the assignment is not in the gradebook: run `warning-signs grade release` first",
    ),
    (r"database is locked", "the gradebook stayed locked by another process: run autograde again for this learner"),
    (r"NotJSONError|JSONDecodeError|UnicodeDecodeError", "the notebook is not valid JSON: it is damaged"),
    (r"MemoryError", "the grader ran out of memory on it: grade it alone, with fewer --jobs"),
    (r"PermissionError|Permission denied", "a file of the submission could not be read: check its permissions"),
    (r"No space left on device", "the grader's disk is full: free some space and grade again"),
]
UNEXPLAINED = (
    "nbgrader could not grade it and gave no reason we know: grade it alone with "
    "`nbgrader autograde ASSIGNMENT --student ID` in the course folder to read nbgrader's log"
)


def failure_reason(result: dict, notes: list[str]) -> str:
    """One plain sentence the grader writes: what the kernel manager saw, else nbgrader's failure translated."""
    for note in notes:
        if note.startswith("the kernel"):
            return plain_line(note)
    text = result.get("log", "") + "\n" + result.get("error", "")
    errors = re.findall(r"^\s*(?:\[\w+\]\s*)?([A-Za-z_][\w.]*(?:Error|Exception|Exit))\b", text, flags=re.M)
    last = errors[-1] if errors else ""
    for pattern, sentence in TRANSLATIONS:
        if re.search(pattern, last) or (not last and re.search(pattern, text)):
            return sentence
    for pattern, sentence in TRANSLATIONS:
        if re.search(pattern, text):
            return sentence
    return UNEXPLAINED


# --- after grading --------------------------------------------------------------


def conclude(course: Course, assignment: str, student: str, found: dict) -> Outcome:
    notes = [plain_line(n) for n in found["notes"]]
    if not found["success"]:
        return Outcome(student, FAILED, plain_line(found["reason"]), notes)
    outcome = Outcome(student, GRADED, notes=notes)
    outcome.flagged = found["results"].flag() is not None
    questions = {q.grade_id: q for q in course.questions(assignment)}
    outcome.score, outcome.max_score = 0.0, 0.0
    manual_left = _manual_left(course, assignment, student)
    got = {q.grade_id: q.score for q in found["results"].questions}
    for question in questions.values():
        score = got.get(question.grade_id)
        if question.manual:
            outcome.manual = outcome.manual or question.grade_id in manual_left
            continue
        outcome.max_score += question.points
        if score is None:  # an autograded question nbgrader could not grade (its test cell is gone)
            outcome.manual = True
            outcome.notes.append(f"{question.label} was not autograded: mark it by hand")
        else:
            outcome.score += score
    return outcome


def _manual_left(course: Course, assignment: str, student: str) -> set[str]:
    """Grade ids of the written answers still waiting for the instructor (per the gradebook)."""
    from .gradebook import grades

    return {name for name, _, _, needs in grades(course, assignment, student) if needs}
