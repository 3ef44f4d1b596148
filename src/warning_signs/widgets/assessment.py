"""Risk-factor assessment: the UN Framework's 14 risk factors as a checklist.

The learner ticks the signs present in a situation, notes the evidence for each
factor, and sees which factors are engaged on a heat strip with a one-line text
summary. Given a scenario stage, the widget compares the learner's reading with
the expert's and explains every difference from the data: the factor's summary,
the indicators the expert saw, the stage's rationale and its wrong readings.

The model (framework, stages, comparison) is in :mod:`warning_signs.knowledge`;
the heat strip in :mod:`warning_signs.charts.heatstrip`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..charts import figure_html
from ..charts.heatstrip import HeatStrip, strip_summary
from ..knowledge.framework import CRIME_NAMES, Factor, Framework, engaged, factor_of, framework
from ..knowledge.scenarios import Comparison, Stage, compare, stage_reading
from .base import CourseWidget
from .checklist import WIDE, Checklist, Group


def comparison_html(comparison: Comparison, stage: Stage) -> str:
    """The comparison in words: a verdict first, then every difference explained."""
    fw = framework()
    total = len(stage.factors)
    head = (
        f"<p role='status'><strong>{comparison.verdict}</strong> You and the expert agree on "
        f"{len(comparison.agreed)} of the {total} factors the expert sees in {escape(stage.when)}"
    )
    head += f"; you marked {len(comparison.extra)} the expert does not.</p>" if comparison.extra else ".</p>"
    lines = [_missed_line(fw.factor(f), stage, fw) for f in comparison.missed]
    lines += [_extra_line(fw.factor(f)) for f in comparison.extra]
    if comparison.agreed:
        names = ", ".join(escape(fw.factor(f).label) for f in comparison.agreed)
        lines.append(f"<li><strong>Agreed:</strong> {names}.</li>")
    lines += [
        f"<li><strong>Also present:</strong> {escape(i)} {escape(fw.item_text(i))}</li>" for i in comparison.unticked
    ]
    parts = [
        head,
        f"<ul>{''.join(lines)}</ul>",
        f"<p><strong>The expert's reading:</strong> {escape(stage.rationale)}</p>",
    ]
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
    return (
        f"<li><strong>Extra:</strong> {escape(factor.label)}. {escape(factor.summary)} The expert does "
        "not see this factor at this stage: what in the report shows it? Compare with the expert's "
        "reading and the misreadings below.</li>"
    )


def report_html(stage: Stage, heading: bool = True) -> str:
    """A stage's situation report and the new events in it."""
    injects = "".join(f"<li>{escape(i)}</li>" for i in stage.injects)
    title = f"<h4>{escape(stage.title)} ({escape(stage.when)})</h4>" if heading else ""
    return f"{title}<p>{escape(stage.sitrep)}</p>" + (
        f"<p><strong>New this month:</strong></p><ul>{injects}</ul>" if injects else ""
    )


class RiskAssessment(CourseWidget):
    """The checklist, evidence notes, heat strip and (for a scenario stage) the comparison.

    State is in plain attributes: ``marked`` (item ids), ``notes`` (factor id ->
    text) and ``comparison`` (None until compared). ``on_change(state)`` is
    called after each change, for a caller that saves progress.
    """

    def __init__(
        self,
        scenario_id: str | None = None,
        stage: int | None = None,
        on_change: Callable[[dict], None] | None = None,
        show_report: bool = False,
        show_compare: bool = True,
    ):
        super().__init__(layout=WIDE)
        self.fw = framework()
        self.on_change = on_change
        self.explain = True  # whether a comparison is explained in words under the strip
        self.stage = stage_reading(scenario_id, stage or 1) if scenario_id else None
        self.comparison: Comparison | None = None
        self.note_boxes = {f.id: self._note_box(f) for f in self.fw.factors}
        self.checklist = Checklist([self._group(f) for f in self.fw.factors], on_change=self._marked)
        self.strip = HeatStrip(self.fw)
        self.chart = widgets.HTML(layout=WIDE)
        self.feedback = widgets.HTML(layout=WIDE)
        self.report = widgets.HTML(layout=WIDE)
        self.compare_button = widgets.Button(
            description="Compare with the expert",
            icon="balance-scale",
            tooltip="Show how the expert read this situation",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.compare_button.on_click(lambda _button: self.compare())
        self.compare_button.layout.display = None if (self.stage and show_compare) else "none"
        self.show_report = show_report
        intro = widgets.HTML(
            "<p>Open a factor, tick each sign you see in the report, and note your "
            "evidence. Use <strong>Tab</strong> to move and <strong>Space</strong> to tick.</p>"
        )
        self.children = [self.report, intro, self.checklist, self.chart, self.compare_button, self.feedback]
        self._show_report()
        self.refresh()

    def _group(self, factor: Factor) -> Group:
        where = CRIME_NAMES.get(factor.crime, factor.crime)
        kind = "Common to all atrocity crimes" if factor.kind == "common" else f"Specific to {where}"
        note = (
            ""
            if factor.has_indicators
            else (" <em>The course lists this factor as one item: its indicators are not reproduced here.</em>")
        )
        intro = f"<p><strong>{escape(kind)}.</strong> {escape(factor.summary)}{note}</p>"
        return Group(factor.id, factor.label, factor.items, intro=intro, extra=(self.note_boxes[factor.id],))

    def _note_box(self, factor: Factor) -> widgets.Textarea:
        box = widgets.Textarea(
            description="Evidence:",
            placeholder=f"What shows factor {factor.number}?",
            continuous_update=False,
            layout=widgets.Layout(width="95%", height="4em"),
        )
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

    def restore(self, state: dict | None, refresh: bool = True) -> None:
        """Show a saved state (without calling back): ticks and notes."""
        state = state or {}
        self.checklist.set_value(state.get("marked") or [])
        notes = state.get("notes") or {}
        with self.quietly():
            for fid, box in self.note_boxes.items():
                box.value = str(notes.get(fid, ""))
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
        self.restore(state, refresh=False)
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
        if self.comparison is not None and self.stage is not None:
            self.comparison = compare(self.marked, self.stage)
            self.feedback.value = comparison_html(self.comparison, self.stage) if self.explain else ""
        self.refresh()
        self._changed()

    def _changed(self) -> None:
        if not self.is_quiet and self.on_change is not None:
            self.on_change(self.state())

    def _show_report(self) -> None:
        if self.show_report and self.stage:
            self.report.value = report_html(self.stage)

    def graded_text(self) -> str:
        return f"Risk-factor assessment: {self.summary}"


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
        rows.append(
            f"<tr><td>{f.number}</td><td>{escape(f.name)}</td><td>{escape(f.kind)}</td>"
            f"<td>{escape(where)}</td><td>{escape(f.summary)}</td><td>{signs}</td></tr>"
        )
    head = (
        "<tr><th>No.</th><th>Risk factor</th><th>Kind</th><th>Crimes</th><th>In short</th><th>In this course</th></tr>"
    )
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>")
