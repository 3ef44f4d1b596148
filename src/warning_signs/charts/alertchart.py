"""The monitoring dashboard's chart: indicator lines (or countries in alert), alert stars, onsets, threshold.

Made of artists that live as long as the countries and indicator shown: a
threshold or window change only moves their data, and a threshold change that
leaves the y axis alone blits only the stars, the threshold line and its label
over the kept background (see ``PlotImage``). The dashboard decides what to
show; this module only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..knowledge.scenario_calendar import tick_label
from ..palette import OKABE_ITO, style
from .plotimage import PlotImage

ALERT_MARKER: dict[str, Any] = dict(marker="*", markersize=11, markeredgecolor=OKABE_ITO["black"], linestyle="none")
ONSET_LINE: dict[str, Any] = dict(color=OKABE_ITO["black"], linestyle=":", linewidth=1.6)
THRESHOLD_LINE: dict[str, Any] = dict(color=OKABE_ITO["black"], linestyle="--", linewidth=1.2)
WINDOW_SPAN: dict[str, Any] = dict(color="0.6", alpha=0.18, linewidth=0)
PLOT_MARGINS = dict(left=0.1, right=0.98, top=0.9, bottom=0.1)
LABEL_BOX: dict[str, Any] = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85)


class AlertChart:
    """``draw(...)`` makes the artists; ``set_values``, ``set_window``, ``set_alerts`` move them; ``render`` shows."""

    def __init__(self, months: Sequence[str]):
        self.months = list(months)
        self.x = np.arange(len(self.months))
        self.plot = PlotImage(width=10, height=4.4, margins=PLOT_MARGINS)
        self.ax = self.plot.ax
        self.ax.yaxis.set_label_coords(-0.08, 0.5)  # room for tick labels such as 100,000
        self.y_mode: str | None = None  # set with its tick locator on the first drawing
        self.lines: list = []
        self.stars: list = []
        self.threshold_line: Any = None  # a line for a few countries; none for all of them
        self.threshold_label: Any = None
        self.top: float | None = None

    # --- artists ---

    def draw(
        self,
        mode: str,
        series,
        names: Sequence[str],
        onsets: Sequence[tuple[int, str]],
        lead: tuple[int, int],
        threshold: float,
    ) -> None:
        """New artists: one line per country (``mode`` 'linear' or 'log'), or the count of
        countries in alert (``mode`` 'all'); onsets as (month index, country name)."""
        ax = self.ax
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts]:
            artist.remove()  # not ax.clear(): that rebuilds every tick (slow)
        self.set_y_scale(mode)
        self.lines, self.stars, self.top = [], [], None
        if mode == "all":
            look = style(0)
            (line,) = ax.step(
                self.x,
                np.zeros(len(self.x)),
                where="mid",
                color=look["color"],
                linestyle=look["linestyle"],
                linewidth=1.8,
                label="Countries in alert",
            )
            self.lines.append(line)
        else:
            for i, (values, name) in enumerate(zip(series, names)):
                look = style(i)
                (line,) = ax.plot(self.x, values, markevery=6, markersize=5, linewidth=1.6, label=name, **look)
                (stars,) = ax.plot([], [], color=look["color"], **ALERT_MARKER)
                self.lines.append(line)
                self.stars.append(stars)
        self._draw_onsets(onsets, lead)
        self._draw_threshold(mode == "all", threshold)
        dynamic = self.stars + [self.threshold_line, self.threshold_label]
        self.plot.set_dynamic(self.lines + dynamic if mode == "all" else dynamic)

    def set_y_scale(self, mode: str) -> None:
        if mode == self.y_mode:  # a new scale resets the ticks: only when it changes
            return
        self.y_mode = mode
        ax = self.ax
        ax.set_yscale("symlog", linthresh=1) if mode == "log" else ax.set_yscale("linear")
        if mode == "log":  # 1,000 rather than 10³: plainer to read, and quicker to draw than maths text
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        else:  # few ticks: each label costs drawing time
            ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=mode == "all"))

    def _draw_threshold(self, counting: bool, threshold: float) -> None:
        """The threshold as a dashed line (one country or a few) and as a label, always."""
        ax = self.ax
        if counting:
            self.threshold_line = None
            self.threshold_label = ax.text(
                1.0, 1.01, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10
            )  # above the plot, clear of the onset labels
            return
        self.threshold_line = ax.axhline(threshold, **THRESHOLD_LINE)
        self.threshold_label = ax.annotate(
            "",
            xy=(1, threshold),
            xycoords=ax.get_yaxis_transform(),
            xytext=(-3, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=9,
            bbox=LABEL_BOX,
        )

    def _draw_onsets(self, onsets: Sequence[tuple[int, str]], lead: tuple[int, int]) -> None:
        """A dotted line per onset, labelled with the country, and its warning window shaded."""
        if not onsets:
            return
        shortest, longest = lead
        ax = self.ax
        months = [t for t, _name in onsets]
        across = ax.get_xaxis_transform()  # x in months, y from the bottom (0) to the top (1) of the plot
        # One artist for all the windows and one for all the lines: each artist costs drawing time.
        ax.broken_barh(
            [(t - longest - 0.5, longest - shortest + 1) for t in months], (0, 1), transform=across, **WINDOW_SPAN
        )
        ax.vlines(
            months,
            0,
            1,
            transform=across,
            colors=ONSET_LINE["color"],
            linestyles=ONSET_LINE["linestyle"],
            linewidths=ONSET_LINE["linewidth"],
        )
        for t, name in onsets:
            ax.annotate(
                f"Onset: {name}",
                xy=(t, 0.98),
                xycoords=across,
                xytext=(3, 0),
                textcoords="offset points",
                rotation=90,
                va="top",
                ha="left",
                fontsize=9,
                annotation_clip=True,
                bbox=LABEL_BOX,
            )

    # --- data ---

    def set_values(self, series) -> None:
        """Another indicator for the same countries: the lines' values only."""
        for line, values in zip(self.lines, series):
            line.set_ydata(values)
        self.top = None  # a new range: set the y limits again

    def set_labels(self, ylabel: str, title: str) -> None:
        self.ax.set_ylabel(ylabel)
        self.ax.set_title(title, loc="left", fontsize=10, y=1.0, pad=6)  # a fixed y: no re-measuring

    def set_window(self, first: int, last: int) -> None:
        """Show months ``first`` to ``last`` (indices): years on a long span, quarters on a short one."""
        ax = self.ax
        ax.set_xlim(first - 0.5, last + 0.5)
        months = self.months[first : last + 1]
        long = last - first >= 48
        ticks = [i for i, m in enumerate(months, first) if (m.endswith("-01") if long else int(m[5:]) % 3 == 1)]
        labelled = ticks[::2] if len(ticks) > 6 else ticks  # every other one labelled: each label costs drawing time
        ax.set_xticks(labelled, [tick_label(self.months[i], with_month=not long) for i in labelled])
        ax.set_xticks(sorted(set(ticks) - set(labelled)), minor=True)

    def set_alerts(self, series, in_alert, threshold: float, label: str) -> None:
        """Stars on the months in alert and the threshold (a few countries), or the count per month (all)."""
        self.threshold_label.set_text(label)
        if self.threshold_line is None:
            self.lines[0].set_ydata(in_alert.sum(axis=0))
            return
        for stars, values, alerts in zip(self.stars, series, in_alert):
            stars.set_data(self.x[alerts], values[alerts])
        self.threshold_line.set_ydata([threshold, threshold])
        self.threshold_label.xy = (1, threshold)

    def set_top(self, top: float) -> bool:
        """The top of the y axis; True if it moved (then everything must be drawn again)."""
        if top == self.top:
            return False
        self.top = top
        self.ax.set_ylim(0, top)
        return True

    def render(self, alt: str, full: bool) -> None:
        if full:
            self.plot.redraw(alt, reuse_labels=True)  # nothing else is drawn where the legend and title are
        else:
            self.plot.refresh(alt)
