"""``warning-signs grade …``: the instructor's workflow over nbgrader's Python API.

    warning-signs grade setup --students students.csv
    warning-signs grade policy ASSIGNMENT [practice | assessed --attempts N]   (the learner's self-check)
    warning-signs grade release ASSIGNMENT
    warning-signs grade collect ASSIGNMENT [--from FOLDER_OR_ZIP]
    warning-signs grade autograde ASSIGNMENT [--jobs N] [--timeout SECONDS]
    warning-signs grade feedback ASSIGNMENT
    warning-signs grade export ASSIGNMENT [--output FILE]
    warning-signs grade export all [--output FILE]      (the course total, every exercise)
    warning-signs grade report ASSIGNMENT

Every command takes ``--course DIR`` (default: ``$WARNING_SIGNS_COURSE``, else the checkout's
``grading/`` when writable, else ``~/warning-signs-course``; the command prints which), ``--source DIR``
(default: ``exercises/``) and ``--exchange DIR`` (JupyterHub's), prints a counter per item and ends with one line:
done N, failed M, needing manual grading K.
"""

from __future__ import annotations

import argparse
import os
import warnings
from pathlib import Path


def add_parser(sub) -> None:
    """Register ``grade`` and its subcommands on the top-level CLI's subparsers."""
    grade = sub.add_parser("grade", help="instructor: release, collect, autograde, feedback, export, report")
    steps = grade.add_subparsers(dest="step", required=True)
    setup = _step(steps, "setup", "create the course root and add the learners from a CSV", assignment=False)
    setup.add_argument("--students", type=Path, required=True, help="CSV with id, first_name, last_name, email")
    policy = _step(steps, "policy", "the learners' self-check: practice (unlimited) or assessed (N attempts)")
    policy.add_argument("mode", nargs="?", choices=("practice", "assessed"), help="omit to show the current policy")
    policy.add_argument("--attempts", type=int, default=None, help="assessed: self-checks allowed (default 2)")
    _step(steps, "release", "make the student version and release it (exchange and zip)")
    collect = _step(steps, "collect", "collect submissions from the exchange, or from a folder or zip")
    collect.add_argument("--from", dest="source_files", type=Path, help="a folder or zip from a learning platform")
    autograde = _step(steps, "autograde", "grade every submission in parallel, in a sandbox")
    autograde.add_argument("--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    autograde.add_argument("--timeout", type=int, default=30, help="seconds per cell (default 30)")
    _step(steps, "feedback", "write feedback pages and release them")
    export = _step(steps, "export", "grades as CSV (failed submissions marked apart); 'all': the course total")
    export.add_argument("--output", type=Path, default=None, help="CSV path (default: exports/<assignment>-grades.csv)")
    _step(steps, "report", "item statistics, distractors and grade distribution")


def _step(steps, name: str, helptext: str, assignment: bool = True):
    parser = steps.add_parser(name, help=helptext)
    if assignment:
        parser.add_argument("assignment", help="the assignment (exercise folder name), e.g. 01-atrocity-crimes")
    parser.add_argument(
        "--course",
        type=Path,
        default=None,
        help="course root (default: grading/ if writable, else ~/warning-signs-course; "
        "on a workshop hub, the instructor's)",
    )
    parser.add_argument("--source", type=Path, default=None, help="source notebooks (default: exercises/)")
    parser.add_argument(
        "--exchange",
        type=Path,
        default=None,
        help="nbgrader exchange, e.g. JupyterHub's /srv/nbgrader/exchange "
        "(default: $WARNING_SIGNS_EXCHANGE, else <course>/exchange)",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from .course import Course

    warnings.filterwarnings("ignore")  # library notices would bury the progress lines
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    from .config import default_course_root

    course = Course.at(args.course or default_course_root(), args.source, args.exchange)
    if args.course is None:  # say where the gradebook and the submissions are
        print(f"Course root: {course.root} (give --course DIR for another)", flush=True)
    step = args.step
    if step == "setup":
        from .roster import setup

        return setup(course, args.students)
    if step == "policy":
        from .policy import set_policy

        return set_policy(course, args.assignment, args.mode, args.attempts)
    if step == "release":
        from .release import release

        return release(course, args.assignment)
    if step == "collect":
        from .intake import collect

        return collect(course, args.assignment, args.source_files)
    if step == "autograde":
        from .autograde import autograde

        results = autograde(course, args.assignment, jobs=args.jobs, timeout=args.timeout)
        return 1 if any(o.failed for o in results.values()) else 0
    if step == "feedback":
        from .feedback import give_feedback

        return give_feedback(course, args.assignment)
    if step == "export":
        from .export import COURSE_TOTAL, export, export_course_total

        if args.assignment == COURSE_TOTAL:
            return export_course_total(course, path=args.output)
        return export(course, args.assignment, path=args.output)
    from ..class_report import report  # the report draws a chart: it lives beside grading, not in it

    return report(course, args.assignment)
