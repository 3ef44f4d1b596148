"""The instructor's report, shown: ``warning-signs grade report`` and ``grading/report.ipynb``.

``report()`` (the command) writes ``exports/<assignment>-items.csv``, ``-options.csv`` and
``-distribution.png`` and prints the tables and a one-line summary. ``show()`` (the notebook)
displays the same. The data is ``grading.report``; the chart is ``charts.grade_distribution``:
this module is where the two meet, so grading itself never imports a chart.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .charts.grade_distribution import distribution_png
from .charts.image import figure_html
from .grading import outcomes
from .grading.course import Course
from .grading.gradebook import needing_manual
from .grading.policy import self_checks_line
from .grading.report import Report, build


def _png(report: Report) -> bytes:
    return distribution_png(report.assignment, report.totals, report.max_total)


def write(course: Course, report: Report) -> dict[str, Path]:
    paths = {
        kind: course.exports / f"{report.assignment}-{kind}"
        for kind in ("items.csv", "options.csv", "distribution.png")
    }
    report.items.to_csv(paths["items.csv"], index=False)
    report.options.to_csv(paths["options.csv"], index=False)
    paths["distribution.png"].write_bytes(_png(report))
    return paths


def report(course: Course, assignment: str, out=None) -> int:
    """The command: write the files, print the tables, one summary line per plot and at the end."""
    progress = outcomes.Progress(2, "", out)
    built = build(course, assignment)
    progress.step(f"reading the graded submissions of {assignment}", f"{len(built.totals)} found")
    if built.empty:
        print(built.summary(), file=out)
    else:
        paths = write(course, built)
        progress.step("writing the report", ", ".join(str(p) for p in paths.values()))
        with pd.option_context("display.width", 160, "display.max_columns", 20):
            print(built.items.to_string(index=False), file=out)
            print(built.options.drop(columns=["text"]).to_string(index=False), file=out)
        checks = self_checks_line(course, assignment)
        if checks:
            print(checks, file=out)
        print(built.summary(), file=out)
    outcomes.summary_line("reported on", len(built.totals), built.failed, needing_manual(course, assignment), out)
    return 0


def show(assignment: str | None = None, course: str | Path | None = None) -> list[Report]:
    """For ``grading/report.ipynb``: every assignment's report, displayed (course root: the
    argument, else ``WARNING_SIGNS_GRADING_ROOT``, else ``grading/``)."""
    from IPython.display import HTML, Markdown, display

    course_ = Course.at(course or os.environ.get("WARNING_SIGNS_GRADING_ROOT") or None)
    shown = []
    for name in [assignment] if assignment else course_.assignments():
        built = build(course_, name)
        display(Markdown(f"## {name}"))
        if built.empty:
            print(f"Nothing to report yet for {name}: no graded submissions in {course_.root}.")
            continue
        display(Markdown("### Questions: percent correct and discrimination"), built.items)
        display(Markdown("### Options chosen (distractor analysis)"), built.options)
        display(HTML(figure_html(_png(built), built.summary())))  # the summary is its alt text and caption
        shown.append(built)
    if not shown and not course_.assignments():
        print(f"Nothing to report yet: no exercises in {course_.source}.")
    return shown
