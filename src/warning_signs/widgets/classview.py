"""Class view for workshops: how the room read a scenario stage, next to the expert.

The instructor points it at a folder of submissions, such as nbgrader's
``submitted/<student>/<assignment>/`` or any folder tree, and it finds every
scenario progress file (``scenario-<id>.answers.json``, written by the scenario
player). For one stage it shows the risk levels the learners chose and how often
each risk factor was marked, beside the expert's reading, as a chart and a
one-line summary. Missing or damaged files are listed; they never stop the view.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..answers import read_entries as _read  # the answer store's own parser, so both agree on "damaged"
from ..exercise import grading
from ..palette import OKABE_ITO, summarize
from .assessment import (LEVELS, Stage, canvas_png, engaged, figure_html, framework, scenario_ids,
                         scenario_stages)
from .checklist import WIDE
from .scenario import LEVEL_LABELS, PROGRESS_KEY, clean_progress, country, progress_id

BAR = OKABE_ITO["blue"]
EXPERT_BAR = (OKABE_ITO["vermillion"], "//")


@dataclass
class Submission:
    learner: str
    path: Path
    progress: dict
    note: str = ""  # e.g. "damaged; its backup was used"


@dataclass
class Gathered:
    scenario_id: str
    submissions: list[Submission] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (learner or file, what is wrong)


def gather(folder: str | Path, scenario_id: str) -> Gathered:
    """Every progress file of ``scenario_id`` under ``folder``; problems listed, never raised."""
    folder = Path(folder)
    found = Gathered(scenario_id)
    if not folder.is_dir():
        found.problems.append((str(folder), "this folder does not exist"))
        return found
    name = f"{progress_id(scenario_id)}.answers.json"
    files = sorted(folder.rglob(name))
    stages = scenario_stages(scenario_id)
    seen = set()
    for path in files:
        learner = _learner(folder, path)
        if learner in seen:  # a second file of one learner: name it by its folder, never merge
            learner = path.parent.relative_to(folder).as_posix()
        seen.add(learner)
        progress, note, problem = _read_progress(path, scenario_id, stages)
        if problem:
            found.problems.append((learner, problem))
        else:
            found.submissions.append(Submission(learner, path, progress, note))
    with_files = {_learner(folder, p) for p in files}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if sub.name not in with_files:
            found.problems.append((sub.name, f"missing: no {name} in this folder"))
    return found


def _learner(folder: Path, path: Path) -> str:
    """nbgrader's layout is submitted/<student>/<assignment>/: the student is the first folder."""
    parts = path.relative_to(folder).parts
    return parts[0] if len(parts) > 1 else folder.name


def _read_progress(path: Path, scenario_id: str, stages) -> tuple[dict | None, str, str]:
    """(progress, note, problem): a damaged file falls back on its .bak, as the player does."""
    entries, error = _read(path)
    note = ""
    if error:
        backup = path.with_name(path.name + ".bak")
        entries, backup_error = _read(backup) if backup.exists() else ({}, "no backup")
        if backup_error:
            return None, "", f"damaged: {path.name} cannot be read ({error})"
        note = "damaged; its backup was used"
    entry = entries.get(PROGRESS_KEY)
    progress = clean_progress(entry.value, scenario_id, stages) if entry else None
    if progress is None:
        return None, "", f"damaged: {path.name} holds no scenario progress"
    return progress, note, ""


# --- the distribution of one stage ------------------------------------------------


@dataclass
class Distribution:
    stage: Stage
    learners: list[str]  # submitted this stage
    waiting: list[str]  # have a file but have not submitted this stage
    risk: dict[str, int]
    factors: dict[str, int]  # learners who marked at least one sign of each factor

    def share(self, count: int) -> float:
        return 100 * count / len(self.learners) if self.learners else 0.0


def distribution(gathered: Gathered, stage: Stage) -> Distribution:
    learners, waiting, risk, factors = [], [], Counter(), Counter()
    for sub in gathered.submissions:
        answer = sub.progress["stages"].get(str(stage.number))
        if not answer or not answer["submitted"]:
            waiting.append(sub.learner)
            continue
        learners.append(sub.learner)
        risk[answer["risk"]] += 1
        factors.update(engaged(answer["marked"]))
    fw = framework()
    return Distribution(stage, learners, waiting, {lv: risk[lv] for lv in LEVELS},
                        {f.id: factors[f.id] for f in fw.factors})


def summary_text(dist: Distribution, country_name: str) -> str:
    stage, n = dist.stage, len(dist.learners)
    where = f"stage {stage.number} of {country_name} ({stage.when})"
    if not n:
        expert = LEVEL_LABELS[stage.risk_level].lower()
        return f"No learner has submitted {where} yet; the expert rated the risk {expert}."
    fw = framework()
    levels = ", ".join(f"{LEVEL_LABELS[lv].lower()} {c}{' (expert)' if lv == stage.risk_level else ''}"
                       for lv, c in dist.risk.items())
    top = sorted((f for f in fw.factors if dist.factors[f.id]), key=lambda f: -dist.factors[f.id])[:3]
    most = ", ".join(f"{f.number} {f.name} ({dist.factors[f.id]} of {n})" for f in top) or "none"
    low = [f"{fw.factor(fid).number} {fw.factor(fid).name} ({dist.factors[fid]} of {n})"
           for fid in stage.factors if dist.factors[fid] * 2 < n]
    text = f"{n} learner{'s' if n != 1 else ''} submitted {where}. Risk levels: {levels}. Factors marked most: {most}."
    if low:
        text += f" The expert's factors marked by fewer than half: {', '.join(low)}."
    return text


# --- the chart ------------------------------------------------------------------


class ClassChart:
    """Shares of learners per risk level and per factor; the expert's picks hatched and labelled.

    The axes are fixed (0-100 % of learners), so they are drawn once; a refresh
    redraws only the bars and their labels (blitting), well under 50 ms.
    """

    def __init__(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        fw = framework()
        self.figure = Figure(figsize=(10, 3.2), dpi=72)
        self.canvas = FigureCanvasAgg(self.figure)
        left = self.figure.add_axes([0.06, 0.2, 0.25, 0.62])
        right = self.figure.add_axes([0.37, 0.2, 0.62, 0.62])
        self.risk_bars = left.bar(range(len(LEVELS)), [0] * len(LEVELS), color=BAR, edgecolor="black", animated=True)
        self.factor_bars = right.bar(range(len(fw.factors)), [0] * len(fw.factors), color=BAR, edgecolor="black",
                                     animated=True)
        self.risk_labels = [left.text(i, 0, "", ha="center", va="bottom", fontsize=8, animated=True)
                            for i in range(len(LEVELS))]
        self.factor_labels = [right.text(i, 0, "", ha="center", va="bottom", fontsize=8, animated=True)
                              for i in range(len(fw.factors))]
        left.set_xticks(range(len(LEVELS)), [LEVEL_LABELS[lv] for lv in LEVELS], fontsize=9)
        left.set_title("Risk level chosen", fontsize=10, loc="left")
        right.set_xticks(range(len(fw.factors)), [str(f.number) for f in fw.factors], fontsize=9)
        right.set_xlabel("Risk factor (UN Framework number)", fontsize=9)
        right.set_title("Factors marked (at least one sign)", fontsize=10, loc="left")
        for ax in (left, right):
            ax.set_ylim(0, 125)
            ax.set_yticks([0, 50, 100], ["0%", "50%", "100%"], fontsize=8)
            ax.set_ylabel("Share of learners", fontsize=9)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        right.legend(handles=[Patch(facecolor=BAR, edgecolor="black", label="learners"),
                              Patch(facecolor=EXPERT_BAR[0], hatch=EXPERT_BAR[1], edgecolor="black",
                                    label="the expert's reading (also labelled E)")],
                     fontsize=8, loc="upper right", frameon=False, ncols=2)
        self.axes = (left, right)
        self.canvas.draw()  # the static parts, once
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.data: dict = {}

    def update(self, dist: Distribution) -> bytes:
        fw = framework()
        risk = [(lv, dist.risk[lv], lv == dist.stage.risk_level) for lv in LEVELS]
        factors = [(f.id, dist.factors[f.id], f.id in dist.stage.factors) for f in fw.factors]
        self.data = {"learners": len(dist.learners), "risk": risk, "factors": factors}
        self.canvas.restore_region(self.background)
        for (ax, bars, labels, rows) in ((self.axes[0], self.risk_bars, self.risk_labels, risk),
                                        (self.axes[1], self.factor_bars, self.factor_labels, factors)):
            for bar, label, (_key, count, expert) in zip(bars, labels, rows):
                share = dist.share(count)
                bar.set_height(share)
                bar.set_facecolor(EXPERT_BAR[0] if expert else BAR)
                bar.set_hatch(EXPERT_BAR[1] if expert else "")
                label.set_position((bar.get_x() + bar.get_width() / 2, share + 1))
                label.set_text(f"{count}{' E' if expert else ''}")
                ax.draw_artist(bar)
                ax.draw_artist(label)
        return canvas_png(self.canvas)


# --- the widget -------------------------------------------------------------------


class ClassView:
    """Folder, scenario and stage controls; a refresh rescans the folder."""

    def __init__(self, folder: str | Path = ".", scenario_id: str = "veldora", stage: int = 1):
        self.folder = widgets.Text(value=str(folder), description="Submissions folder:",
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="60%"))
        self.scenario = widgets.Dropdown(options=[(country(s)["name"], s) for s in scenario_ids()],
                                         value=scenario_id, description="Scenario:")
        self.stage = widgets.Dropdown(description="Stage:", style={"description_width": "initial"},
                                      layout=widgets.Layout(width="60%"))
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh", layout=widgets.Layout(width="auto"),
                                             tooltip="Scan the folder again for new submissions")
        self.summary = widgets.HTML(layout=WIDE)
        self.chart = widgets.HTML(layout=WIDE)
        self.problems = widgets.HTML(layout=WIDE)
        self.chart_figure = ClassChart()
        self.gathered: Gathered | None = None
        self._set_stages(scenario_id, stage)
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.scenario.observe(self._scenario_changed, names="value")
        self.stage.observe(lambda _change: self.show(), names="value")
        self.box = widgets.VBox([self.folder, widgets.HBox([self.scenario, self.stage, self.refresh_button]),
                                 self.summary, self.chart, self.problems], layout=WIDE)
        self.refresh()

    def _set_stages(self, scenario_id: str, stage: int = 1) -> None:
        self._quiet = True
        self.stage.options = [(f"{s.number}. {s.when}: {s.title}", s.number) for s in scenario_stages(scenario_id)]
        self.stage.value = stage
        self._quiet = False

    def refresh(self) -> None:
        """Scan the folder again, then show the chosen stage."""
        self.gathered = gather(self.folder.value, self.scenario.value)
        self.show()

    def show(self) -> None:
        if getattr(self, "_quiet", False) or self.gathered is None:
            return
        stage = next(s for s in scenario_stages(self.scenario.value) if s.number == self.stage.value)
        self.distribution = distribution(self.gathered, stage)
        self.summary_text = summary_text(self.distribution, country(self.scenario.value)["name"])
        self.summary.value = f"<p role='status'>{escape(summarize(self.summary_text))}</p>"
        self.chart.value = figure_html(self.chart_figure.update(self.distribution), self.summary_text)
        self.problems.value = problems_html(self.gathered, self.distribution)

    def _scenario_changed(self, change) -> None:
        self._set_stages(change["new"])
        self.refresh()

    def _ipython_display_(self) -> None:
        if grading():
            print(summarize(self.summary_text))
            return
        from IPython.display import display

        display(self.box)


def problems_html(gathered: Gathered, dist: Distribution) -> str:
    items = [f"<li>{escape(who)}: {escape(what)}</li>" for who, what in gathered.problems]
    items += [f"<li>{escape(s.learner)}: {escape(s.note)}</li>" for s in gathered.submissions if s.note]
    items += [f"<li>{escape(who)}: has not submitted stage {dist.stage.number} yet</li>" for who in dist.waiting]
    if not items:
        return f"<p>Every file found was read ({len(gathered.submissions)}).</p>"
    return f"<p><strong>To check ({len(items)}):</strong></p><ul>{''.join(items)}</ul>"


def class_view(folder: str | Path = ".", scenario_id: str = "veldora", stage: int = 1) -> ClassView:
    """The room's readings of one scenario stage, gathered from ``folder``."""
    return ClassView(folder, scenario_id, stage)
