"""The case timeline explorer: a historical case's warnings, triggers, violence and responses.

Shows the case's content note first, then its events on a timeline (one row
per event type, a marker shape per type, each event numbered), filters by
event type and by UN risk factor, a numbered list of the events with their
sources, and in words the gap between the first warning and the first
response that followed it. Everything comes from datasets/cases/ and
datasets/sources.csv, through :mod:`warning_signs.knowledge.cases`.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..charts.timeline import TimelineChart
from ..knowledge.cases import (
    TYPE_LABELS,
    Event,
    case_events,
    date_words,
    duration_words,
    event_types,
    gap_words,
    tables,
    type_words,
    warning_gap,
)
from ..palette import summarize
from .base import CourseWidget

STATUS = '<p role="status">{}</p>'


# --- the explorer ----------------------------------------------------------------------


class CaseTimeline(CourseWidget):
    """Filters, plot and read-outs for one case; state in ``shown`` (the events on view)."""

    def __init__(self, case_id: str, types=None, risk_factor: str = "", whole_record: bool = False):
        super().__init__()
        cases, _, self.risk_factor_table, self.source_table = tables()
        self.case_id = case_id
        self.events = case_events(case_id)
        self.case = cases.loc[case_id]
        self.types = [t for t in event_types() if any(e.type == t for e in self.events)]
        self.gap = warning_gap(self.events)
        # "Until the end of the case" still reaches the first response after the first warning.
        ends = [self.case["end_date"].date()] + ([self.gap.response.date] if self.gap.response else [])
        self.case_until = max(ends)
        self.source_numbers = {s: n for n, s in enumerate(dict.fromkeys(self._all_source_ids()), start=1)}
        self._build_controls(types, risk_factor, whole_record)
        period = (self.case["start_date"].date(), self.case["end_date"].date())
        self.chart = TimelineChart(self.events, self.types, period, self.gap)
        self.plot, self.markers, self.labels, self.rows = (
            self.chart.plot,
            self.chart.markers,
            self.chart.labels,
            self.chart.rows,
        )
        self.summary, self.shown_text, self.table = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.gap_text = widgets.HTML(STATUS.format(escape(gap_words(self.gap, self.cite))))
        for control in [*self.type_boxes.values(), self.risk_factor, self.period]:
            control.observe(self._on_filter, names="value")
        self.children = [
            self._note(),
            self._header(),
            self.controls,
            self.plot.widget,
            self.summary,
            self.gap_text,
            self.shown_text,
            self.table,
        ]
        self.update()

    # --- building ---

    def _all_source_ids(self) -> list[str]:
        return [self.case["source_id"], *(e.source_id for e in self.events)]

    def _build_controls(self, types, risk_factor, whole_record) -> None:
        chosen = set(self.types if types is None else types)
        self.type_boxes = {
            t: widgets.Checkbox(
                value=t in chosen,
                indent=False,
                layout=widgets.Layout(width="auto"),
                description=f"{TYPE_LABELS.get(t, t.capitalize())} ({sum(e.type == t for e in self.events)})",
            )
            for t in self.types
        }
        present = sorted({rf for e in self.events for rf in e.risk_factors}, key=lambda rf: int(rf[2:]))
        names = self.risk_factor_table["name"]
        self.risk_factor = widgets.Dropdown(
            options=[("All events", "")] + [(f"{rf}: {names.get(rf, rf)}", rf) for rf in present],
            value=risk_factor,
            description="Risk factor",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="40em"),
        )
        self.period = widgets.ToggleButtons(
            options=[("Until the end of the case", "case"), ("The whole record", "all")],
            value="all" if whole_record else "case",
            description="Show",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=[
                "From the first event to the end of the case period",
                "Including inquiries, trials and later responses",
            ],
        )
        kinds = widgets.HBox(
            [widgets.Label("Event types:"), *self.type_boxes.values()], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.controls = widgets.VBox([kinds, self.risk_factor, self.period])

    def _note(self) -> widgets.HTML:
        return widgets.HTML(f'<p role="note"><strong>Content note:</strong> {escape(self.case["content_note"])}</p>')

    def _header(self) -> widgets.HTML:
        start, end = self.case["start_date"], self.case["end_date"]
        averted = "yes" if self.case["escalation_averted"] else "no"
        return widgets.HTML(
            f"<h4>{escape(self.case['name'])}</h4>"
            f"<p>Period of the case: {start.day} {start:%B %Y} to {end.day} {end:%B %Y}. "
            f"Escalation averted: {averted}.</p>"
            f"<details><summary>About this case</summary><p>{escape(self.case['summary'])}"
            f"{self.cite_source(self.case['source_id'])}</p><p>{escape(self.case['outcome'])}"
            f"{self.cite_source(self.case['source_id'])}</p></details>"
        )

    # --- state ---

    @property
    def chosen_types(self) -> list[str]:
        return [t for t, box in self.type_boxes.items() if box.value]

    def is_shown(self, event: Event) -> bool:
        rf = self.risk_factor.value
        in_period = self.period.value == "all" or event.date <= self.case_until
        return self.type_boxes[event.type].value and (not rf or rf in event.risk_factors) and in_period

    # --- callbacks ---

    def _on_filter(self, _change=None) -> None:
        self.update()

    def update(self) -> None:
        """Show the events that pass the filters: marker data, numbers, limits, words."""
        self.shown = [e for e in self.events if self.is_shown(e)]
        self.shown_text.value = f"<p>{escape(self.shown_words())}</p>"
        self.table.value = self.table_html()
        text = summarize(self.summary_text())
        self.summary.value = f"<p>{escape(text)}</p>"
        last = self.events[-1].date if self.period.value == "all" else self.case_until
        self.chart.show(self.shown, self.events[0].date, last, text)

    # --- words ---

    def cite_source(self, source_id: str) -> str:
        return f" [{self.source_numbers[source_id]}]"

    def cite(self, event: Event) -> str:
        return self.cite_source(event.source_id)

    def shown_words(self) -> str:
        """'Showing 3 of 17 events (warnings, triggers), up to the end of the case, linked to RF9 (...).'"""
        kinds = [TYPE_LABELS.get(t, t).lower() for t in self.chosen_types]
        text = f"Showing {len(self.shown)} of {len(self.events)} events"
        text += f" ({', '.join(kinds)})" if kinds else " (no event type is ticked)"
        text += ", up to the end of the case" if self.period.value == "case" else ", the whole record"
        rf = self.risk_factor.value
        if rf:
            text += f", linked to {rf} ({self.risk_factor_table['name'].get(rf, rf)})"
            if "response" in self.chosen_types:
                text += ". Responses are not tagged with risk factors, so this filter hides them"
        return text + "."

    def summary_text(self) -> str:
        counts = ", ".join(type_words(t, sum(e.type == t for e in self.shown)) for t in self.chosen_types)
        gap = (
            f"first warning {date_words(self.gap.warning)}, first response after it "
            f"{date_words(self.gap.response)}, {duration_words(self.gap.days, self.gap.approximate)} later"
            if self.gap.warning and self.gap.response and self.gap.days is not None
            else "no warning followed by a response on record"
        )
        return (
            f"Timeline of {self.case['name']}: {len(self.shown)} of {len(self.events)} events shown"
            f"{' (' + counts + ')' if counts else ''}; {gap}."
        )

    def table_html(self) -> str:
        """The shown events as a numbered table, then the sources they cite."""
        if not self.shown:
            return "<p>No event matches these filters.</p>"
        names = self.risk_factor_table["name"]
        rows = "".join(
            f"<tr><td>{e.number}</td><td>{date_words(e)}</td><td>{escape(type_words(e.type, 1)[2:].capitalize())}</td>"
            f"<td><strong>{escape(e.title)}.</strong> {escape(e.description)}{self.cite(e)}</td>"
            f"<td>{', '.join(self._abbr(rf, names) for rf in e.risk_factors)}</td></tr>"
            for e in self.shown
        )
        head = "<tr><th>No.</th><th>Date</th><th>Type</th><th>What happened</th><th>Risk factors</th></tr>"
        return (
            f"<table><caption>Events shown, with sources in brackets</caption>{head}{rows}</table>{self.sources_html()}"
        )

    @staticmethod
    def _abbr(rf: str, names) -> str:
        return f'<abbr title="{escape(names.get(rf, rf))}">{escape(rf)}</abbr>'

    def sources_html(self) -> str:
        cited = sorted(
            {self.source_numbers[e.source_id] for e in self.shown} | {self.source_numbers[self.case["source_id"]]}
        )
        by_number = {n: s for s, n in self.source_numbers.items()}
        items = []
        for n in cited:
            row = self.source_table.loc[by_number[n]]
            items.append(
                f"<li value='{n}'>{escape(row['author'])} ({row['year']}). <em>{escape(row['title'])}</em>. "
                f"{escape(row['symbol_or_url'])}</li>"
            )
        return f"<details><summary>Sources</summary><ol>{''.join(items)}</ol></details>"

    def graded_text(self) -> str:
        return summarize(self.summary_text())


def case_timeline(case_id: str, **options) -> CaseTimeline:
    """The explorer for one case, ready to display: ``case_timeline("rwanda-1994")``.

    Options: ``types=["warning", "response"]``, ``risk_factor="RF9"``, ``whole_record=True``.
    """
    return CaseTimeline(case_id, **options)
