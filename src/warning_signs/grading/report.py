"""The instructor's report on one assignment: item statistics, distractors, grade distribution.

``report()`` is the ``warning-signs grade report`` command: it writes
``exports/<assignment>-items.csv``, ``-options.csv`` and ``-distribution.png``
and prints the tables and a one-line summary. ``show()`` is what
``grading/report.ipynb`` calls: the same, displayed in the notebook.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..palette import OKABE_ITO, summarize
from . import analysis, outcomes
from .course import Course
from .gradebook import needing_manual


@dataclass
class Report:
    assignment: str
    items: pd.DataFrame
    options: pd.DataFrame
    totals: list[float]
    max_total: float
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.totals

    def summary(self) -> str:
        if self.empty:
            return summarize(f"Nothing to report yet for {self.assignment}: no graded submissions.")
        failed = f"; {len(self.failed)} could not be graded (not shown)" if self.failed else ""
        return summarize(
            f"{len(self.totals)} graded submissions of {self.assignment}: mean {statistics.mean(self.totals):.1f} "
            f"of {self.max_total:g} autograded points, median {statistics.median(self.totals):g}, "
            f"lowest {min(self.totals):g}, highest {max(self.totals):g}{failed}."
        )


def build(course: Course, assignment: str) -> Report:
    found = analysis.sheets(course, assignment)
    known = outcomes.load(course.exports_dir, assignment)
    return Report(
        assignment,
        pd.DataFrame(analysis.item_table(course, assignment, found)),
        pd.DataFrame(analysis.option_table(course, assignment, found)),
        [s.total for s in found],
        sum(q.points for q in course.questions(assignment) if not q.manual),
        [(s, o.reason) for s, o in sorted(known.items()) if o.failed],
    )


def distribution_figure(report: Report):
    """Bars: how many learners got each autograded total. Okabe-Ito blue, labelled, no colour coding."""
    import matplotlib

    if "MPLBACKEND" not in os.environ and not _in_notebook():
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = range(int(report.max_total) + 1)
    counts = [sum(1 for t in report.totals if round(t) == s) for s in scores]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.bar(list(scores), counts, color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["black"])
    if report.totals:
        mean = statistics.mean(report.totals)
        ax.axvline(mean, color=OKABE_ITO["vermillion"], linestyle="--", label=f"mean {mean:.1f}")
        ax.legend(frameon=False)
    ax.set_xlabel(f"Autograded points (of {report.max_total:g})")
    ax.set_ylabel("Learners")
    ax.set_title(f"{report.assignment}: grade distribution")
    ax.set_xticks(list(scores))
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return get_ipython() is not None


def write(course: Course, report: Report) -> dict[str, Path]:
    paths = {
        kind: course.exports / f"{report.assignment}-{kind}"
        for kind in ("items.csv", "options.csv", "distribution.png")
    }
    report.items.to_csv(paths["items.csv"], index=False)
    report.options.to_csv(paths["options.csv"], index=False)
    figure = distribution_figure(report)
    figure.savefig(paths["distribution.png"], dpi=120)
    import matplotlib.pyplot as plt

    plt.close(figure)
    return paths


def report(course: Course, assignment: str, out=None) -> int:
    """The CLI: write the files, print the tables, one summary line per plot and at the end."""
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
        print(built.summary(), file=out)
    outcomes.summary_line("reported on", len(built.totals), built.failed, needing_manual(course, assignment), out)
    return 0


def show(assignment: str | None = None, course: str | Path | None = None) -> list[Report]:
    """For ``grading/report.ipynb``: every assignment's report, displayed (course root: the
    argument, else ``WARNING_SIGNS_GRADING_ROOT``, else ``grading/``)."""
    from IPython.display import Markdown, display

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
        figure = distribution_figure(built)
        display(figure)
        import matplotlib.pyplot as plt

        plt.close(figure)
        print(built.summary())
        shown.append(built)
    if not shown and not course_.assignments():
        print(f"Nothing to report yet: no exercises in {course_.source}.")
    return shown
