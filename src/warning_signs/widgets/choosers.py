"""Every choice a learner makes is a control: a dropdown over the scenario player and the case timeline.

A non-programmer (and Voila, which allows no cell edits) reaches every scenario country and
every historical case from the page: choosing another one in the dropdown replaces the
activity below it. Each scenario keeps its own saved progress, so switching loses nothing.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..knowledge.cases import tables
from ..knowledge.scenarios import country, scenario_ids
from .base import CourseWidget
from .scenario import ScenarioPlayer
from .timeline import CaseTimeline

STYLE = {"description_width": "initial"}


class Chooser(CourseWidget):
    """A labelled dropdown and the activity it chooses (``self.activity``), rebuilt on a change."""

    def __init__(self, label: str, options: list[tuple[str, str]], start: str, build):
        super().__init__()
        self.build = build
        self.picker = widgets.Dropdown(
            options=options, value=start, description=label, style=STYLE, layout=widgets.Layout(width="auto")
        )
        self.status = widgets.HTML()
        self.activity = build(start)
        self.picker.observe(lambda change: self.choose(change["new"]), names="value")
        self.children = [self.picker, self.status, self.activity]

    def choose(self, key: str) -> None:
        if self.picker.value != key:
            self.picker.value = key  # calls back here
            return
        self.activity = self.build(key)
        self.children = [self.picker, self.status, self.activity]
        name = dict((v, k) for k, v in self.picker.options)[key]
        self.status.value = f"<p role='status'>Showing: {name}.</p>"

    def graded_text(self) -> str | None:
        return None


def choose_scenario(start: str = "veldora", folder=None) -> Chooser:
    """The scenario player with a dropdown of every fictional country (each keeps its own progress)."""
    options = [(country(sid)["name"], sid) for sid in scenario_ids()]
    return Chooser("Scenario country:", options, start, lambda sid: ScenarioPlayer(sid, folder))


def choose_case(start: str = "darfur-2003", **options) -> Chooser:
    """The case timeline with a dropdown of every historical case in the course."""
    cases = tables()[0]
    names = [(f"{row['name']}", case_id) for case_id, row in cases.iterrows()]
    return Chooser("Historical case:", names, start, lambda case_id: CaseTimeline(case_id, **options))
