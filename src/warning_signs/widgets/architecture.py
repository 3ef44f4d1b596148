"""Lesson 8's audit: rate a fictional ministry's prevention architecture, read the gap report.

The learner reads each element's audit file and rates it In place, Partial or
Missing. The gap report (from :mod:`warning_signs.knowledge.architecture`)
says what each gap costs in months of lead time, and what that means in a
Lesson 3 scenario: the stage the crisis has reached when the ministry first
responds, and the months left before the onset. A chart shows the months
each gap costs; **Compare with the expert's audit** adds the expert's
ratings, with reasons, and marks the expert's months on the chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import ipywidgets as widgets

from ..charts import PlotImage
from ..knowledge import architecture as model
from ..palette import OKABE_ITO, summarize
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
STYLE = {
    "missing": {"color": OKABE_ITO["vermillion"], "hatch": "//"},
    "partial": {"color": OKABE_ITO["orange"], "hatch": ".."},
}


class GapChart:
    """Horizontal bars, one per element: months of lead time its gap costs.

    The bars, their labels and the expert's markers are the only dynamic
    artists; the axes are drawn once and a change is blitted over them.
    """

    def __init__(self, elements: tuple[model.Element, ...]):
        self.elements = elements
        self.plot = PlotImage(width=8.6, height=3.9, margins=dict(left=0.44, right=0.97, top=0.88, bottom=0.16))
        ax = self.plot.ax
        ys = list(range(len(elements)))[::-1]  # the first element on top
        self.ys = ys
        self.bars = ax.barh(ys, [0] * len(elements), height=0.6, edgecolor="black", linewidth=0.8)
        (self.expert,) = ax.plot(
            [], [], linestyle="none", marker="D", markersize=8, color=OKABE_ITO["black"], label="Expert's audit"
        )
        ax.set_yticks(ys, [f"{e.number}. {e.name}" for e in elements], fontsize=10)
        top = max(e.months_missing for e in elements) + 1.5
        ax.set_xlim(0, top)
        ax.set_xticks(range(int(top) + 1))
        ax.tick_params(axis="x", labelsize=10)
        ax.set_xlabel("Months of lead time lost", fontsize=10)
        ax.xaxis.set_label_coords(0.5, -0.1)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_title("What each gap costs, in months", fontsize=11, loc="left")
        # Only the bars and the expert's markers move: drawing eight text labels per click cost more than
        # the 50 ms budget on a busy machine, so the months are in the key, the summary and the report.
        self.plot.set_dynamic([*self.bars, self.expert])
        self.data: list[dict] = []

    @property
    def widget(self) -> widgets.HTML:
        return self.plot.widget

    def update(self, ratings: dict, expert: dict | None) -> str:
        self.data = []
        for element, bar in zip(self.elements, self.bars, strict=True):
            status = ratings.get(element.id)
            months = element.months(status)
            style = STYLE.get(status or "", {"color": OKABE_ITO["sky_blue"], "hatch": ""})
            bar.set_width(months)
            bar.set_visible(months > 0)  # an empty hatched bar still costs a draw
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
            row = {
                "element": element.id,
                "status": status,
                "months": months,
                "expert_months": element.months(expert[element.id]) if expert else None,
            }
            self.data.append(row)
        if expert:
            self.expert.set_data([r["expert_months"] for r in self.data], self.ys)
        self.expert.set_visible(bool(expert))
        alt = chart_summary(self.data)
        self.plot.refresh(alt)
        return alt


def chart_key() -> str:
    """The chart's key in HTML (read by screen readers; the plot draws faster without a legend)."""
    swatch = (
        '<span aria-hidden="true" style="display:inline-block;width:1.4em;height:1em;background:{};'
        'border:1px solid black;vertical-align:middle"></span>'
    )
    return (
        f'<span style="margin-right:1.5em">{swatch.format(STYLE["missing"]["color"])} missing (striped bar)</span>'
        f'<span style="margin-right:1.5em">{swatch.format(STYLE["partial"]["color"])} partial (dotted bar)</span>'
        '<span style="margin-right:1.5em">no bar: in place or not rated</span>'
        '<span><span aria-hidden="true">◆</span> the expert\'s audit (after Compare)</span>'
    )


def chart_summary(data: list[dict]) -> str:
    lost = [r for r in data if r["months"]]
    total = sum(r["months"] for r in data)
    text = f"Months of lead time lost: {total} in all"
    text += ("; " + ", ".join(f"{r['element'].replace('_', ' ')} {r['months']}" for r in lost)) if lost else ""
    text += "."
    if data and data[0]["expert_months"] is not None:
        text += f" The expert's audit: {sum(r['expert_months'] for r in data)} months."
    return text


def element_html(element: model.Element, item: model.AuditItem) -> str:
    return (
        f"<p style='margin:0.8em 0 0.2em'><strong>{element.number}. {escape(element.name)}</strong> "
        f"(step: {escape(element.step)}). {escape(element.question)}<br><em>Audit file:</em> "
        f"{escape(item.evidence)}</p>"
    )


def report_html(report: model.GapReport) -> str:
    head = (
        f"<p role='status'><strong>Gap report.</strong> You have rated {report.rated} of {report.total} "
        f"elements; the gaps you found cost {report.delay} month{'s' if report.delay != 1 else ''} of lead "
        "time.</p>"
    )
    if not report.gaps:
        rows = "<p>No gaps rated so far.</p>"
    else:
        body = "".join(
            f"<tr><td>{escape(g.element.name)}</td><td>{model.STATUS_LABELS[g.status]}</td>"
            f"<td>{g.months}</td><td>{escape(g.element.gap_cost)}</td></tr>"
            for g in report.gaps
        )
        rows = (
            "<table><thead><tr><th>Gap</th><th>Your rating</th><th>Months lost</th>"
            f"<th>What it costs when a crisis comes</th></tr></thead><tbody>{body}</tbody></table>"
        )
    story = "".join(f"<li>{escape(line)}</li>" for line in model.report_lines(report))
    note = (
        "<p><small>The months per gap are the course's teaching assumptions, not measured figures: real "
        "delays vary. What does not vary is the direction: each gap adds time between the warning and the "
        "response.</small></p>"
    )
    return (
        f"{head}{rows}<p><strong>In {escape(report.scenario.short_name)} (Lesson 3):</strong></p><ul>{story}</ul>{note}"
    )


def comparison_html(ratings: Mapping[str, str | None], ministry: model.Ministry, scenario_id: str) -> str:
    differences = model.differences(ratings, ministry.id)
    expert = model.gap_report(ministry.expert_ratings, scenario_id)
    same = len(model.elements()) - len(differences)
    lines = [
        f"<p role='status'><strong>The expert's audit.</strong> You agree on {same} of "
        f"{len(model.elements())} elements. The expert's gaps cost {expert.delay} months.</p><ul>"
    ]
    for element, yours, item in differences:
        given = f"you rated it {model.STATUS_LABELS[yours].lower()}" if yours else "you have not rated it"
        lines.append(
            f"<li><strong>{escape(element.name)}:</strong> {given}; the expert rates it "
            f"{model.STATUS_LABELS[item.status].lower()}. {escape(item.reason)}</li>"
        )
    lines.append(
        "</ul><p><strong>The expert's timeline:</strong> " + escape(" ".join(model.report_lines(expert))) + "</p>"
    )
    return "".join(lines)


class ArchitectureAudit(CourseWidget):
    """The audit. State: ``ratings`` (element id -> status or None), ``report`` (a GapReport),
    ``compared`` (whether the expert's audit is shown)."""

    def __init__(self, ministry_id: str = "brenvald", scenario_id: str = "norvane", ratings: dict | None = None):
        self.ministry = model.ministry(ministry_id)
        self.elements = model.elements()
        self.compared = False
        self.toggles = {e.id: self._toggle(e) for e in self.elements}
        stories = model.scenarios()
        self.scenario_picker = widgets.Dropdown(
            options=[(s.short_name, s.id) for s in stories.values()],
            value=model.scenario(scenario_id).id,
            description="Test the architecture against the Lesson 3 scenario:",
            style={"description_width": "initial"},
        )
        self.scenario_picker.observe(lambda _change: self._changed(), names="value")
        self.report_box = widgets.HTML(layout=WIDE)
        self.chart = GapChart(self.elements)
        key = widgets.HTML(f"<p>Key: {chart_key()}</p>", layout=WIDE)
        self.caption = widgets.HTML(layout=WIDE)
        self.compare_button = widgets.Button(
            description="Compare with the expert's audit",
            icon="balance-scale",
            layout=widgets.Layout(width="auto"),
            tooltip="Show the expert's rating of each element, with reasons",
        )
        self.compare_button.on_click(lambda _button: self.compare())
        self.feedback = widgets.HTML(layout=WIDE)
        rows = []
        for element in self.elements:
            rows += [
                widgets.HTML(element_html(element, self.ministry.item(element.id)), layout=WIDE),
                self.toggles[element.id],
            ]
        intro = widgets.HTML(
            f"<h4>Audit: {escape(self.ministry.name)}</h4><p>{escape(self.ministry.summary)} "
            f"<em>{escape(self.ministry.fiction_note)}</em></p><p>Read each audit file and rate the element. Use "
            "<strong>Tab</strong> to reach the buttons and the arrow keys or <strong>Space</strong> to choose.</p>",
            layout=WIDE,
        )
        super().__init__(
            [
                intro,
                *rows,
                self.scenario_picker,
                self.report_box,
                key,
                self.chart.widget,
                self.caption,
                self.compare_button,
                self.feedback,
            ],
            layout=WIDE,
        )
        with self.quietly():
            for element_id, status in (ratings or {}).items():
                self.toggles[element_id].value = status
        self.refresh()

    def _toggle(self, element: model.Element) -> widgets.ToggleButtons:
        toggle = widgets.ToggleButtons(
            options=[(model.STATUS_LABELS[s], s) for s in model.STATUSES],
            value=None,
            description=f"{element.number}. {element.name}:",
            style={"description_width": "initial"},
            tooltips=[f"{element.name}: {model.STATUS_LABELS[s].lower()}" for s in model.STATUSES],
        )
        toggle.observe(lambda _change: self._changed(), names="value")
        return toggle

    # --- state ------------------------------------------------------------------

    @property
    def ratings(self) -> dict:
        return {element_id: toggle.value for element_id, toggle in self.toggles.items()}

    @property
    def scenario_id(self) -> str:
        return self.scenario_picker.value

    def rate(self, element_id: str, status: str | None) -> None:
        """Rate one element, as a click does."""
        if element_id not in self.toggles:
            raise KeyError(f"There is no element '{element_id}'; the elements are: {', '.join(self.toggles)}.")
        self.toggles[element_id].value = status

    def compare(self) -> None:
        self.compared = True
        self.refresh()

    def refresh(self) -> None:
        ratings = self.ratings
        self.report = model.gap_report(ratings, self.scenario_id)
        self.report_box.value = report_html(self.report)
        expert = self.ministry.expert_ratings if self.compared else None
        self.summary = self.chart.update(ratings, expert)
        self.caption.value = f"<p>{escape(summarize(self.summary))}</p>"
        self.feedback.value = comparison_html(ratings, self.ministry, self.scenario_id) if self.compared else ""

    def _changed(self) -> None:
        if not self.is_quiet:
            self.refresh()


def architecture_audit(ministry: str = "brenvald", scenario: str = "norvane") -> ArchitectureAudit:
    """The audit of a fictional ministry: ``architecture_audit("ilmora", scenario="veldora")``."""
    return ArchitectureAudit(ministry, scenario)


def architecture_table() -> widgets.HTML:
    """The eight elements: the step each serves, what in place looks like, and a real example."""
    from ..knowledge.sources import source_table

    sources = source_table()
    rows = []
    for e in model.elements():
        cite = f" ({escape(sources.loc[e.example_source_id, 'author'])})" if e.example_source_id else ""
        rows.append(
            f"<tr><td>{e.number}. {escape(e.name)}</td><td>{escape(e.step)}</td>"
            f"<td>{escape(e.in_place)}</td><td>{escape(e.example)}{cite}</td></tr>"
        )
    head = "<tr><th>Element</th><th>Step</th><th>In place, it looks like</th><th>An example</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>", layout=WIDE)
