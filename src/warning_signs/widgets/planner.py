"""Response planner: choose a mix of response options and see what it covers, who carries it,
how soon it acts, and what can go wrong.

The learner ticks options (grouped by category, filterable by strategy and by
actor). The planner shows which of the four prevention strategies the mix
serves and which it leaves uncovered, the actors it relies on, its time to
effect (a bar chart by time band with a one-line summary), each option's risks
and warnings about the mix as a whole. For a scenario stage it shows the
situation report, and on request compares the mix with the expert's
recommended responses.

Everything shown comes from ``datasets/``: response_options,
prevention_strategies, r2p_pillars and the scenario stages. The model (the
toolbox, reading a mix) is :mod:`warning_signs.knowledge.responses`; the chart
:mod:`warning_signs.charts.timechart`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..charts.timechart import TimeChart
from ..data import load
from ..knowledge.responses import (
    Mix,
    StageComparison,
    Toolbox,
    category_label,
    compare_with_stage,
    read_mix,
    toolbox,
    words,
)
from ..knowledge.scenarios import Stage, stage_reading
from ..palette import summarize
from .assessment import report_html
from .base import CourseWidget
from .checklist import WIDE, Checklist, Group

# --- words ------------------------------------------------------------------------


def mix_html(mix: Mix, box: Toolbox) -> str:
    """Coverage, actors, time to effect, warnings and each chosen option's risks."""
    if not mix.chosen:
        return "<p role='status'><strong>Nothing chosen yet.</strong> Tick options to build your mix.</p>"
    names = lambda ids: ", ".join(box.strategy(s).name for s in ids) or "none"  # noqa: E731
    carried = "; ".join(f"{words(a)} ({len(ids)})" for a, ids in mix.actors.items())
    parts = [
        f"<p role='status'><strong>Your mix:</strong> {len(mix.chosen)} option{'s' if len(mix.chosen) != 1 else ''}, "
        f"serving {len(mix.covered)} of the {len(box.strategies)} prevention strategies.</p><ul>",
        f"<li><strong>Covered:</strong> {escape(names(mix.covered))}.</li>",
        f"<li><strong>Not covered:</strong> {escape(names(mix.uncovered))}.</li>",
        f"<li><strong>Carried by:</strong> {escape(carried)}.</li>",
        f"<li><strong>Time to effect:</strong> fastest {escape(str(mix.fastest))}, slowest {escape(str(mix.slowest))}."
        "</li></ul>",
    ]
    if mix.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in mix.warnings)
        parts.append(f"<p><strong>Warnings about the mix:</strong></p><ul>{items}</ul>")
    risks = "".join(
        f"<li><strong>{escape(o.id)} {escape(o.name)}:</strong> {escape(o.risks)}</li>"
        for o in (box.options[i] for i in mix.chosen)
    )
    parts.append(f"<p><strong>Risks of each option:</strong></p><ul>{risks}</ul>")
    return "".join(parts)


def comparison_html(comparison: StageComparison, stage: Stage, mix: Mix, box: Toolbox) -> str:
    """The mix beside the expert's recommended responses, every difference explained."""
    total = len(stage.responses)
    named = lambda i: f"{i} {box.options[i].name}"  # noqa: E731
    lines = [
        f"<p role='status'><strong>{comparison.verdict}</strong> Your mix shares {len(comparison.shared)} "
        f"of the expert's {total} recommended options for {escape(stage.title)} ({escape(stage.when)}).</p><ul>"
    ]
    if comparison.shared:
        lines.append(f"<li><strong>Shared:</strong> {escape('; '.join(named(i) for i in comparison.shared))}.</li>")
    lines += [
        f"<li><strong>The expert also recommends</strong> {escape(named(i))} ({escape(box.options[i].time)}; "
        f"{escape(', '.join(box.options[i].strategies))}): {escape(box.options[i].description)}</li>"
        for i in comparison.missing
    ]
    lines += [
        f"<li><strong>You chose, the expert did not:</strong> {escape(named(i))}. Not wrong in itself: "
        f"check how soon it acts and its risks at this stage.</li>"
        for i in comparison.extra
    ]
    gaps = [s for s in comparison.expert_covered if s not in mix.covered]
    if gaps:
        lines.append(
            f"<li><strong>The expert's mix also serves:</strong> "
            f"{escape(', '.join(box.strategy(s).name for s in gaps))}.</li>"
        )
    lines.append(
        f"</ul><p><strong>The expert's reading of this stage</strong> (risk: "
        f"{escape(words(stage.risk_level))}): {escape(stage.rationale)}</p>"
    )
    return "".join(lines)


# --- the widget -------------------------------------------------------------------


class ResponsePlanner(CourseWidget):
    """Checkboxes by category, two filters, the reading of the mix and its chart.

    State is in plain attributes: ``chosen`` (option ids), ``mix`` (its Mix),
    ``stage`` (None without a scenario) and ``comparison`` (None until
    compared). ``on_change(state)`` is called after each change.
    """

    def __init__(
        self,
        scenario: str | None = None,
        stage: int | None = None,
        chosen=(),
        on_change: Callable[[dict], None] | None = None,
    ):
        super().__init__(layout=WIDE)
        self.tools = toolbox()
        self.on_change = on_change
        self.stage = stage_reading(scenario, stage or 1) if scenario else None
        self.comparison: StageComparison | None = None
        self.checklist = Checklist(self._groups(), on_change=self._ticked, noun="chosen")
        for box in self.checklist.boxes.values():
            box.layout = widgets.Layout(width="100%")  # its own layout, so filters hide one box only
        for option_id, box in self.checklist.boxes.items():
            box.tooltip = self.tools.options[option_id].description
        self.strategy_filter = widgets.Dropdown(
            options=[("Any strategy", "")] + [(s.name, s.id) for s in self.tools.strategies],
            description="Show options that serve:",
            style={"description_width": "initial"},
        )
        self.actor_filter = widgets.Dropdown(
            options=[("Anyone", "")] + [(words(a).capitalize(), a) for a in self.tools.actors],
            description="Who acts:",
            style={"description_width": "initial"},
        )
        for control in (self.strategy_filter, self.actor_filter):
            control.observe(lambda _change: self.apply_filters(), names="value")
        self.shown = widgets.HTML()
        self.report = widgets.HTML(layout=WIDE)
        self.chart = TimeChart(self.tools.bands)
        self.caption = widgets.HTML(layout=WIDE)
        self.feedback = widgets.HTML(layout=WIDE)
        self.compare_button = widgets.Button(
            description="Compare with the expert",
            icon="balance-scale",
            tooltip="Show the expert's recommended responses for this stage",
            layout=widgets.Layout(width="auto"),
        )
        self.compare_button.layout.display = None if self.stage else "none"
        self.compare_button.on_click(lambda _button: self.compare())
        self.children = [
            self._intro(),
            widgets.HBox([self.strategy_filter, self.actor_filter]),
            self.shown,
            self.checklist,
            self.report,
            self.chart.widget,
            self.caption,
            self.compare_button,
            self.feedback,
        ]
        self.checklist.set_value(list(chosen))
        self.apply_filters()
        self.refresh()

    def _groups(self) -> list[Group]:
        by_category: dict[str, list[tuple[str, str]]] = {c: [] for c in self.tools.categories}
        for option in self.tools.options.values():
            by_category[option.category].append((option.id, option.label))
        # One name per category everywhere (the scenario player's too): category_label.
        return [Group(c, category_label(c), tuple(items)) for c, items in by_category.items() if items]

    def _intro(self) -> widgets.HTML:
        report = report_html(self.stage) if self.stage else ""
        return widgets.HTML(
            report + "<p>Open a category and tick the options for your mix; each shows its id, "
            "name, time to effect and the strategies it serves (hover for a description). Use "
            "<strong>Tab</strong> to move and <strong>Space</strong> to tick.</p>",
            layout=WIDE,
        )

    # --- state ------------------------------------------------------------

    @property
    def chosen(self) -> list[str]:
        return self.checklist.value

    def state(self) -> dict:
        return {"chosen": self.chosen, "compared": self.comparison is not None}

    def choose(self, option_ids) -> None:
        """Tick exactly ``option_ids`` and update, as if clicked."""
        self.checklist.set_value(list(option_ids), notify=True)

    def apply_filters(self) -> None:
        """Show only the options that match both filters; chosen ones stay chosen."""
        strategy, actor = self.strategy_filter.value, self.actor_filter.value
        visible = 0
        for option_id, box in self.checklist.boxes.items():
            option = self.tools.options[option_id]
            match = (not strategy or strategy in option.strategies) and (not actor or actor in option.actors)
            box.layout.display = None if match else "none"
            visible += match
        if strategy or actor:  # open the sections with matches, so a filter's result is seen at once
            for group in self.checklist.groups:
                self.checklist.show(
                    group.key, any(self.checklist.boxes[i].layout.display is None for i, _label in group.items)
                )
        self.shown.value = f"<p role='status'>Showing {visible} of {len(self.tools.options)} options.</p>"

    def compare(self) -> StageComparison:
        if self.stage is None:
            raise ValueError("Compare needs a scenario stage, e.g. response_planner(scenario='veldora', stage=3).")
        self.comparison = compare_with_stage(self.chosen, self.stage, self.tools)
        self.refresh()
        return self.comparison

    def refresh(self) -> None:
        self.mix = read_mix(self.chosen, self.tools)
        self.report.value = mix_html(self.mix, self.tools)
        expert = read_mix(self.stage.responses, self.tools) if (self.stage and self.comparison) else None
        if self.comparison is not None and self.stage is not None:
            self.comparison = compare_with_stage(self.chosen, self.stage, self.tools)
            self.feedback.value = comparison_html(self.comparison, self.stage, self.mix, self.tools)
        self.summary = self.chart.update(self.mix, expert)
        self.caption.value = f"<p>{escape(summarize(self.summary))}</p>"

    # --- callbacks ----------------------------------------------------------

    def _ticked(self, _ids) -> None:
        self.refresh()
        if self.on_change is not None:
            self.on_change(self.state())

    def graded_text(self) -> str:
        return f"Response planner: {self.summary}"


def response_planner(scenario: str | None = None, stage: int | None = None, chosen=()) -> ResponsePlanner:
    """The planner on its own, or for a scenario stage: ``response_planner(scenario="veldora", stage=3)``."""
    return ResponsePlanner(scenario, stage, chosen)


def strategy_table() -> widgets.HTML:
    """The four prevention strategies, with how many options serve each and a few examples."""
    box = toolbox()
    rows = []
    for s in box.strategies:
        serving = [o for o in box.options.values() if s.id in o.strategies]
        examples = "; ".join(o.name for o in serving[:3])
        rows.append(
            f"<tr><td>{escape(s.name)}</td><td>{escape(s.description)}</td><td>{len(serving)}</td>"
            f"<td>{escape(examples)}</td></tr>"
        )
    head = "<tr><th>Strategy</th><th>Aim</th><th>Options serving it</th><th>For example</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def pillar_table() -> widgets.HTML:
    """The three pillars of the responsibility to protect."""
    rows = "".join(
        f"<tr><td>{int(p.number)}</td><td>{escape(p.name)}</td><td>{escape(p.description)}</td></tr>"
        for p in load("r2p_pillars").sort_values("number").itertuples(index=False)
    )
    head = "<tr><th>Pillar</th><th>Name</th><th>What it means</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>")
