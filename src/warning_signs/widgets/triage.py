"""Lesson 11's activity: triage fictional field reports, then compare with the expert.

For each report the learner rates the four marks of atrocity violence
(targeting, scale, system, intent) as no sign, some signs or strong signs (radio
buttons, so a screen reader announces the level chosen), and
routes it: programme review, human-rights reporting or early-warning
escalation. "Compare with the expert's reading" names every difference with
the expert's reason. Ratings are kept per report, so the learner can move
between reports and come back. Data and rules: :mod:`warning_signs.knowledge.field_triage`.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..knowledge import field_triage as triage
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
LEVEL_LABELS = {"none": "No sign", "some": "Some signs", "strong": "Strong signs"}


class FieldTriage(CourseWidget):
    """Rate, route and compare, report by report; a board shows the reports triaged so far."""

    def __init__(self, report_id: str | None = None):
        super().__init__(layout=WIDE)
        self.reports = triage.reports()
        self.ratings: dict[str, dict[str, str]] = {rid: {} for rid in self.reports}
        self.routes: dict[str, str | None] = {rid: None for rid in self.reports}
        self.compared: dict[str, str] = {}  # report id -> verdict at the last comparison
        self.picker = widgets.Dropdown(
            options=[(f"{r.number}. {r.title}", r.id) for r in self.reports.values()],
            description="Field report",
            style={"description_width": "initial"},
        )
        self.text = widgets.HTML(layout=WIDE)
        self.toggles = {d.id: self._toggle(d) for d in triage.dimensions()}
        self.route = widgets.RadioButtons(
            options=[(r.name, r.id) for r in triage.routes()],
            value=None,
            description="Route this report to:",
            style={"description_width": "initial"},
            layout=WIDE,
        )
        self.route.observe(self._routed, names="value")
        self.compare_button = widgets.Button(
            description="Compare with the expert's reading", layout=widgets.Layout(width="auto")
        )
        self.compare_button.on_click(lambda _button: self.compare())
        self.feedback = widgets.HTML(layout=WIDE)
        self.board = widgets.HTML(layout=WIDE)
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        marks = []
        for dim in triage.dimensions():
            marks += [
                widgets.HTML(f"<p><strong>{escape(dim.name)}.</strong> {escape(dim.question)}</p>"),
                self.toggles[dim.id],
            ]
        routes = "".join(
            f"<li><strong>{escape(r.name)}</strong>: {escape(r.description)}</li>" for r in triage.routes()
        )
        self.children = [
            self.picker,
            self.text,
            widgets.HTML("<h4>Rate the four marks</h4>"),
            *marks,
            widgets.HTML(f"<h4>Route it</h4><ul>{routes}</ul>"),
            self.route,
            self.compare_button,
            self.feedback,
            self.board,
        ]
        self.show(report_id or next(iter(self.reports)))

    @property
    def current(self) -> str:
        return str(self.picker.value)

    def _toggle(self, dim: triage.Dimension) -> widgets.RadioButtons:
        # Radio buttons, not ToggleButtons: a screen reader announces which level is checked.
        toggle = widgets.RadioButtons(
            options=[(LEVEL_LABELS[level], level) for level in triage.LEVELS],
            value=None,
            description=f"{dim.name}:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        toggle.observe(lambda change, d=dim.id: self._rated(d, change["new"]), names="value")
        return toggle

    # --- the learner's actions -------------------------------------------------------

    def show(self, report_id: str) -> None:
        """Show a report with the ratings and route already given for it."""
        report = triage.report(report_id)
        with self.quietly():
            self.picker.value = report_id
            for dim, toggle in self.toggles.items():
                toggle.value = self.ratings[report_id].get(dim)
            self.route.value = self.routes[report_id]
        self.text.value = (
            f"<h4>Report {report.number}: {escape(report.title)}</h4>"
            f"<p><em>From {escape(report.reporter[:1].lower() + report.reporter[1:])}, in the fictional "
            f"country of Dunmara.</em></p><blockquote>{escape(report.text)}</blockquote>"
        )
        self._refresh_feedback()
        self._refresh_board()

    def rate(self, ratings: dict[str, str], route: str | None = None) -> None:
        """Set several marks (and the route) for the current report, as clicks would."""
        for dim, level in ratings.items():
            self.toggles[dim].value = level
        if route is not None:
            self.route.value = route

    def compare(self) -> triage.Comparison:
        """Compare the current report's triage with the expert's and say how."""
        rid = self.current
        comparison = triage.compare(rid, self.ratings[rid], self.routes[rid])
        self.compared[rid] = comparison.verdict
        self._refresh_feedback()
        self._refresh_board()
        return comparison

    def _rated(self, dim: str, level: str | None) -> None:
        if self.is_quiet:
            return
        if level is None:
            self.ratings[self.current].pop(dim, None)
        else:
            self.ratings[self.current][dim] = level
        self._after_change()

    def _routed(self, change) -> None:
        if not self.is_quiet:
            self.routes[self.current] = change["new"]
            self._after_change()

    def _after_change(self) -> None:
        if self.current in self.compared:  # keep the comparison live once it is shown
            self.compared[self.current] = triage.compare(
                self.current, self.ratings[self.current], self.routes[self.current]
            ).verdict
        self._refresh_feedback()
        self._refresh_board()

    # --- what is shown --------------------------------------------------------------

    def _refresh_feedback(self) -> None:
        rid = self.current
        if rid not in self.compared:
            rated = len(self.ratings[rid])
            route = "routed" if self.routes[rid] else "not routed yet"
            self.feedback.value = (
                f'<p role="status">Rated {rated} of {len(self.toggles)} marks; {route}. '
                "When you are ready, press <strong>Compare with the expert's reading</strong>.</p>"
            )
            return
        comparison = triage.compare(rid, self.ratings[rid], self.routes[rid])
        items = "".join(f"<li>{escape(line)}</li>" for line in triage.feedback_lines(comparison))
        self.feedback.value = f'<div role="status"><p><strong>{comparison.verdict}</strong></p><ul>{items}</ul></div>'

    def _refresh_board(self) -> None:
        rows = []
        for report in self.reports.values():
            verdict = self.compared.get(report.id)
            route = triage.route_name(self.routes[report.id]) if self.routes[report.id] else "not routed"
            state = f"{route}; compared: {verdict}" if verdict else route
            rows.append(f"<li>{report.number}. {escape(report.title)}: {escape(state)}</li>")
        done = len(self.compared)
        self.board.value = (
            f"<p><strong>Your triage so far</strong>: {done} of {len(self.reports)} reports compared "
            f"with the expert.</p><ul>{''.join(rows)}</ul>"
        )


def field_triage(report_id: str | None = None) -> FieldTriage:
    """The triage activity, ready to display (optionally opened at ``report_id``)."""
    return FieldTriage(report_id)
