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
prevention_strategies, r2p_pillars and the scenario stages.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass, replace
from html import escape
from typing import Callable

import ipywidgets as widgets

from ..data import load, resource, split_items
from ..exercise import grading
from ..palette import OKABE_ITO, summarize
from ..paths import datasets_dir
from .assessment import Stage, report_html, stage_reading
from .checklist import WIDE, Checklist, Group

FAST_BANDS = 2  # the first two time bands (days, weeks) count as acting soon


# --- the toolbox, from datasets/ ------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    category: str
    strategies: tuple[str, ...]
    actors: tuple[str, ...]
    time: str  # a time band: days, weeks, months or years
    description: str
    risks: str

    @property
    def label(self) -> str:
        return f"{self.id} {self.name} · {self.time} · {', '.join(self.strategies)}"


@dataclass(frozen=True)
class Strategy:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Toolbox:
    options: dict  # id -> Option, in id order
    strategies: tuple[Strategy, ...]
    categories: tuple[str, ...]  # in the order of the schema's enum
    actors: tuple[str, ...]
    bands: tuple[str, ...]  # fastest first

    def strategy(self, strategy_id: str) -> Strategy:
        return next(s for s in self.strategies if s.id == strategy_id)


def words(identifier: str) -> str:
    """'multilateral_body' -> 'multilateral body'."""
    return identifier.replace("_", " ")


def toolbox() -> Toolbox:
    return _toolbox(str(datasets_dir()))


@functools.lru_cache(maxsize=4)
def _toolbox(_root: str) -> Toolbox:
    rows = load("response_options").sort_values("id")
    options = {r.id: Option(r.id, r.name, r.category, tuple(split_items(r.strategies)), tuple(split_items(r.actors)),
                            r.time_to_effect, r.description, r.risks) for r in rows.itertuples(index=False)}
    listed = load("prevention_strategies").itertuples(index=False)
    strategies = tuple(Strategy(r.id, r.name, r.description) for r in listed)
    # The schema's enums give the categories, actors and time bands in their natural order.
    enums = {f["name"]: tuple(f["constraints"]["enum"]) for f in resource("response_options")["schema"]["fields"]
             if "enum" in f.get("constraints", {})}
    return Toolbox(options, strategies, enums["category"], enums["actors"], enums["time_to_effect"])


# --- reading a mix ------------------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    chosen: tuple[str, ...]
    covered: tuple[str, ...]  # strategy ids, in framework order
    uncovered: tuple[str, ...]
    actors: dict  # actor -> option ids, in schema order, only actors used
    bands: dict  # band -> option ids, every band
    fastest: str | None
    slowest: str | None
    warnings: tuple[str, ...]


def read_mix(chosen, box: Toolbox | None = None) -> Mix:
    """What a mix of option ids covers, who carries it, how soon it acts, and warnings about it."""
    box = box or toolbox()
    chosen = tuple(i for i in box.options if i in set(chosen))
    options = [box.options[i] for i in chosen]
    served = {s for o in options for s in o.strategies}
    covered = tuple(s.id for s in box.strategies if s.id in served)
    uncovered = tuple(s.id for s in box.strategies if s.id not in served)
    actors = {a: [o.id for o in options if a in o.actors] for a in box.actors}
    bands = {b: [o.id for o in options if o.time == b] for b in box.bands}
    used = [b for b in box.bands if bands[b]]
    mix = Mix(chosen, covered, uncovered, {a: ids for a, ids in actors.items() if ids}, bands,
              used[0] if used else None, used[-1] if used else None, ())
    return replace(mix, warnings=tuple(mix_warnings(mix, box)))


def mix_warnings(mix: Mix, box: Toolbox) -> list[str]:
    """Warnings about the mix as a whole, in words built from the data's own names."""
    if not mix.chosen:
        return []
    fast, slow = box.bands[:FAST_BANDS], box.bands[FAST_BANDS:]
    out = []
    if mix.fastest in slow:
        out.append(f"Every option you chose takes {' or '.join(slow)}: nothing acts in the next "
                   f"{' or '.join(fast)}.")
    elif mix.slowest in fast:
        out.append(f"Every option you chose acts within {' or '.join(fast)}: nothing works on the deeper "
                   f"causes, which take {' or '.join(slow)}.")
    for sid in mix.uncovered:
        strategy = box.strategy(sid)
        aim = strategy.description[:1].lower() + strategy.description[1:]
        out.append(f"No option in your mix serves “{strategy.name}”, which aims to {aim}")
    if len(mix.chosen) > 1 and len(mix.actors) == 1:
        actor = words(next(iter(mix.actors)))
        out.append(f"Only one kind of actor, {actor}, carries the whole mix: if it loses access or will, "
                   "nothing else moves.")
    return out


@dataclass(frozen=True)
class StageComparison:
    shared: tuple[str, ...]
    missing: tuple[str, ...]  # recommended by the expert, not chosen
    extra: tuple[str, ...]  # chosen, not recommended
    expert_covered: tuple[str, ...]  # strategies the expert's mix serves

    @property
    def verdict(self) -> str:
        if not self.missing and not self.extra:
            return "Matched."
        return "Overlap." if self.shared else "Different."


def compare_with_stage(chosen, stage: Stage, box: Toolbox | None = None) -> StageComparison:
    box = box or toolbox()
    mine, expert = set(chosen), set(stage.responses)
    order = list(box.options)
    ordered = lambda ids: tuple(i for i in order if i in ids)  # noqa: E731
    return StageComparison(ordered(mine & expert), ordered(expert - mine), ordered(mine - expert),
                           read_mix(expert, box).covered)


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
        f"<li><strong>Time to effect:</strong> fastest {escape(mix.fastest)}, slowest {escape(mix.slowest)}.</li></ul>",
    ]
    if mix.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in mix.warnings)
        parts.append(f"<p><strong>Warnings about the mix:</strong></p><ul>{items}</ul>")
    risks = "".join(f"<li><strong>{escape(o.id)} {escape(o.name)}:</strong> {escape(o.risks)}</li>"
                    for o in (box.options[i] for i in mix.chosen))
    parts.append(f"<p><strong>Risks of each option:</strong></p><ul>{risks}</ul>")
    return "".join(parts)


def comparison_html(comparison: StageComparison, stage: Stage, mix: Mix, box: Toolbox) -> str:
    """The mix beside the expert's recommended responses, every difference explained."""
    total = len(stage.responses)
    named = lambda i: f"{i} {box.options[i].name}"  # noqa: E731
    lines = [f"<p role='status'><strong>{comparison.verdict}</strong> Your mix shares {len(comparison.shared)} "
             f"of the expert's {total} recommended options for {escape(stage.title)} ({escape(stage.when)}).</p><ul>"]
    if comparison.shared:
        lines.append(f"<li><strong>Shared:</strong> {escape('; '.join(named(i) for i in comparison.shared))}.</li>")
    lines += [f"<li><strong>The expert also recommends</strong> {escape(named(i))} ({escape(box.options[i].time)}; "
              f"{escape(', '.join(box.options[i].strategies))}): {escape(box.options[i].description)}</li>"
              for i in comparison.missing]
    lines += [f"<li><strong>You chose, the expert did not:</strong> {escape(named(i))}. Not wrong in itself: "
              f"check how soon it acts and its risks at this stage.</li>" for i in comparison.extra]
    gaps = [s for s in comparison.expert_covered if s not in mix.covered]
    if gaps:
        lines.append(f"<li><strong>The expert's mix also serves:</strong> "
                     f"{escape(', '.join(box.strategy(s).name for s in gaps))}.</li>")
    lines.append(f"</ul><p><strong>The expert's reading of this stage</strong> (risk: "
                 f"{escape(words(stage.risk_level))}): {escape(stage.rationale)}</p>")
    return "".join(lines)


# --- the chart ----------------------------------------------------------------------

YOU_STYLE = {"color": OKABE_ITO["blue"], "hatch": "//", "edgecolor": "black"}
EXPERT_STYLE = {"color": OKABE_ITO["bluish_green"], "hatch": "..", "edgecolor": "black"}


class TimeChart:
    """Options per time band: your mix, and the expert's once compared.

    The bars are made once. A click only changes their heights and labels, and
    is drawn by blitting them over the saved background (axes, ticks, legend):
    a full draw happens only when the y scale, the legend or the title change.
    That keeps a click well under the 50 ms budget (see benchmarks/).
    """

    def __init__(self, bands: tuple[str, ...]):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator

        self.bands = bands
        self.figure = Figure(figsize=(7.0, 2.8), dpi=80)
        self.canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.2)  # fixed: no re-layout per click
        ax = self.ax = self.figure.add_subplot()
        self.widget = widgets.HTML(layout=WIDE)
        x = range(len(bands))
        self.you = ax.bar([i - 0.2 for i in x], [0] * len(bands), width=0.4, label="Your mix", **YOU_STYLE)
        self.expert = ax.bar([i + 0.2 for i in x], [0] * len(bands), width=0.4, label="Expert's mix", **EXPERT_STYLE)
        self.you_labels = [ax.text(i - 0.2, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.expert_labels = [ax.text(i + 0.2, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.moving = [*self.you, *self.expert, *self.you_labels, *self.expert_labels]
        for artist in self.moving:
            artist.set_animated(True)  # left out of full draws; blitted on top
        ax.set_xticks(list(x), [b.capitalize() for b in bands])
        ax.set_xlabel("Time to take effect", fontsize=9)
        ax.set_ylabel("Options", fontsize=9)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of options are whole numbers
        ax.spines[["top", "right"]].set_visible(False)
        self.legend = ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.title = ax.set_title("", fontsize=9, loc="left")
        self.data: list[dict] = []
        self._background = None
        self._drawn_for = None  # (top, expert shown) of the saved background

    def update(self, mix: Mix, expert: Mix | None = None) -> str:
        """Redraw for ``mix`` (and ``expert``); return the one-line summary."""
        self.data = [{"band": b, "chosen": len(mix.bands[b]), "options": list(mix.bands[b]),
                      "expert": len(expert.bands[b]) if expert else None} for b in self.bands]
        for row, bar, label in zip(self.data, self.you, self.you_labels):
            self._set(bar, label, row["chosen"], True)
        for row, bar, label in zip(self.data, self.expert, self.expert_labels):
            self._set(bar, label, row["expert"] or 0, expert is not None)
        # Head room of at least 4, so the scale (and a full draw) changes only now and then.
        top = max([3] + [row["chosen"] for row in self.data] + [row["expert"] or 0 for row in self.data]) + 1
        self._draw((top, expert is not None))
        summary = chart_summary(self.data, mix)
        self.widget.value = image_html(self.png(), summary)
        return summary

    @staticmethod
    def _set(bar, label, height: int, visible: bool) -> None:
        bar.set_height(height)
        bar.set_visible(visible)
        label.set_y(height)
        label.set_text(str(height) if visible else "")

    def _draw(self, key: tuple) -> None:
        if key != self._drawn_for:
            top, compared = key
            self.ax.set_ylim(0, top)
            self.legend.set_visible(compared)
            self.title.set_text("How soon your options act" + (", beside the expert's" if compared else ""))
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._drawn_for = key
        else:
            self.canvas.restore_region(self._background)
        for artist in self.moving:
            self.ax.draw_artist(artist)

    def png(self) -> bytes:
        """The canvas as it stands (after :meth:`update`), as PNG."""
        from PIL import Image

        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)  # fastest; flat colours compress anyway
        return buffer.getvalue()


def image_html(png: bytes, alt: str) -> str:
    """The chart as an image whose alt text is its summary, for screen readers."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" style="max-width:100%;height:auto">'


def chart_summary(data: list[dict], mix: Mix) -> str:
    counts = ", ".join(f"{row['band']} {row['chosen']}" for row in data)
    text = f"Your {len(mix.chosen)} option{'s' if len(mix.chosen) != 1 else ''} by time to effect: {counts}"
    text += f"; fastest {mix.fastest}, slowest {mix.slowest}." if mix.chosen else "."
    if data and data[0]["expert"] is not None:
        text += " The expert's: " + ", ".join(f"{row['band']} {row['expert']}" for row in data) + "."
    return text


# --- the widget -------------------------------------------------------------------


class ResponsePlanner:
    """Checkboxes by category, two filters, the reading of the mix and its chart.

    State is in plain attributes: ``chosen`` (option ids), ``mix`` (its Mix),
    ``stage`` (None without a scenario) and ``comparison`` (None until
    compared). ``on_change(state)`` is called after each change.
    """

    def __init__(self, scenario: str | None = None, stage: int | None = None, chosen=(),
                 on_change: Callable[[dict], None] | None = None):
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
            description="Show options that serve:", style={"description_width": "initial"})
        self.actor_filter = widgets.Dropdown(
            options=[("Anyone", "")] + [(words(a).capitalize(), a) for a in self.tools.actors],
            description="Who acts:", style={"description_width": "initial"})
        for control in (self.strategy_filter, self.actor_filter):
            control.observe(lambda _change: self.apply_filters(), names="value")
        self.shown = widgets.HTML()
        self.report = widgets.HTML(layout=WIDE)
        self.chart = TimeChart(self.tools.bands)
        self.caption = widgets.HTML(layout=WIDE)
        self.feedback = widgets.HTML(layout=WIDE)
        self.compare_button = widgets.Button(description="Compare with the expert", icon="balance-scale",
                                             tooltip="Show the expert's recommended responses for this stage",
                                             layout=widgets.Layout(width="auto"))
        self.compare_button.layout.display = None if self.stage else "none"
        self.compare_button.on_click(lambda _button: self.compare())
        self.box = widgets.VBox([self._intro(), widgets.HBox([self.strategy_filter, self.actor_filter]), self.shown,
                                 self.checklist.box, self.report, self.chart.widget, self.caption,
                                 self.compare_button, self.feedback], layout=WIDE)
        self.checklist.set_value(list(chosen))
        self.apply_filters()
        self.refresh()

    def _groups(self) -> list[Group]:
        by_category = {c: [] for c in self.tools.categories}
        for option in self.tools.options.values():
            by_category[option.category].append((option.id, option.label))
        return [Group(c, words(c).capitalize(), tuple(items)) for c, items in by_category.items() if items]

    def _intro(self) -> widgets.HTML:
        report = report_html(self.stage) if self.stage else ""
        return widgets.HTML(report + "<p>Open a category and tick the options for your mix; each shows its id, "
                            "name, time to effect and the strategies it serves (hover for a description). Use "
                            "<strong>Tab</strong> to move and <strong>Space</strong> to tick.</p>", layout=WIDE)

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
                self.checklist.show(group.key, any(self.checklist.boxes[i].layout.display is None
                                                   for i, _label in group.items))
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
        if self.comparison is not None:
            self.comparison = compare_with_stage(self.chosen, self.stage, self.tools)
            self.feedback.value = comparison_html(self.comparison, self.stage, self.mix, self.tools)
        self.summary = self.chart.update(self.mix, expert)
        self.caption.value = f"<p>{escape(summarize(self.summary))}</p>"

    # --- callbacks ----------------------------------------------------------

    def _ticked(self, _ids) -> None:
        self.refresh()
        if self.on_change is not None:
            self.on_change(self.state())

    def _ipython_display_(self) -> None:
        if grading():
            print(f"Response planner: {self.summary}")
            return
        from IPython.display import display

        display(self.box)


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
        rows.append(f"<tr><td>{escape(s.name)}</td><td>{escape(s.description)}</td><td>{len(serving)}</td>"
                    f"<td>{escape(examples)}</td></tr>")
    head = "<tr><th>Strategy</th><th>Aim</th><th>Options serving it</th><th>For example</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")


def pillar_table() -> widgets.HTML:
    """The three pillars of the responsibility to protect."""
    rows = "".join(f"<tr><td>{int(p.number)}</td><td>{escape(p.name)}</td><td>{escape(p.description)}</td></tr>"
                   for p in load("r2p_pillars").sort_values("number").itertuples(index=False))
    head = "<tr><th>Pillar</th><th>Name</th><th>What it means</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>")
