"""Lesson 12's activity: read a fictional situation report twice, then compare with the expert.

First the learner ticks the details they would report as warning signs, reading the
report as written. Then the gender-lens questions appear and the learner reads it
again (their first ticks are kept, to add to or take away). Last, the expert's reading
of every detail, with the reasoning, and what the gender lens changed. The content
and the scoring live in :mod:`warning_signs.knowledge.gender`; this module is UI only.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..knowledge import gender
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
FIRST, SECOND, COMPARED = "first", "second", "compared"


def _status(html: str) -> str:
    return f'<div role="status">{html}</div>'


class GenderLensReading(CourseWidget):
    """Pick a report; read it as written; read it with the gender lens; compare with the expert."""

    def __init__(self, sitrep_id: str | None = None):
        self.reports = gender.sitreps()
        start = sitrep_id or next(iter(self.reports))
        if start not in self.reports:
            raise KeyError(f"No situation report '{start}': choose one of {sorted(self.reports)}.")
        self.picker = widgets.Dropdown(
            options=[(f"Report {r.number}: {r.title}", r.id) for r in self.reports.values()],
            value=start,
            description="Situation report:",
            style={"description_width": "initial"},
            layout=WIDE,
        )
        self.report_html = widgets.HTML()
        self.instructions = widgets.HTML()
        self.lens_html = widgets.HTML(self._lens_text(), layout=widgets.Layout(display="none"))
        self.boxes_box = widgets.VBox(layout=WIDE)
        self.to_second = widgets.Button(
            description="Done: read it again with a gender lens", layout=widgets.Layout(width="auto")
        )
        self.to_compare = widgets.Button(description="Compare with the expert", layout=widgets.Layout(width="auto"))
        self.restart = widgets.Button(description="Start this report again", layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML()
        self.to_second.on_click(lambda _b: self.finish_first_reading())
        self.to_compare.on_click(lambda _b: self.compare())
        self.restart.on_click(lambda _b: self.show_report(self.sitrep.id))
        self.picker.observe(self._picked, names="value")
        buttons = widgets.HBox([self.to_second, self.to_compare, self.restart])
        super().__init__(
            [self.picker, self.report_html, self.instructions, self.lens_html, self.boxes_box, buttons, self.feedback],
            layout=WIDE,
        )
        self.show_report(start)

    # --- state -------------------------------------------------------------------

    @property
    def flagged(self) -> set[str]:
        """The details ticked now."""
        return {detail_id for detail_id, box in self.boxes.items() if box.value}

    def show_report(self, sitrep_id: str) -> None:
        """Show ``sitrep_id`` from the start: nothing ticked, first reading."""
        self.sitrep = self.reports[sitrep_id]
        self.step = FIRST
        self.first: set[str] = set()
        self.second: set[str] = set()
        self.comparison: gender.Comparison | None = None
        self.boxes = {
            d.id: widgets.Checkbox(description=d.text, value=False, indent=False, layout=WIDE)
            for d in self.sitrep.details
        }
        with self.quietly():
            self.picker.value = sitrep_id
            self.boxes_box.children = list(self.boxes.values())
        self.report_html.value = (
            f"<p><strong>{escape(self.sitrep.title)}</strong><br><em>{escape(self.sitrep.setting)}</em></p>"
            f"<blockquote>{escape(self.sitrep.text)}</blockquote>"
        )
        self.lens_html.layout.display = "none"
        self.instructions.value = (
            "<p><strong>First reading, as written.</strong> Tick every detail you would "
            "report to your capital as a warning sign. Then press the first button.</p>"
        )
        self._buttons_for(FIRST)
        self.feedback.value = ""

    def finish_first_reading(self) -> None:
        """Keep the first reading and show the gender-lens questions for the second."""
        if self.step != FIRST:
            return
        self.first = self.flagged
        self.step = SECOND
        self.lens_html.layout.display = None
        count = len(self.first)
        self.instructions.value = (
            f"<p><strong>Second reading, with a gender lens.</strong> In your first reading you ticked {count} "
            f"detail{'s' if count != 1 else ''}; they are still ticked. Ask the questions below of the report, "
            "tick any detail you now see as a warning sign (or untick one), then compare with the expert.</p>"
        )
        self._buttons_for(SECOND)
        self.feedback.value = _status(
            "<p>Your first reading is kept. Now read the report again with the questions above.</p>"
        )

    def compare(self) -> gender.Comparison | None:
        """Score both readings and show the expert's reasoning for every detail."""
        if self.step == FIRST:
            self.feedback.value = _status(
                "<p>Finish the first reading first: press <em>Done: read it again with a gender lens</em>.</p>"
            )
            return None
        self.second = self.flagged
        self.step = COMPARED
        self.comparison = gender.compare(self.sitrep, self.first, self.second)
        for box in self.boxes.values():
            box.disabled = True
        self._buttons_for(COMPARED)
        self.feedback.value = _status(self._comparison_html(self.comparison))
        return self.comparison

    # --- drawing -----------------------------------------------------------------

    def _buttons_for(self, step: str) -> None:
        self.to_second.disabled = step != FIRST
        self.to_compare.disabled = step != SECOND

    def _picked(self, change) -> None:
        if not self.is_quiet:
            self.show_report(change["new"])

    @staticmethod
    def _lens_text() -> str:
        items = "".join(
            f"<li><strong>{escape(q.question)}</strong> {escape(q.look_for)}</li>" for q in gender.lens_questions()
        )
        return f"<p><strong>The gender lens: ask of the report</strong></p><ol>{items}</ol>"

    @staticmethod
    def _comparison_html(comparison: gender.Comparison) -> str:
        rows = []
        for verdict in comparison.verdicts:
            detail = verdict.detail
            indicators = (
                f" (Framework indicator {', '.join(i[2:] for i in detail.indicator_ids)})"
                if detail.indicator_ids
                else ""
            )
            rows.append(
                f"<tr><td>{escape(detail.text)}</td><td>{escape(gender.READING_WORDS[detail.reading])}{indicators}</td>"
                f"<td>{escape(verdict.outcome)}</td><td>{escape(detail.explanation)}</td></tr>"
            )
        return (
            f"<p><strong>Compared with the expert.</strong> {escape(comparison.summary())}</p>"
            "<table><caption>The expert's reading of each detail</caption>"
            "<thead><tr><th scope='col'>Detail</th><th scope='col'>The expert reads it as</th>"
            "<th scope='col'>Your readings</th><th scope='col'>Why</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def gender_lens(sitrep_id: str | None = None) -> GenderLensReading:
    """Lesson 12's read-twice activity, opened on ``sitrep_id`` (the first report by default)."""
    return GenderLensReading(sitrep_id)


def resolution_table() -> widgets.HTML:
    """The Security Council's resolutions on women, peace and security and on sexual violence in conflict."""
    tracks = {"women_peace_security": "Women, peace and security", "sexual_violence": "Sexual violence in conflict"}
    rows = "".join(
        f"<tr><td>{escape(r.symbol)}</td><td>{escape(tracks[r.track])}</td><td>{escape(r.what_it_does)}</td>"
        f"<td>{escape(r.use_it_when)}</td></tr>"
        for r in gender.resolutions()
    )
    return widgets.HTML(
        "<table><caption>Security Council resolutions a diplomat can invoke (read from datasets/gender/resolutions.csv)</caption>"
        "<thead><tr><th scope='col'>Resolution</th><th scope='col'>Agenda</th><th scope='col'>What it does</th>"
        f"<th scope='col'>Invoke it when</th></tr></thead><tbody>{rows}</tbody></table>"
    )
