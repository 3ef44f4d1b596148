"""The monitoring dashboard: thresholds, base rates, false alarms and lead time, on the synthetic panel.

Pick fictional countries (or all of them), an indicator, a span of months and
an alert threshold. The plot marks every month in alert with a star and every
escalation onset with a labelled vertical line; below it, in words: how many
onsets the rule warned of and how early, how many alerts were false, and how
rare onsets are. The scoring rules are in :mod:`warning_signs.alerts`.

Speed: the panel is read once into numpy arrays (one row per country,
:mod:`warning_signs.knowledge.panel`), a threshold or window change only
updates the data of existing artists, and the figure is redrawn with Agg into
an image (see :mod:`warning_signs.charts.plotimage`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from html import escape

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..charts import PlotImage
from ..knowledge import alerts
from ..knowledge.panel import panel_arrays, scenario_countries
from ..palette import OKABE_ITO, key_html, style, summarize
from .base import CourseWidget

ALERT_MARKER = dict(marker="*", markersize=11, markeredgecolor=OKABE_ITO["black"], linestyle="none")
ONSET_LINE = dict(color=OKABE_ITO["black"], linestyle=":", linewidth=1.6)
THRESHOLD_LINE = dict(color=OKABE_ITO["black"], linestyle="--", linewidth=1.2)
WINDOW_SPAN = dict(color="0.6", alpha=0.18, linewidth=0)
PLOT_MARGINS = dict(left=0.1, right=0.98, top=0.9, bottom=0.1)
LABEL_BOX = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85)
HISTORY = 5  # earlier settings shown, so a learner can compare thresholds
STATUS = '<p role="status">{}</p>'
WIDE = dict(description_width="initial")


# --- small helpers ----------------------------------------------------------------


def nice_ceiling(value: float) -> float:
    """A round number at or above ``value`` (76.6 -> 80, 1892 -> 2000), for the slider's end."""
    if value <= 0 or not np.isfinite(value):
        return 1.0
    power = 10 ** np.floor(np.log10(value))
    return float(next(f * power for f in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if f * power >= value - 1e-9))


def nice_step(span: float) -> float:
    """A round step giving about 100 steps over ``span``, never below 0.1."""
    target = max(span / 100, 0.1)
    power = 10 ** np.floor(np.log10(target))
    return float(next(f * power for f in (1, 2, 5, 10) if f * power >= target - 1e-9))


def threshold_grid(top: float, counts: bool) -> list[float]:
    """The thresholds a learner can pick: round numbers up to ``top``.

    Evenly spaced for an index or small counts; for counts that run into the
    thousands, 1-2-3-5 steps in each power of ten, so that both 200 and
    20,000 people displaced can be chosen with a few key presses.
    """
    top = nice_ceiling(top)
    if counts and top > 100:
        decades = 10.0 ** np.arange(0, np.ceil(np.log10(top)) + 1)
        grid = sorted({float(d * f) for d in decades for f in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8)})
        return [v for v in grid if v <= top and v.is_integer()]
    step = max(1.0, nice_step(top)) if counts else nice_step(top)
    return [round(i * step, 6) for i in range(1, int(round(top / step)) + 1)]


def snap(value: float, grid: list[float]) -> float:
    """The grid value nearest to ``value``."""
    return min(grid, key=lambda v: abs(v - value))


def number_words(value: float) -> str:
    """'40', '1,500', '2.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def month_words(month: str, short: bool = False) -> str:
    """'2022-11' -> 'November 2022' (short: 'Nov 2022')."""
    return datetime.strptime(month, "%Y-%m").strftime("%b %Y" if short else "%B %Y")


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- the dashboard ----------------------------------------------------------------


class MonitoringDashboard(CourseWidget):
    """Controls, plot and read-outs; state in plain attributes (``score``, ``scores``, ``rows``)."""

    def __init__(self, countries=None, indicator: str = "hate_speech_index", threshold: float | None = None,
                 window: tuple[str, str] | None = None, all_countries: bool = False,
                 lead=alerts.DEFAULT_LEAD, ongoing: int = alerts.DEFAULT_ONGOING):
        super().__init__()
        self.data = panel_arrays()
        self.lead, self.ongoing = tuple(lead), ongoing
        self.history: list[str] = []
        self._y_mode: str | None = None  # set with its tick locator on the first drawing
        self.score, self.scores = alerts.Score(), dict[str, alerts.Score]()
        self._alert_artists: list = []
        self._lines: list = []
        self._threshold_line: Any = None  # a line with a few countries, none for all of them
        self._build_controls(countries, indicator, window, all_countries)
        self.plot = PlotImage(width=10, height=4.4, margins=PLOT_MARGINS)
        self.legend = widgets.HTML()  # the key of the lines, in HTML above the plot (see _legend)
        self.plot.ax.yaxis.set_label_coords(-0.08, 0.5)  # room for tick labels such as 100,000
        self.summary, self.counts, self.base_rate = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.details, self.tries = widgets.HTML(), widgets.HTML()
        self._set_threshold_range(threshold)
        self._draw_series()
        self._observe()
        self.children = [self.controls, self.legend, self.plot.widget, self.summary, self.counts,
                         self.base_rate, self.details, self.tries]

    # --- building ---

    def _build_controls(self, countries, indicator, window, all_countries) -> None:
        data = self.data
        if indicator not in data.values:
            raise ValueError(f"Unknown indicator '{indicator}'; choose one of: {', '.join(data.values)}.")
        chosen = [c for c in (countries or scenario_countries()) if c in data.ids] or [data.ids[0]]
        self.countries = widgets.SelectMultiple(
            options=list(zip(data.names, data.ids)), value=chosen, rows=8, description="Countries",
            disabled=all_countries, style=WIDE, layout=widgets.Layout(width="22em"))
        self.all_countries = widgets.Checkbox(value=all_countries, indent=False, style=WIDE,
                                              description=f"All {len(data.ids)} countries (base rates)")
        self.indicator = widgets.Dropdown(options=[(data.labels[k], k) for k in data.values], value=indicator,
                                          description="Indicator", style=WIDE)
        self.window = widgets.SelectionRangeSlider(
            options=[(month_words(m, short=True), m) for m in data.months], index=self._window_index(window),
            description="Months shown", continuous_update=False, style=WIDE, layout=widgets.Layout(width="40em"))
        self.threshold = widgets.SelectionSlider(options=[("1", 1.0)], description="Alert threshold",
                                                 continuous_update=False, style=WIDE,
                                                 layout=widgets.Layout(width="40em"))
        hint = widgets.HTML("<small>To pick several countries: Ctrl+click (⌘+click on a Mac), "
                            "or Shift with the arrow keys.</small>")
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

    # --- drawing ---

    def _draw_series(self) -> None:
        """New artists for the current countries and indicator; then alerts, window, image."""
        ax = self.plot.ax
        self._clear(ax)
        self._alert_artists, self._lines, self._top = [], [], None
        if self.all_mode:
            self._draw_count_of_alerts(ax)
        else:
            self._draw_country_lines(ax)
        self._draw_onsets(ax)
        self._draw_threshold(ax)
        self._count_top = self._steady_count_top()
        self._legend()
        ax.set_title(self._title(), loc="left", fontsize=10, y=1.0, pad=6)  # a fixed y: no re-measuring
        dynamic = self._alert_artists + [self._threshold_line, self._threshold_label]
        self.plot.set_dynamic(self._lines + dynamic if self.all_mode else dynamic)
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
        ax = self.plot.ax
        self._set_y_scale(ax)
        for line, row_values in zip(self._lines, self.series):
            line.set_ydata(row_values)
        self._label_y(ax)
        ax.set_title(self._title(), loc="left", fontsize=10, y=1.0, pad=6)
        self._top = None  # a new range: set the y limits again
        self._update_alerts()
        self._render(full=True)

    def _clear(self, ax) -> None:
        """Remove the plotted artists but keep the axes: ``ax.clear()`` would rebuild every tick (slow)."""
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts]:
            artist.remove()
        self._set_y_scale(ax)

    def _set_y_scale(self, ax) -> None:
        mode = "all" if self.all_mode else ("log" if self.log_scale else "linear")
        if mode != self._y_mode:  # a new scale resets the ticks: only when it changes
            self._y_mode = mode
            ax.set_yscale("symlog", linthresh=1) if mode == "log" else ax.set_yscale("linear")
            if mode == "log":  # 1,000 rather than 10³: plainer to read, and quicker to draw than maths text
                ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
            else:  # few ticks: each label costs drawing time
                ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=mode == "all"))

    def _draw_threshold(self, ax) -> None:
        """The threshold as a dashed line (one country or a few) and as a label, always."""
        if self.all_mode:
            self._threshold_line = None
            self._threshold_label = ax.text(1.0, 1.01, "", transform=ax.transAxes, ha="right", va="bottom",
                                            fontsize=10)  # above the plot, clear of the onset labels
            return
        self._threshold_line = ax.axhline(self.threshold.value, **THRESHOLD_LINE)
        self._threshold_label = ax.annotate("", xy=(1, self.threshold.value), xycoords=ax.get_yaxis_transform(),
                                            xytext=(-3, 3), textcoords="offset points", ha="right", va="bottom",
                                            fontsize=9, bbox=LABEL_BOX)

    def _draw_country_lines(self, ax) -> None:
        x = np.arange(len(self.data.months))
        for i, row in enumerate(self.rows):
            look = style(i)
            line, = ax.plot(x, self.data.values[self.indicator.value][row], markevery=6, markersize=5,
                            linewidth=1.6, label=self.data.names[row], **look)
            stars, = ax.plot([], [], color=look["color"], **ALERT_MARKER)
            self._lines.append(line)
            self._alert_artists.append(stars)
        self._label_y(ax)

    def _label_y(self, ax) -> None:
        unit = self.data.units[self.indicator.value]
        label = self.data.labels[self.indicator.value]
        ax.set_ylabel((f"{label} ({unit})" if unit else label) + (", log scale" if self.log_scale else ""))

    def _draw_count_of_alerts(self, ax) -> None:
        x = np.arange(len(self.data.months))
        look = style(0)
        line, = ax.step(x, np.zeros(len(x)), where="mid", color=look["color"], linestyle=look["linestyle"],
                        linewidth=1.8, label="Countries in alert")
        self._lines.append(line)
        ax.set_ylabel(f"Countries in alert (of {len(self.data.ids)})")

    def _draw_onsets(self, ax) -> None:
        """A dotted line per onset, labelled with the country, and its warning window shaded."""
        shortest, longest = self.lead
        self._onsets = [(row, t) for row in self.rows for t in alerts.onset_months(self.data.onsets[row])]
        if not self._onsets:
            return
        months = [t for _row, t in self._onsets]
        across = ax.get_xaxis_transform()  # x in months, y from the bottom (0) to the top (1) of the plot
        # One artist for all the windows and one for all the lines: each artist costs drawing time.
        ax.broken_barh([(t - longest - 0.5, longest - shortest + 1) for t in months], (0, 1), transform=across,
                       **WINDOW_SPAN)
        ax.vlines(months, 0, 1, transform=across, colors=ONSET_LINE["color"], linestyles=ONSET_LINE["linestyle"],
                  linewidths=ONSET_LINE["linewidth"])
        for row, t in self._onsets:
            ax.annotate(f"Onset: {self.data.names[row]}", xy=(t, 0.98), xycoords=across,
                        xytext=(3, 0), textcoords="offset points", rotation=90, va="top", ha="left",
                        fontsize=9, annotation_clip=True, bbox=LABEL_BOX)

    def _legend(self) -> None:
        """The countries' key, written in HTML above the plot: a screen reader reads it, and the plot
        redraws quicker without a drawn legend. Stars, shading, threshold and onsets are named in the
        title or labelled where they are."""
        if self.all_mode:
            self.legend.value = ""
            return
        entries = "".join(key_html(i, line.get_label()) for i, line in enumerate(self._lines))
        self.legend.value = f"<p><strong>Lines:</strong> {entries}</p>"

    def _title(self) -> str:
        shortest, longest = self.lead
        what = "Countries in alert each month" if self.all_mode else \
            f"{self.data.labels[self.indicator.value]}: ★ = month in alert"
        return f"{what}; shaded = {shortest}-{longest} months before an onset"

    def _update_window(self) -> None:
        first, last = self.window.index
        ax = self.plot.ax
        ax.set_xlim(first - 0.5, last + 0.5)
        months = self.data.months[first:last + 1]
        long = last - first >= 48  # years on a long span, quarters on a short one
        ticks = [i for i, m in enumerate(months, first) if (m.endswith("-01") if long else int(m[5:]) % 3 == 1)]
        labelled = ticks[::2] if len(ticks) > 6 else ticks  # every other one labelled: each label costs drawing time
        ax.set_xticks(labelled, [self.data.months[i][:4] if long else self.data.months[i] for i in labelled])
        ax.set_xticks(sorted(set(ticks) - set(labelled)), minor=True)

    def _update_alerts(self) -> bool:
        """Alert months, the plot's alert data and the scores, for the current threshold and window.

        Returns True when the y-axis had to move (then the whole figure is redrawn).
        """
        threshold = self.threshold.value
        values = self.series
        inside = self.span
        self.alerts = alerts.alert_months(values, threshold)
        x = np.arange(len(self.data.months))
        label = f"alert threshold {self.threshold_words()}"
        self._threshold_label.set_text(label)
        if self.all_mode:
            counts = self.alerts.sum(axis=0)
            self._lines[0].set_ydata(counts)
            top = max(self._count_top, nice_ceiling(float(counts[inside].max()) + 1))
        else:
            for stars, row_values, row_alerts in zip(self._alert_artists, values, self.alerts):
                stars.set_data(x[row_alerts], row_values[row_alerts])
            self._threshold_line.set_ydata([threshold, threshold])  # drawn for a few countries
            self._threshold_label.xy = (1, threshold)
            top = self.grid[-1] * (1.6 if self.log_scale else 1.05)  # fixed: the threshold never leaves the plot
        moved = top != self._top
        if moved:
            self._top = top
            self.plot.ax.set_ylim(0, top)
        self._score(inside)
        return moved

    def _score(self, inside: slice) -> None:
        onsets = self.data.onsets[self.rows][:, inside]
        self.scores = {self.data.ids[row]: alerts.score(a, o, self.lead, self.ongoing)
                       for row, a, o in zip(self.rows, self.alerts[:, inside], onsets)}
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
        """For the i-th country shown: 'Norvane: onset in November 2022, warned 8 months ahead;
        0 false alarms; in alert 14 of 120 months.'"""
        row, inside = self.rows[i], self.span
        result = self.scores[self.data.ids[row]]
        spans = alerts.episodes(self.alerts[i][inside])
        onset_text = []
        for t in alerts.onset_months(self.data.onsets[row][inside]):
            lead = alerts.lead_time(t, spans, self.lead)
            warned = f"warned {alerts.plural(lead, 'month')} ahead" if lead is not None else "missed"
            onset_text.append(f"onset in {month_words(self.data.months[inside.start + t])}, {warned}")
        onsets = "; ".join(onset_text) or "no onset in these months"
        return (f"{self.data.names[row]}: {onsets}; {alerts.plural(result.false_alarms, 'false alarm')}; "
                f"in alert {result.alert_months} of {result.months} months.")

    def _remember(self) -> None:
        line = (f"{self.data.labels[self.indicator.value]}, {self.scope_words()}, threshold "
                f"{self.threshold_words()}: {self.score.hits} of {self.score.onsets} onsets warned, "
                f"{alerts.plural(self.score.false_alarms, 'false alarm')}")
        if self.history and self.history[-1] == line:
            return
        self.history = (self.history + [line])[-HISTORY:]
        items = "".join(f"<li>{escape(h)}</li>" for h in reversed(self.history[:-1]))
        earlier = f"<details><summary>Your earlier settings</summary><ul>{items}</ul></details>"
        self.tries.value = earlier if items else ""

    def summary_text(self) -> str:
        months = self.data.months[self.span]
        shown = [(r, t) for r, t in self._onsets if self.span.start <= t < self.span.stop]
        onsets = "; ".join(f"{self.data.names[r]} {self.data.months[t]}" for r, t in shown) or "none"
        unit = "month" if len(self.rows) == 1 else "country-month"
        return (f"{self.what_words().capitalize()} for {self.scope_words()}, {months[0]} to {months[-1]}; "
                f"alert threshold {self.threshold_words()}; {alerts.plural(self.score.alert_months, unit)} in alert; "
                f"onsets: {onsets}.")

    def _render(self, full: bool) -> None:
        text = summarize(self.summary_text())
        self.summary.value = f"<p>{escape(text)}</p>"
        if full:
            self.plot.redraw(text, reuse_labels=True)  # nothing else is drawn where the legend and title are
        else:
            self.plot.refresh(text)

    def graded_text(self) -> str:
        return f"{summarize(self.summary_text())}\n{alerts.describe(self.score, self.threshold_words())}"


def monitoring_dashboard(countries=None, indicator: str = "hate_speech_index", **options) -> MonitoringDashboard:
    """The dashboard, ready to display: ``monitoring_dashboard(["norvane", "veldora"])``.

    Options: ``threshold``, ``window=("2020-01", "2024-12")``, ``all_countries=True``,
    ``lead=(1, 6)`` (months before an onset that count as warning) and ``ongoing=12``.
    """
    return MonitoringDashboard(countries, indicator, **options)
