"""Risk-factor assessment: the UN Framework's 14 risk factors as a checklist.

The learner ticks the signs present in a situation, notes the evidence for each
factor, and sees which factors are engaged on a heat strip with a one-line text
summary. Given a scenario stage, the widget compares the learner's reading with
the expert's and explains every difference from the data: the factor's summary,
the indicators the expert saw, the stage's rationale and its wrong readings.

Only factors 7, 8, 9 and 13 have indicators in the course data (the others could
not yet be checked against the UN document), so for the other factors the
checklist offers the factor itself as one item. Everything shown comes from
``datasets/``: risk_factors, indicators, stages and wrong_readings.
"""

from __future__ import annotations

import base64
import calendar
import functools
import io
from dataclasses import dataclass
from html import escape
from typing import Callable

import ipywidgets as widgets

from ..data import load, split_items
from ..exercise import grading
from ..palette import OKABE_ITO, summarize
from ..paths import datasets_dir
from .checklist import WIDE, Checklist, Group

CRIME_NAMES = {"all": "all atrocity crimes", "genocide": "genocide",
               "crimes_against_humanity": "crimes against humanity", "war_crimes": "war crimes"}
LEVELS = ("low", "moderate", "high", "very_high")
LEVEL_LABELS = {"low": "Low", "moderate": "Moderate", "high": "High", "very_high": "Very high"}


# --- the framework and the scenario stages, from datasets/ --------------------


@dataclass(frozen=True)
class Factor:
    id: str
    number: int
    name: str
    kind: str  # common or specific
    crime: str
    summary: str
    items: tuple[tuple[str, str], ...]  # (indicator id or the factor's own id, text)

    @property
    def has_indicators(self) -> bool:
        return self.items[0][0] != self.id

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class Framework:
    factors: tuple[Factor, ...]

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)

    def item_text(self, item_id: str) -> str:
        factor = self.factor(factor_of(item_id))
        return dict(factor.items).get(item_id, factor.name)

    def ordered(self, factor_ids) -> list[str]:
        """Factor ids in the Framework's order (1 to 14)."""
        wanted = set(factor_ids)
        return [f.id for f in self.factors if f.id in wanted]


def factor_of(item_id: str) -> str:
    """The risk factor an item belongs to: 'RF7.3' -> 'RF7'; a factor id is its own."""
    return str(item_id).split(".")[0]


def framework() -> Framework:
    return _framework(str(datasets_dir()))


@functools.lru_cache(maxsize=4)
def _framework(_root: str) -> Framework:
    indicators = load("indicators").sort_values(["factor_id", "number"])
    factors = []
    for row in load("risk_factors").sort_values("number").itertuples(index=False):
        mine = indicators[indicators["factor_id"] == row.id]
        items = tuple((i.id, i.text) for i in mine.itertuples(index=False))
        items = items or ((row.id, f"{row.name} (the factor as a whole)"),)
        factors.append(Factor(row.id, int(row.number), row.name, row.kind, row.crime, row.summary, items))
    return Framework(tuple(factors))


@dataclass(frozen=True)
class Stage:
    """One stage of a scenario and the expert's reading of it."""

    scenario_id: str
    number: int
    month: str
    title: str
    sitrep: str
    injects: tuple[str, ...]
    items: tuple[str, ...]  # indicators (or factors) present, as the expert reads them
    factors: tuple[str, ...]  # factors the expert sees engaged, in Framework order
    risk_level: str
    rationale: str
    responses: tuple[str, ...]
    outcome: str
    wrong: tuple[tuple[str, str], ...]  # (plausible reading, why it is wrong)

    @property
    def when(self) -> str:
        return month_name(self.month)


def months_between(first: str, later: str) -> int:
    """Whole months from ``first`` to ``later`` ('2022-01', '2022-05' -> 4)."""
    (y1, m1), (y2, m2) = (map(int, first.split("-")), map(int, later.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def month_name(month: str) -> str:
    """'2022-03' -> 'March 2022'."""
    year, number = str(month).split("-")
    return f"{calendar.month_name[int(number)]} {year}"


def scenario_ids() -> list[str]:
    return load("scenarios")["id"].tolist()


def scenario_stages(scenario_id: str) -> tuple[Stage, ...]:
    """The stages of a scenario, first to last; a one-sentence error for an unknown id."""
    known = scenario_ids()
    if scenario_id not in known:
        raise ValueError(f"There is no scenario '{scenario_id}'; the scenarios are: {', '.join(known)}.")
    return _stages(str(datasets_dir()), scenario_id)


@functools.lru_cache(maxsize=16)
def _stages(_root: str, scenario_id: str) -> tuple[Stage, ...]:
    rows = load("stages")
    rows = rows[rows["scenario_id"] == scenario_id].sort_values("stage")
    wrong = load("wrong_readings")
    order = framework().ordered
    stages = []
    for row in rows.itertuples(index=False):
        items = tuple(split_items(row.indicators_present))
        mine = wrong[(wrong["scenario_id"] == scenario_id) & (wrong["stage"] == row.stage)]
        stages.append(Stage(
            scenario_id, int(row.stage), row.month, row.title, row.sitrep, tuple(split_items(row.injects)),
            items, tuple(order(set(split_items(row.expert_factors)) | {factor_of(i) for i in items})),
            row.risk_level, row.rationale, tuple(split_items(row.recommended_responses)), row.outcome_note,
            tuple((w.reading, w.why_wrong) for w in mine.itertuples(index=False)),
        ))
    return tuple(stages)


def stage_reading(scenario_id: str, stage: int) -> Stage:
    stages = scenario_stages(scenario_id)
    for candidate in stages:
        if candidate.number == int(stage):
            return candidate
    raise ValueError(f"Scenario '{scenario_id}' has stages 1 to {len(stages)}; there is no stage {stage}.")


# --- comparing a learner's reading with the expert's --------------------------


@dataclass(frozen=True)
class Comparison:
    agreed: tuple[str, ...]
    missed: tuple[str, ...]  # factors the expert sees and the learner did not mark
    extra: tuple[str, ...]  # factors the learner marked and the expert does not see
    unticked: tuple[str, ...]  # the expert's items, in factors both marked, the learner left out

    @property
    def verdict(self) -> str:
        return "Correct." if not self.missed and not self.extra else "Not quite."


def engaged(marked, fw: Framework | None = None) -> list[str]:
    """The factors engaged by the marked items, in Framework order."""
    return (fw or framework()).ordered({factor_of(i) for i in marked})


def compare(marked, stage: Stage) -> Comparison:
    fw = framework()
    mine = set(engaged(marked, fw))
    expert = set(stage.factors)
    agreed = set(mine & expert)
    checkable = {item for f in agreed for item, _ in fw.factor(f).items}
    unticked = [i for i in stage.items if factor_of(i) in agreed and i in checkable and i not in set(marked)]
    return Comparison(tuple(fw.ordered(agreed)), tuple(fw.ordered(expert - mine)),
                      tuple(fw.ordered(mine - expert)), tuple(unticked))


def comparison_html(comparison: Comparison, stage: Stage) -> str:
    """The comparison in words: a verdict first, then every difference explained."""
    fw = framework()
    total = len(stage.factors)
    head = (f"<p role='status'><strong>{comparison.verdict}</strong> You and the expert agree on "
            f"{len(comparison.agreed)} of the {total} factors the expert sees in {escape(stage.when)}")
    head += f"; you marked {len(comparison.extra)} the expert does not.</p>" if comparison.extra else ".</p>"
    lines = [_missed_line(fw.factor(f), stage, fw) for f in comparison.missed]
    lines += [_extra_line(fw.factor(f)) for f in comparison.extra]
    if comparison.agreed:
        names = ", ".join(escape(fw.factor(f).label) for f in comparison.agreed)
        lines.append(f"<li><strong>Agreed:</strong> {names}.</li>")
    lines += [f"<li><strong>Also present:</strong> {escape(i)} {escape(fw.item_text(i))}</li>"
              for i in comparison.unticked]
    parts = [head, f"<ul>{''.join(lines)}</ul>",
             f"<p><strong>The expert's reading:</strong> {escape(stage.rationale)}</p>"]
    if stage.wrong:
        wrong = "".join(f"<li>“{escape(r)}” {escape(why)}</li>" for r, why in stage.wrong)
        parts.append(f"<p><strong>Readings that look right but are not:</strong></p><ul>{wrong}</ul>")
    return "".join(parts)


def _missed_line(factor: Factor, stage: Stage, fw: Framework) -> str:
    seen = [i for i in stage.items if factor_of(i) == factor.id and i != factor.id]
    signs = "; ".join(f"{escape(i)} {escape(fw.item_text(i).rstrip('.'))}" for i in seen)
    where = f" In this report: {signs}." if seen else ""
    return f"<li><strong>Missed:</strong> {escape(factor.label)}. {escape(factor.summary)}{where}</li>"


def _extra_line(factor: Factor) -> str:
    return (f"<li><strong>Extra:</strong> {escape(factor.label)}. {escape(factor.summary)} The expert does "
            "not see this factor at this stage: what in the report shows it? Compare with the expert's "
            "reading and the misreadings below.</li>")


# --- the heat strip -----------------------------------------------------------


HEAT = [  # by number of signs marked under a factor: colour, hatch, legend
    ("#FFFFFF", "", "none"),
    (OKABE_ITO["sky_blue"], "..", "1 sign (dotted)"),
    (OKABE_ITO["orange"], "//", "2 signs (striped)"),
    (OKABE_ITO["vermillion"], "xx", "3 or more (cross-hatched)"),
]
EXPERT_CELL = (OKABE_ITO["bluish_green"], "\\\\")
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}  # keeps labels readable over hatching
_BACKGROUNDS: dict = {}  # the strip's static pixels, shared by every strip


class HeatStrip:
    """One row per reader (you, and the expert once compared), one cell per factor.

    The axes, ticks, titles and every cell in its empty look (white, a dash) are
    drawn once and kept as a background image; an update redraws only the filled
    cells and their labels on top of it (matplotlib's blitting), which keeps a
    click well under the 50 ms budget (see benchmarks/).
    """

    def __init__(self, fw: Framework):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle

        self.fw = fw
        n = len(fw.factors)
        self.figure = Figure(figsize=(9, 1.9), dpi=72)
        self.canvas = FigureCanvasAgg(self.figure)
        ax = self.figure.add_axes([0.08, 0.3, 0.9, 0.5])
        self.ax = ax
        self.cells, self.labels = {}, {}
        for row in (0, 1):  # 0: expert, 1: you
            for col, factor in enumerate(fw.factors):
                ax.add_patch(Rectangle((col, row), 1, 1, facecolor="white", edgecolor="black", linewidth=0.8))
                ax.text(col + 0.5, row + 0.5, "–", ha="center", va="center", fontsize=9, fontweight="bold",
                        bbox=LABEL_BOX, clip_on=True)  # the empty look, part of the background
                cell = Rectangle((col, row), 1, 1, facecolor="white", edgecolor="black", linewidth=0.8,
                                 animated=True)
                ax.add_patch(cell)
                self.cells[row, factor.id] = cell
                self.labels[row, factor.id] = ax.text(col + 0.5, row + 0.5, "", ha="center", va="center",
                                                      fontsize=9, fontweight="bold", bbox=LABEL_BOX,
                                                      animated=True)
        ax.set_xlim(0, n)
        ax.set_xticks([c + 0.5 for c in range(n)], [str(f.number) for f in fw.factors], fontsize=9)
        ax.set_yticks([0.5, 1.5], ["Expert", "You"], fontsize=9)
        ax.tick_params(length=0)
        common = sum(1 for f in fw.factors if f.kind == "common")
        ax.axvline(common, color="black", linewidth=2.5)
        ax.set_xlabel("Risk factor (UN Framework number)", fontsize=9)
        ax.set_title(f"Left of the thick line: common factors 1-{common}; right: specific factors",
                     fontsize=9, loc="left")
        for side in ax.spines.values():
            side.set_visible(False)
        self.with_expert = False
        self.data: list[dict] = []
        self.filled: set = set()  # (row, factor id) of the cells that differ from the empty look

    def update(self, marked, expert_factors=None) -> None:
        counts = {f.id: 0 for f in self.fw.factors}
        for item in marked:
            counts[factor_of(item)] = counts.get(factor_of(item), 0) + 1
        expert = set(expert_factors or [])
        self.with_expert = expert_factors is not None
        self.data = [{"factor": f.id, "number": f.number, "marked": counts[f.id], "items": len(f.items),
                      "expert": (f.id in expert) if self.with_expert else None}
                     for f in self.fw.factors]
        for row in self.data:
            colour, hatch, _ = HEAT[min(row["marked"], 3)]
            self._paint(1, row["factor"], colour, hatch, str(row["marked"]) if row["marked"] else "–")
            colour, hatch = EXPERT_CELL if row["expert"] else ("#FFFFFF", "")
            self._paint(0, row["factor"], colour, hatch, "✓" if row["expert"] else "–")

    def _paint(self, row, factor_id, colour, hatch, text) -> None:
        (self.filled.add if text != "–" else self.filled.discard)((row, factor_id))
        cell = self.cells[row, factor_id]
        cell.set_facecolor(colour)
        cell.set_hatch(hatch)
        self.labels[row, factor_id].set_text(text)

    def _background(self):
        """The static parts, drawn once per process for each layout (with or without the
        expert's row): every strip of the same framework looks the same underneath."""
        key = (tuple((f.number, f.kind) for f in self.fw.factors), self.with_expert)
        if key not in _BACKGROUNDS:
            self.ax.set_ylim(0 if self.with_expert else 1, 2)
            self.canvas.draw()  # animated artists (cells, labels) are left out
            _BACKGROUNDS[key] = self.canvas.copy_from_bbox(self.figure.bbox)
        return _BACKGROUNDS[key]

    def png(self) -> bytes:
        background = self._background()
        self.ax.set_ylim(0 if self.with_expert else 1, 2)
        self.canvas.restore_region(background)
        rows = (0, 1) if self.with_expert else (1,)
        filled = [key for key in self.filled if key[0] in rows]
        for key in filled:
            self.ax.draw_artist(self.cells[key])
        for key in filled:
            self.ax.draw_artist(self.labels[key])
        return canvas_png(self.canvas)


def canvas_png(canvas) -> bytes:
    """The canvas as PNG bytes, encoded straight from its pixels (no second draw)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(
        buffer, format="png", compress_level=3)
    return buffer.getvalue()


def figure_html(png: bytes, summary: str) -> str:
    """An image with alt text and the one-line summary under it."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure style="margin:0"><img alt="{escape(summary)}" style="max-width:100%" '
            f'src="data:image/png;base64,{data}"/>'
            f"<figcaption>{escape(summarize(summary))}</figcaption></figure>")


def strip_summary(data: list[dict], fw: Framework) -> str:
    marked = [row for row in data if row["marked"]]
    signs = sum(row["marked"] for row in data)
    if not marked:
        text = f"You have marked no signs yet under the {len(data)} risk factors."
    else:
        factors = ", ".join(f"{r['number']} {fw.factor(r['factor']).name} ({r['marked']})" for r in marked)
        plural = "s" if signs != 1 else ""
        text = f"You marked {signs} sign{plural} under {len(marked)} of {len(data)} factors: {factors}."
    if data and data[0]["expert"] is not None:
        expert = [str(row["number"]) for row in data if row["expert"]]
        text += f" The expert sees factors {', '.join(expert)}."
    return text


# --- the widget -----------------------------------------------------------------


class RiskAssessment:
    """The checklist, evidence notes, heat strip and (for a scenario stage) the comparison.

    State is in plain attributes: ``marked`` (item ids), ``notes`` (factor id ->
    text) and ``comparison`` (None until compared). ``on_change(state)`` is
    called after each change, for a caller that saves progress.
    """

    def __init__(self, scenario_id: str | None = None, stage: int | None = None,
                 on_change: Callable[[dict], None] | None = None, show_report: bool = False,
                 show_compare: bool = True):
        self.fw = framework()
        self.on_change = on_change
        self._quiet = False  # True while a saved state is shown: no call back
        self.explain = True  # whether a comparison is explained in words under the strip
        self.stage = stage_reading(scenario_id, stage) if scenario_id else None
        self.comparison: Comparison | None = None
        self.note_boxes = {f.id: self._note_box(f) for f in self.fw.factors}
        self.checklist = Checklist([self._group(f) for f in self.fw.factors], on_change=self._marked)
        self.strip = HeatStrip(self.fw)
        self.chart = widgets.HTML(layout=WIDE)
        self.feedback = widgets.HTML(layout=WIDE)
        self.report = widgets.HTML(layout=WIDE)
        self.compare_button = widgets.Button(description="Compare with the expert", icon="balance-scale",
                                             tooltip="Show how the expert read this situation",
                                             layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.compare_button.on_click(lambda _button: self.compare())
        self.compare_button.layout.display = None if (self.stage and show_compare) else "none"
        self.show_report = show_report
        intro = widgets.HTML("<p>Open a factor, tick each sign you see in the report, and note your "
                             "evidence. Use <strong>Tab</strong> to move and <strong>Space</strong> to tick.</p>")
        self.box = widgets.VBox([self.report, intro, self.checklist.box, self.chart, self.compare_button,
                                 self.feedback], layout=WIDE)
        self._show_report()
        self.refresh()

    def _group(self, factor: Factor) -> Group:
        where = CRIME_NAMES.get(factor.crime, factor.crime)
        kind = "Common to all atrocity crimes" if factor.kind == "common" else f"Specific to {where}"
        note = "" if factor.has_indicators else (
            " <em>The course lists this factor as one item: its indicators are not reproduced here.</em>")
        intro = f"<p><strong>{escape(kind)}.</strong> {escape(factor.summary)}{note}</p>"
        return Group(factor.id, factor.label, factor.items, intro=intro, extra=(self.note_boxes[factor.id],))

    def _note_box(self, factor: Factor) -> widgets.Textarea:
        box = widgets.Textarea(description="Evidence:", placeholder=f"What shows factor {factor.number}?",
                               continuous_update=False, layout=widgets.Layout(width="95%", height="4em"))
        box.observe(lambda _change: self._changed(), names="value")
        return box

    # --- state ------------------------------------------------------------

    @property
    def marked(self) -> list[str]:
        return self.checklist.value

    @property
    def notes(self) -> dict[str, str]:
        return {fid: box.value for fid, box in self.note_boxes.items() if box.value.strip()}

    def engaged(self) -> list[str]:
        return engaged(self.marked, self.fw)

    def state(self) -> dict:
        return {"marked": self.marked, "notes": self.notes}

    def set_state(self, state: dict | None, refresh: bool = True) -> None:
        """Show a saved state (without calling back): ticks and notes."""
        state = state or {}
        self.checklist.set_value(state.get("marked") or [])
        notes = state.get("notes") or {}
        self._quiet = True
        try:
            for fid, box in self.note_boxes.items():
                box.value = str(notes.get(fid, ""))
        finally:
            self._quiet = False
        if refresh:
            self.refresh()

    def set_stage(self, scenario_id: str, stage: int) -> None:
        """Point the widget at another stage; the comparison is cleared."""
        self.stage = stage_reading(scenario_id, stage)
        self.comparison = None
        self.feedback.value = ""
        self._show_report()

    def load_stage(self, scenario_id: str, stage: int, state: dict | None, compared: bool = False) -> None:
        """Another stage and the learner's saved state for it, redrawn once."""
        self.set_stage(scenario_id, stage)
        self.set_state(state, refresh=False)
        if compared:
            self.compare(explain=False)
        else:
            self.refresh()

    def set_disabled(self, disabled: bool) -> None:
        self.checklist.set_disabled(disabled)
        for box in self.note_boxes.values():
            box.disabled = disabled

    # --- actions ------------------------------------------------------------

    def compare(self, explain: bool = True) -> Comparison:
        """Compare with the expert's reading of the stage: the strip gains the expert's
        row and, if ``explain``, the differences are explained under it."""
        if self.stage is None:
            raise ValueError("Compare needs a scenario stage, e.g. RiskAssessment('veldora', 1).")
        self.explain = explain
        self.comparison = compare(self.marked, self.stage)
        self.feedback.value = comparison_html(self.comparison, self.stage) if explain else ""
        self.refresh()
        return self.comparison

    def refresh(self) -> None:
        """Redraw the heat strip and its summary."""
        expert = self.stage.factors if (self.stage and self.comparison) else None
        self.strip.update(self.marked, expert)
        self.summary = strip_summary(self.strip.data, self.fw)
        self.chart.value = figure_html(self.strip.png(), self.summary)

    # --- callbacks ----------------------------------------------------------

    def _marked(self, _ids) -> None:
        if self.comparison is not None:
            self.comparison = compare(self.marked, self.stage)
            self.feedback.value = comparison_html(self.comparison, self.stage) if self.explain else ""
        self.refresh()
        self._changed()

    def _changed(self) -> None:
        if not self._quiet and self.on_change is not None:
            self.on_change(self.state())

    def _show_report(self) -> None:
        if self.show_report and self.stage:
            self.report.value = report_html(self.stage)

    def _ipython_display_(self) -> None:
        if grading():
            print(f"Risk-factor assessment: {self.summary}")
            return
        from IPython.display import display

        display(self.box)


def report_html(stage: Stage, heading: bool = True) -> str:
    """A stage's situation report and the new events in it."""
    injects = "".join(f"<li>{escape(i)}</li>" for i in stage.injects)
    title = f"<h4>{escape(stage.title)} ({escape(stage.when)})</h4>" if heading else ""
    return (f"{title}<p>{escape(stage.sitrep)}</p>"
            + (f"<p><strong>New this month:</strong></p><ul>{injects}</ul>" if injects else ""))


def risk_assessment() -> RiskAssessment:
    """The checklist on its own, for any situation the learner has in mind."""
    return RiskAssessment()


def assess_scenario(scenario_id: str, stage: int = 1) -> RiskAssessment:
    """A scenario stage's report, the checklist, and a button to compare with the expert."""
    return RiskAssessment(scenario_id, stage, show_report=True)


def risk_factor_table() -> widgets.HTML:
    """The 14 risk factors, common then specific, as a table read from the data."""
    rows = []
    for f in framework().factors:
        where = "all" if f.kind == "common" else CRIME_NAMES.get(f.crime, f.crime)
        signs = f"{len(f.items)} indicators listed" if f.has_indicators else "shown as one item"
        rows.append(f"<tr><td>{f.number}</td><td>{escape(f.name)}</td><td>{escape(f.kind)}</td>"
                    f"<td>{escape(where)}</td><td>{escape(f.summary)}</td><td>{signs}</td></tr>")
    head = ("<tr><th>No.</th><th>Risk factor</th><th>Kind</th><th>Crimes</th><th>In short</th>"
            "<th>In this course</th></tr>")
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
