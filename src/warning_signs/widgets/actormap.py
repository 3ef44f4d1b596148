"""Lesson 9's actor-and-tool map: assign tools to actors at each moment of a fictional crisis.

The learner picks a moment of the crisis (stages of Norvane, from Lesson 3),
an actor and a tool, and adds the action to the map. An actor that does not
use the tool is told so, with who does. The map lists every action with what
it needs (consent, a Security Council decision, a members' vote, local
partners) and how fast it acts; warnings say where consent is refused or the
Council blocked; a chart counts the actions per moment by speed.
**Compare with the expert** shows the expert's map for the moment, with reasons.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..charts import PlotImage
from ..knowledge import actors as model
from ..knowledge.scenario_calendar import month_name
from ..palette import OKABE_ITO, summarize
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
SPEED_STYLE = [
    (OKABE_ITO["bluish_green"], ""),
    (OKABE_ITO["sky_blue"], ".."),
    (OKABE_ITO["orange"], "//"),
    (OKABE_ITO["vermillion"], "xx"),
]
PATTERN_WORDS = ["plain", "dotted", "striped", "crossed"]


def speed_key(speeds: tuple[str, ...]) -> str:
    """The chart's key in HTML: each speed's colour swatch and its pattern in words."""
    items = []
    for (colour, _hatch), word, speed in zip(SPEED_STYLE, PATTERN_WORDS, speeds, strict=True):
        items.append(
            f'<span style="margin-right:1.5em"><span aria-hidden="true" style="display:inline-block;'
            f'width:1em;height:1em;background:{colour};border:1px solid black;vertical-align:middle">'
            f"</span> {speed} ({word})</span>"
        )
    return "".join(items)


OUTLOOK = {"likely": "likely", "uncertain": "uncertain", "refused": "refused", "blocked": "blocked"}


class SpeedChart:
    """Stacked bars: for each moment, the actions by how fast they act. Blitted over fixed axes."""

    def __init__(self, box: model.Map, moments: tuple[model.Moment, ...]):
        self.box, self.moments = box, moments
        self.plot = PlotImage(width=8.0, height=3.2, margins=dict(left=0.09, right=0.98, top=0.87, bottom=0.24))
        ax = self.plot.ax
        xs = list(range(len(moments)))
        self.stacks = []
        for (colour, hatch), speed in zip(SPEED_STYLE, box.speeds, strict=True):
            self.stacks.append(
                ax.bar(
                    xs,
                    [0] * len(xs),
                    width=0.6,
                    color=colour,
                    hatch=hatch,
                    edgecolor="black",
                    linewidth=0.8,
                    label=speed,
                )
            )
        self.totals = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=10) for x in xs]
        ax.set_xticks(xs, [f"Stage {m.stage}\n{m.label}" for m in moments], fontsize=10)
        ax.tick_params(axis="y", labelsize=10)
        ax.set_ylabel("Actions", fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_title("Your actions at each moment, by how fast they act", fontsize=11, loc="left")
        self.top: int | None = None
        self.plot.set_dynamic([bar for stack in self.stacks for bar in stack] + self.totals)
        self.data: list[dict] = []

    @property
    def widget(self) -> widgets.HTML:
        return self.plot.widget

    def update(self, reading: model.MapReading) -> str:
        self.data = [{"stage": m.stage, **reading.by_speed[m.stage]} for m in self.moments]
        bottoms = [0] * len(self.moments)
        for speed, stack in zip(self.box.speeds, self.stacks, strict=True):
            for i, (bar, row) in enumerate(zip(stack, self.data, strict=True)):
                bar.set_y(bottoms[i])
                bar.set_height(row[speed])
                bar.set_visible(row[speed] > 0)  # an empty hatched bar still costs a draw
                bottoms[i] += row[speed]
        for text, total in zip(self.totals, bottoms, strict=True):
            text.set_y(total)
            text.set_text(str(total) if total else "")
        top = max([4] + bottoms) + 1
        alt = speed_summary(self.data, self.box.speeds)
        if top != self.top:  # a new scale: the axes change, draw in full
            self.top = top
            self.plot.ax.set_ylim(0, top)
            self.plot.redraw(alt, reuse_labels=True)
        else:
            self.plot.refresh(alt)
        return alt


def speed_summary(data: list[dict], speeds: tuple[str, ...]) -> str:
    parts = []
    for row in data:
        counts = ", ".join(f"{row[s]} in {s}" for s in speeds if row[s])
        parts.append(f"stage {row['stage']}: {counts or 'none'}")
    return "Actions by how fast they act: " + "; ".join(parts) + "."


def moment_html(moment: model.Moment) -> str:
    return (
        f"<p role='status'><strong>Stage {moment.stage}, {month_name(moment.month)}: "
        f"“{escape(moment.title)}”.</strong> {escape(moment.brief)}</p><p>{escape(moment.context)} "
        f"<em>Consent of Norvane's government: {OUTLOOK[moment.consent]}. A Security Council decision: "
        f"{OUTLOOK[moment.council]}.</em></p>"
    )


def map_html(reading: model.MapReading, box: model.Map) -> str:
    if not reading.actions:
        return "<p><strong>Your map is empty.</strong> Choose a moment, an actor and a tool, then add it.</p>"
    rows = "".join(
        f"<tr><td>{stage}</td><td>{escape(box.actors[a].name)}</td><td>{escape(box.tools[t].name)}</td>"
        f"<td>{escape(model.needs_text(box.capabilities[(a, t)]))}</td><td>{box.capabilities[(a, t)].speed}</td></tr>"
        for stage, a, t in sorted(reading.actions, key=lambda action: action[0])
    )
    table = (
        "<table><thead><tr><th>Stage</th><th>Actor</th><th>Tool</th><th>Needs</th><th>Acts within</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )
    needs = "; ".join(f"{reading.by_need[n]} need {text}" for n, text in model.NEEDS.items())
    free = sum(1 for _s, a, t in reading.actions if not box.capabilities[(a, t)].needs)
    head = (
        f"<p role='status'><strong>Your map:</strong> {len(reading.actions)} action"
        f"{'s' if len(reading.actions) != 1 else ''}; {free} need nothing beyond the actor's own decision; "
        f"{escape(needs)}.</p>"
    )
    warnings = "".join(f"<li>{escape(w)}</li>" for w in reading.warnings)
    return head + table + (f"<p><strong>Warnings:</strong></p><ul>{warnings}</ul>" if warnings else "")


def comparison_html(comparison: model.MomentComparison, moment: model.Moment, box: model.Map) -> str:
    name = lambda a, t: f"{box.actors[a].name}: {box.tools[t].name}"  # noqa: E731
    total = len(comparison.shared) + len(comparison.missing)
    lines = [
        f"<p role='status'><strong>The expert's map for stage {moment.stage}.</strong> You share "
        f"{len(comparison.shared)} of the expert's {total} first actions.</p><ul>"
    ]
    lines += [
        f"<li><strong>Shared, {escape(name(e.actor_id, e.tool_id))}.</strong> {escape(e.reason)}</li>"
        for e in comparison.shared
    ]
    lines += [
        f"<li><strong>The expert also puts first {escape(name(e.actor_id, e.tool_id))}.</strong> "
        f"{escape(e.reason)}</li>"
        for e in comparison.missing
    ]
    lines += [
        f"<li><strong>You chose, the expert did not: {escape(name(a, t))}.</strong> Not wrong in itself: "
        f"check what it needs ({escape(model.needs_text(box.capabilities[(a, t)]))}) and how fast it acts "
        f"({box.capabilities[(a, t)].speed}) at this moment.</li>"
        for a, t in comparison.extra
    ]
    return "".join(lines) + "</ul>"


class ActorToolMap(CourseWidget):
    """The map. State: ``actions`` [(stage, actor, tool)], ``reading`` (a MapReading),
    ``last_check`` (the last Add's Check), ``compared`` (stages compared with the expert)."""

    def __init__(self, scenario_id: str = "norvane", actions=()):
        self.box = model.actor_map()
        self.scenario_id = scenario_id
        self.moments = tuple(m for m in self.box.moments if m.scenario_id == scenario_id)
        if not self.moments:
            raise KeyError(f"The map has no moments for the scenario '{scenario_id}'; try 'norvane'.")
        self.actions: list[tuple[int, str, str]] = []
        self.compared: list[int] = []
        self.last_check: model.Check | None = None
        self.comparison: model.MomentComparison | None = None
        label = {"description_width": "initial"}
        self.moment_picker = widgets.Dropdown(
            options=[(f"Stage {m.stage}, {month_name(m.month)}: {m.label}", m.stage) for m in self.moments],
            description="Moment:",
            style=label,
        )
        self.actor_picker = widgets.Dropdown(
            options=[(a.name, a.id) for a in self.box.actors.values()],
            description="Actor:",
            style=label,
            layout=widgets.Layout(width="95%"),
        )
        self.tool_picker = widgets.Dropdown(
            options=[(t.name, t.id) for t in self.box.tools.values()],
            description="Tool:",
            style=label,
            layout=widgets.Layout(width="95%"),
        )
        self.add_button = widgets.Button(description="Add to the map", icon="plus", layout=widgets.Layout(width="auto"))
        self.add_button.on_click(lambda _button: self.add(self.actor_picker.value, self.tool_picker.value))
        self.remove_picker = widgets.Dropdown(
            options=[], description="Remove an action:", style=label, layout=widgets.Layout(width="95%")
        )
        self.remove_button = widgets.Button(description="Remove it", icon="minus", layout=widgets.Layout(width="auto"))
        self.remove_button.on_click(lambda _button: self.remove(self.remove_picker.value))
        self.compare_button = widgets.Button(
            description="Compare this moment with the expert", icon="balance-scale", layout=widgets.Layout(width="auto")
        )
        self.compare_button.on_click(lambda _button: self.compare())
        self.moment_box, self.status = widgets.HTML(layout=WIDE), widgets.HTML(layout=WIDE)
        self.map_box, self.caption = widgets.HTML(layout=WIDE), widgets.HTML(layout=WIDE)
        self.feedback = widgets.HTML(layout=WIDE)
        self.chart = SpeedChart(self.box, self.moments)
        key = speed_key(self.box.speeds)
        self.moment_picker.observe(lambda _change: self._moment_changed(), names="value")
        super().__init__(
            [
                widgets.HTML(
                    "<p>Choose a moment, then an actor and a tool, and press <strong>Add to the "
                    "map</strong> (Tab to move, Enter to press).</p>"
                ),
                self.moment_picker,
                self.moment_box,
                self.actor_picker,
                self.tool_picker,
                self.add_button,
                self.status,
                self.map_box,
                self.remove_picker,
                self.remove_button,
                widgets.HTML(f"<p>Acts within: {key}</p>"),
                self.chart.widget,
                self.caption,
                self.compare_button,
                self.feedback,
            ],
            layout=WIDE,
        )
        for stage, actor_id, tool_id in actions:
            self.add(actor_id, tool_id, stage=stage, quiet=True)
        self.refresh()

    @property
    def moment(self) -> model.Moment:
        return self.box.moment(self.moment_picker.value, self.scenario_id)

    def add(self, actor_id: str, tool_id: str, stage: int | None = None, quiet: bool = False) -> model.Check:
        """Add an action at ``stage`` (the chosen moment by default), as the Add button does."""
        stage = self.moment_picker.value if stage is None else int(stage)
        check = model.check_action(actor_id, tool_id, self.box)
        self.last_check = check
        if check.ok and (stage, actor_id, tool_id) in self.actions:
            self.status.value = "<p role='status'>That action is already on the map at this moment.</p>"
        elif check.capability is not None:
            self.actions.append((stage, actor_id, tool_id))
            c = check.capability
            self.status.value = (
                f"<p role='status'>Added at stage {stage}: {escape(c.how)} Needs "
                f"{escape(model.needs_text(c))}; acts within {c.speed}.</p>"
            )
        else:
            self.status.value = f"<p role='status'><strong>Not added.</strong> {escape(check.message)}</p>"
        if not quiet:
            self.refresh()
        return check

    def remove(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.actions):
            self.status.value = "<p role='status'>Choose an action to remove first.</p>"
            return
        stage, actor_id, tool_id = self.actions.pop(index)
        self.status.value = (
            f"<p role='status'>Removed from stage {stage}: {escape(self.box.actors[actor_id].name)}, "
            f"{escape(self.box.tools[tool_id].name)}.</p>"
        )
        self.refresh()

    def compare(self, stage: int | None = None) -> model.MomentComparison:
        stage = self.moment_picker.value if stage is None else stage
        if stage not in self.compared:
            self.compared.append(stage)
        if stage != self.moment_picker.value:
            self.moment_picker.value = stage  # refreshes
        else:
            self.refresh()
        return model.compare_moment(self.actions, stage, self.box, self.scenario_id)

    def refresh(self) -> None:
        self.reading = model.read_map(self.actions, self.box, self.scenario_id)
        self.moment_box.value = moment_html(self.moment)
        self.map_box.value = map_html(self.reading, self.box)
        with self.quietly():
            self.remove_picker.options = [
                (f"Stage {s}: {self.box.actors[a].name}, {self.box.tools[t].name}", i)
                for i, (s, a, t) in enumerate(self.actions)
            ]
        self.summary = self.chart.update(self.reading)
        self.caption.value = f"<p>{escape(summarize(self.summary))}</p>"
        stage = self.moment_picker.value
        if stage in self.compared:
            self.comparison = model.compare_moment(self.actions, stage, self.box, self.scenario_id)
            self.feedback.value = comparison_html(self.comparison, self.moment, self.box)
        else:
            self.comparison = None
            self.feedback.value = ""

    def _moment_changed(self) -> None:
        self.status.value = ""
        self.refresh()


def actor_tool_map(scenario: str = "norvane") -> ActorToolMap:
    """The actor-and-tool map for a fictional crisis: ``actor_tool_map()``."""
    return ActorToolMap(scenario)


def actor_table() -> widgets.HTML:
    """Every actor with the tools it can use, what each needs and how fast it acts."""
    box = model.actor_map()
    rows = []
    for actor in box.actors.values():
        tools = "<br>".join(
            f"{escape(box.tools[t].name)} (needs {escape(model.needs_text(box.capabilities[(actor.id, t)]))}; "
            f"{box.capabilities[(actor.id, t)].speed})"
            for t in box.tools_of(actor.id)
        )
        rows.append(
            f"<tr><td><strong>{escape(actor.name)}</strong><br>{escape(actor.description)}</td><td>{tools}</td></tr>"
        )
    head = "<tr><th>Actor</th><th>Tools (what each needs; how soon it acts)</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>", layout=WIDE)
