"""The monitoring dashboard: thresholds, base rates, false alarms and lead time, on the synthetic panel.

Pick fictional countries (or all of them), an indicator, a span of months and
an alert threshold. The plot marks every month in alert with a star and every
escalation onset with a labelled vertical line; below it, in words: how many
onsets the rule warned of and how early, how many alerts were false, and how
rare onsets are. The scoring rules are in :mod:`warning_signs.knowledge.alerts`, the chart in
:mod:`warning_signs.charts.alertchart`.

Speed: the panel is read once into numpy arrays (one row per country,
:mod:`warning_signs.knowledge.panel`), a threshold or window change only
updates the data of existing artists, and the figure is redrawn with Agg into
an image (see :mod:`warning_signs.charts.plotimage`).
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np

from ..charts.alertchart import AlertChart
from ..knowledge import alerts
from ..knowledge.alerts import and_list, nice_ceiling, number_words, snap, threshold_grid
from ..knowledge.panel import panel_arrays, scenario_countries
from ..knowledge.scenario_calendar import month_name
from ..palette import key_html, summarize
from .base import CourseWidget

HISTORY = 5  # earlier settings shown, so a learner can compare thresholds
STATUS = '<p role="status">{}</p>'
WIDE = dict(description_width="initial")


# --- the dashboard ----------------------------------------------------------------


class MonitoringDashboard(CourseWidget):
    """Controls, plot and read-outs; state in plain attributes (``score``, ``scores``, ``rows``)."""

    def __init__(
        self,
        countries=None,
        indicator: str = "hate_speech_index",
        threshold: float | None = None,
        window: tuple[str, str] | None = None,
        all_countries: bool = False,
        lead=alerts.DEFAULT_LEAD,
        ongoing: int = alerts.DEFAULT_ONGOING,
    ):
        super().__init__()
        self.data = panel_arrays()
        self.lead, self.ongoing = tuple(lead), ongoing
        self.history: list[str] = []
        self.score, self.scores = alerts.Score(), dict[str, alerts.Score]()
        self._onsets: list[tuple[int, int]] = []  # (panel row, month index) of the onsets shown
        self._build_controls(countries, indicator, window, all_countries)
        self.chart = AlertChart(self.data.months)
        self.plot = self.chart.plot
        self.legend = widgets.HTML()  # the key of the lines, in HTML above the plot (see _legend)
        self.summary, self.counts, self.base_rate = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.details, self.tries = widgets.HTML(), widgets.HTML()
        self._set_threshold_range(threshold)
        self._draw_series()
        self._observe()
        self.children = [
            self.controls,
            self.legend,
            self.plot.widget,
            self.summary,
            self.counts,
            self.base_rate,
            self.details,
            self.tries,
        ]

    # --- building ---

    def _build_controls(self, countries, indicator, window, all_countries) -> None:
        data = self.data
        if indicator not in data.values:
            raise ValueError(f"Unknown indicator '{indicator}'; choose one of: {', '.join(data.values)}.")
        chosen = [c for c in (countries or scenario_countries()) if c in data.ids] or [data.ids[0]]
        self.countries = widgets.SelectMultiple(
            options=list(zip(data.names, data.ids)),
            value=chosen,
            rows=8,
            description="Countries",
            disabled=all_countries,
            style=WIDE,
            layout=widgets.Layout(width="22em"),
        )
        self.all_countries = widgets.Checkbox(
            value=all_countries, indent=False, style=WIDE, description=f"All {len(data.ids)} countries (base rates)"
        )
        self.indicator = widgets.Dropdown(
            options=[(data.labels[k], k) for k in data.values], value=indicator, description="Indicator", style=WIDE
        )
        self.window = widgets.SelectionRangeSlider(
            options=[(month_name(m, short=True), m) for m in data.months],
            index=self._window_index(window),
            description="Months shown",
            continuous_update=False,
            style=WIDE,
            layout=widgets.Layout(width="40em"),
        )
        self.threshold = widgets.SelectionSlider(
            options=[("1", 1.0)],
            description="Alert threshold",
            continuous_update=False,
            style=WIDE,
            layout=widgets.Layout(width="40em"),
        )
        hint = widgets.HTML(
            "<small>To pick several countries: Ctrl+click (⌘+click on a Mac), or Shift with the arrow keys.</small>"
        )
        left = widgets.VBox([self.indicator, self.threshold, self.window])
        right = widgets.VBox([self.countries, hint, self.all_countries])
        self.controls = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))

    def _window_index(self, window) -> tuple[int, int]:
        months = self.data.months
        if not window:
            return 0, len(months) - 1
        return months.index(window[0]), months.index(window[1])

    def _observe(self) -> None:
        self.threshold.observe(self._on_threshold, names="value")
        self.window.observe(self._on_window, names="index")
        self.indicator.observe(self._on_indicator, names="value")
        self.countries.observe(self._on_selection, names="value")
        self.all_countries.observe(self._on_selection, names="value")

    # --- callbacks: small, each redraws only what changed ---

    def _on_threshold(self, _change=None) -> None:
        if self.is_quiet:
            return
        limits_moved = self._update_alerts()
        self._render(full=limits_moved)

    def _on_window(self, _change=None) -> None:
        self._update_window()
        self._update_alerts()
        self._render(full=True)

    def _on_indicator(self, _change=None) -> None:
        self._set_threshold_range(None)
        if self.all_mode:
            self._draw_series()
        else:  # the same countries: keep their lines, legend and onsets, and change the values only
            self._show_indicator()

    def _on_selection(self, _change=None) -> None:
        self.countries.disabled = self.all_countries.value
        self._set_threshold_range(self.threshold.value)
        self._draw_series()

    # --- state ---

    @property
    def all_mode(self) -> bool:
        return self.all_countries.value

    @property
    def rows(self) -> list[int]:
        """Panel rows of the countries shown."""
        if self.all_mode:
            return list(range(len(self.data.ids)))
        return [self.data.ids.index(c) for c in self.countries.value]

    @property
    def span(self) -> slice:
        first, last = self.window.index
        return slice(first, last + 1)

    @property
    def series(self) -> np.ndarray:
        """Values of the shown countries (rows) over all months."""
        return self.data.values[self.indicator.value][self.rows]

    @property
    def log_scale(self) -> bool:
        """Counts that run into the thousands are easier to read on a log scale."""
        return self.grid[-1] > 100 and self.data.counts[self.indicator.value]

    def _set_threshold_range(self, keep: float | None) -> None:
        """Thresholds up to a round number above the shown countries' highest value.

        ``keep=None`` starts at the panel's 95th percentile: alerts in about 1 month in 20.
        """
        values = self.series
        if not values.size:  # no country picked: keep the slider as it is
            return
        self.grid = threshold_grid(float(np.nanmax(values)), self.data.counts[self.indicator.value])
        if keep is None:
            keep = float(np.nanquantile(self.data.values[self.indicator.value], 0.95))
        with self.quietly():  # the caller redraws once, after the slider has settled
            self.threshold.options = [(number_words(v), v) for v in self.grid]
            self.threshold.value = snap(keep, self.grid)

    # --- drawing (the chart draws; the dashboard says what) ---

    @property
    def y_mode(self) -> str:
        return "all" if self.all_mode else ("log" if self.log_scale else "linear")

    def _draw_series(self) -> None:
        """New artists for the current countries and indicator; then alerts, window, image."""
        self._onsets = [(row, t) for row in self.rows for t in alerts.onset_months(self.data.onsets[row])]
        onsets = [(t, self.data.names[row]) for row, t in self._onsets]
        names = [self.data.names[row] for row in self.rows]
        self.chart.draw(self.y_mode, self.series, names, onsets, self.lead, self.threshold.value)
        self._count_top = self._steady_count_top()
        self._legend()
        self.chart.set_labels(self._ylabel(), self._title())
        self._update_window()
        self._update_alerts()
        self._render(full=True)

    def _steady_count_top(self) -> float:
        """Top of the y-axis in all-countries mode: enough for thresholds down to the panel's
        80th percentile, so moving the slider in that range never moves the axis."""
        if not self.all_mode:
            return 0.0
        values = self.series
        low = float(np.nanquantile(values, 0.8))
        return nice_ceiling(max(4.0, float(alerts.alert_months(values, low).sum(axis=0).max()) + 1))

    def _show_indicator(self) -> None:
        """Another indicator for the countries shown: new values, y axis, labels and alerts."""
        self.chart.set_y_scale(self.y_mode)
        self.chart.set_values(self.series)
        self.chart.set_labels(self._ylabel(), self._title())
        self._update_alerts()
        self._render(full=True)

    def _ylabel(self) -> str:
        if self.all_mode:
            return f"Countries in alert (of {len(self.data.ids)})"
        unit = self.data.units[self.indicator.value]
        label = self.data.labels[self.indicator.value]
        return (f"{label} ({unit})" if unit else label) + (", log scale" if self.log_scale else "")

    def _legend(self) -> None:
        """The countries' key, written in HTML above the plot: a screen reader reads it, and the plot
        redraws quicker without a drawn legend. Stars, shading, threshold and onsets are named in the
        title or labelled where they are."""
        if self.all_mode:
            self.legend.value = ""
            return
        entries = "".join(key_html(i, line.get_label()) for i, line in enumerate(self.chart.lines))
        self.legend.value = f"<p><strong>Lines:</strong> {entries}</p>"

    def _title(self) -> str:
        shortest, longest = self.lead
        what = (
            "Countries in alert each month"
            if self.all_mode
            else f"{self.data.labels[self.indicator.value]}: ★ = month in alert"
        )
        return f"{what}; shaded = {shortest}-{longest} months before an onset"

    def _update_window(self) -> None:
        self.chart.set_window(*self.window.index)

    def _update_alerts(self) -> bool:
        """Alert months, the plot's alert data and the scores, for the current threshold and window.

        Returns True when the y-axis had to move (then the whole figure is redrawn).
        """
        threshold = self.threshold.value
        self.alerts = alerts.alert_months(self.series, threshold)
        self.chart.set_alerts(self.series, self.alerts, threshold, f"alert threshold {self.threshold_words()}")
        if self.all_mode:
            top = max(self._count_top, nice_ceiling(float(self.alerts.sum(axis=0)[self.span].max()) + 1))
        else:
            top = self.grid[-1] * (1.6 if self.log_scale else 1.05)  # fixed: the threshold never leaves the plot
        moved = self.chart.set_top(top)
        self._score(self.span)
        return moved

    def _score(self, inside: slice) -> None:
        onsets = self.data.onsets[self.rows][:, inside]
        self.scores = {
            self.data.ids[row]: alerts.score(a, o, self.lead, self.ongoing)
            for row, a, o in zip(self.rows, self.alerts[:, inside], onsets)
        }
        self.score = sum(self.scores.values(), alerts.Score())
        self._write_counts()

    # --- words ---

    def threshold_words(self) -> str:
        return number_words(self.threshold.value)

    def what_words(self) -> str:
        return "countries in alert" if self.all_mode else self.data.labels[self.indicator.value].lower()

    def scope_words(self) -> str:
        if self.all_mode:
            return f"all {len(self.data.ids)} countries"
        return and_list([self.data.names[r] for r in self.rows]) if self.rows else "no country"

    def _write_counts(self) -> None:
        self.counts.value = STATUS.format(escape(alerts.describe(self.score, self.threshold_words())))
        units = "months" if len(self.rows) == 1 else "country-months"
        self.base_rate.value = f"<p>{escape(alerts.base_rate_words(self.score, units))}</p>"
        self.details.value = "" if self.all_mode else self._details_html()
        self._remember()

    def _details_html(self) -> str:
        items = [f"<li>{escape(self.country_words(i))}</li>" for i in range(len(self.rows))]
        return "<ul>" + "".join(items) + "</ul>"

    def country_words(self, i: int) -> str:
        """For the i-th country shown: 'Norvane: onset in November of Year 73, warned 8 months ahead;
        0 false alarms; in alert 14 of 120 months.'"""
        row, inside = self.rows[i], self.span
        result = self.scores[self.data.ids[row]]
        spans = alerts.episodes(self.alerts[i][inside])
        onset_text = []
        for t in alerts.onset_months(self.data.onsets[row][inside]):
            lead = alerts.lead_time(t, spans, self.lead)
            warned = f"warned {alerts.plural(lead, 'month')} ahead" if lead is not None else "missed"
            onset_text.append(f"onset in {month_name(self.data.months[inside.start + t])}, {warned}")
        onsets = "; ".join(onset_text) or "no onset in these months"
        return (
            f"{self.data.names[row]}: {onsets}; {alerts.plural(result.false_alarms, 'false alarm')}; "
            f"in alert {result.alert_months} of {result.months} months."
        )

    def _remember(self) -> None:
        line = (
            f"{self.data.labels[self.indicator.value]}, {self.scope_words()}, threshold "
            f"{self.threshold_words()}: {self.score.hits} of {self.score.onsets} onsets warned, "
            f"{alerts.plural(self.score.false_alarms, 'false alarm')}"
        )
        if self.history and self.history[-1] == line:
            return
        self.history = (self.history + [line])[-HISTORY:]
        items = "".join(f"<li>{escape(h)}</li>" for h in reversed(self.history[:-1]))
        earlier = f"<details><summary>Your earlier settings</summary><ul>{items}</ul></details>"
        self.tries.value = earlier if items else ""

    def summary_text(self) -> str:
        months = self.data.months[self.span]
        shown = [(r, t) for r, t in self._onsets if self.span.start <= t < self.span.stop]
        onsets = "; ".join(f"{self.data.names[r]} {month_name(self.data.months[t])}" for r, t in shown) or "none"
        unit = "month" if len(self.rows) == 1 else "country-month"
        return (
            f"{self.what_words().capitalize()} for {self.scope_words()}, {month_name(months[0])} to {month_name(months[-1])}; "
            f"alert threshold {self.threshold_words()}; {alerts.plural(self.score.alert_months, unit)} in alert; "
            f"onsets: {onsets}."
        )

    def _render(self, full: bool) -> None:
        text = summarize(self.summary_text())
        self.summary.value = f"<p>{escape(text)}</p>"
        self.chart.render(text, full)

    def graded_text(self) -> str:
        return f"{summarize(self.summary_text())}\n{alerts.describe(self.score, self.threshold_words())}"


def monitoring_dashboard(countries=None, indicator: str = "hate_speech_index", **options) -> MonitoringDashboard:
    """The dashboard, ready to display: ``monitoring_dashboard(["norvane", "veldora"])``.

    Options: ``threshold``, ``window=("2020-01", "2024-12")``, ``all_countries=True``,
    ``lead=(1, 6)`` (months before an onset that count as warning) and ``ongoing=12``.
    """
    return MonitoringDashboard(countries, indicator, **options)
