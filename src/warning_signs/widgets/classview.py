"""Class view for workshops: how the room read a scenario stage, next to the expert.

The instructor points it at a folder of submissions, such as nbgrader's
``submitted/<student>/<assignment>/`` or any folder tree, and it finds every
scenario progress file (``scenario-<id>.answers.json``, written by the scenario
player). For one stage it shows the risk levels the learners chose and how often
each risk factor was marked, beside the expert's reading, as a chart and a
one-line summary. Missing or damaged files are listed; they never stop the view.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..charts import figure_html
from ..charts.classchart import ClassChart
from ..knowledge.classroom import Distribution, Gathered, distribution, gather, summary_text
from ..knowledge.scenarios import country, scenario_ids, scenario_stages
from ..palette import summarize
from .base import CourseWidget
from .checklist import WIDE

# --- the widget -------------------------------------------------------------------


class ClassView(CourseWidget):
    """Folder, scenario and stage controls; a refresh rescans the folder."""

    def __init__(self, folder: str | Path = ".", scenario_id: str = "veldora", stage: int = 1):
        super().__init__(layout=WIDE)
        self.folder = widgets.Text(
            value=str(folder),
            description="Submissions folder:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="60%"),
        )
        self.scenario = widgets.Dropdown(
            options=[(country(s)["name"], s) for s in scenario_ids()], value=scenario_id, description="Scenario:"
        )
        self.stage = widgets.Dropdown(
            description="Stage:", style={"description_width": "initial"}, layout=widgets.Layout(width="60%")
        )
        self.refresh_button = widgets.Button(
            description="Refresh",
            icon="refresh",
            layout=widgets.Layout(width="auto"),
            tooltip="Scan the folder again for new submissions",
        )
        self.summary = widgets.HTML(layout=WIDE)
        self.chart = widgets.HTML(layout=WIDE)
        self.problems = widgets.HTML(layout=WIDE)
        self.chart_figure = ClassChart()
        self.gathered: Gathered | None = None
        self._set_stages(scenario_id, stage)
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.scenario.observe(self._scenario_changed, names="value")
        self.stage.observe(lambda _change: self.show(), names="value")
        self.children = [
            self.folder,
            widgets.HBox([self.scenario, self.stage, self.refresh_button]),
            self.summary,
            self.chart,
            self.problems,
        ]
        self.refresh()

    def _set_stages(self, scenario_id: str, stage: int = 1) -> None:
        with self.quietly():
            self.stage.options = [(f"{s.number}. {s.when}: {s.title}", s.number) for s in scenario_stages(scenario_id)]
            self.stage.value = stage

    def refresh(self) -> None:
        """Scan the folder again, then show the chosen stage."""
        self.gathered = gather(self.folder.value, self.scenario.value)
        self.show()

    def show(self) -> None:
        if self.is_quiet or self.gathered is None:
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

    def graded_text(self) -> str:
        return summarize(self.summary_text)


def problems_html(gathered: Gathered, dist: Distribution) -> str:
    items = [f"<li>{escape(who)}: {escape(what)}</li>" for who, what in gathered.problems]
    items += [f"<li>{escape(s.learner)}: {escape(s.note)}</li>" for s in gathered.submissions if s.note]
    items += [f"<li>{escape(who)}: has not submitted stage {dist.stage.number} yet</li>" for who in dist.waiting]
    if not items:
        return f"<p>Every file found was read ({len(gathered.submissions)}).</p>"
    return f"<p><strong>To check ({len(items)}):</strong></p><ul>{''.join(items)}</ul>"


def class_view(folder: str | Path | None = None, scenario_id: str = "veldora", stage: int = 1) -> ClassView:
    """The room's readings of one scenario stage, gathered from ``folder`` (default: on a
    workshop hub, the learners' shared progress folder; elsewhere the current folder)."""
    return ClassView(folder or os.environ.get("WARNING_SIGNS_CLASS_PROGRESS") or ".", scenario_id, stage)
