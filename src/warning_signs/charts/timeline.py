"""The case timeline's chart: one row per event type, a marker shape per type, each event numbered.

Every artist is made once; a filter only changes the markers' data and which
numbers are visible, blitted over the kept background (see ``PlotImage``). A
new time span (the period shown) draws everything again.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import matplotlib.dates as mdates
from matplotlib.transforms import offset_copy

from ..knowledge.cases import TYPE_LABELS, Event, Gap, duration_words, event_types
from ..palette import CYCLE, MARKERS, OKABE_ITO
from .plotimage import PlotImage

CASE_SPAN: dict[str, Any] = dict(color="0.6", alpha=0.18, linewidth=0)
TIMELINE_MARGINS = dict(left=0.17, right=0.98, top=0.86, bottom=0.12)


class TimelineChart:
    """``show(events, first, last, alt)`` draws the events shown between two dates."""

    def __init__(self, events: list[Event], types: list[str], period: tuple[date, date], gap: Gap):
        self.events, self.types, self.period, self.gap = events, types, period, gap
        self.plot = PlotImage(width=10, height=1.2 + 0.55 * len(types), margins=TIMELINE_MARGINS)
        self._xlim: tuple[date, date] | None = None
        self._draw()

    def _draw(self) -> None:
        """All artists once: a marker line per type (data set on each update) and a number per event."""
        ax = self.plot.ax
        rows = {t: len(self.types) - 1 - i for i, t in enumerate(self.types)}  # first type on top
        self.rows = rows
        ax.axvspan(self.period[0], self.period[1], label="Period of the case", **CASE_SPAN)  # type: ignore[arg-type]
        self.markers = {}
        every_type = event_types()  # a type keeps its shape and colour from case to case
        for t in self.types:
            i = every_type.index(t)
            (self.markers[t],) = ax.plot(
                [],
                [],
                linestyle="none",
                marker=MARKERS[i % len(MARKERS)],
                markersize=9,
                color=CYCLE[i % len(CYCLE)],
                markeredgecolor=OKABE_ITO["black"],
                label=TYPE_LABELS.get(t, t),
            )
        self.labels = {}
        # Plain texts 9 points above or below their marker: quicker to draw than annotations.
        shifted = {
            up: offset_copy(ax.transData, fig=self.plot.figure, y=9 if up else -9, units="points")
            for up in (True, False)
        }
        for e in self.events:  # alternate above and below, so neighbours' numbers do not collide
            above = sum(1 for o in self.events if o.type == e.type and o.number < e.number) % 2 == 0
            self.labels[e.number] = ax.text(
                mdates.date2num(e.date),
                rows[e.type],
                str(e.number),
                transform=shifted[above],
                ha="center",
                va="bottom" if above else "top",
                fontsize=8,
                clip_on=True,
            )
        self._draw_gap(ax)
        self.plot.set_dynamic([*self.markers.values(), *self.labels.values()])
        ax.set_yticks(list(rows.values()), [TYPE_LABELS.get(t, t) for t in rows])
        ax.set_ylim(-0.8, len(self.types) - 1 + 1.0)
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="y", color="0.9")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncol=len(self.types) + 1, fontsize=8, frameon=False)

    def _draw_gap(self, ax) -> None:
        """A double arrow from the first warning to the first response after it."""
        self._gap_label = None
        if not (self.gap.warning and self.gap.response and self.gap.days is not None):
            return
        y = self.rows["warning"] + 0.62  # above the warnings' numbers
        ax.annotate(
            "",
            xy=(self.gap.response.date, y),
            xytext=(self.gap.warning.date, y),
            arrowprops=dict(arrowstyle="<->", color=OKABE_ITO["black"], linewidth=1.2),
        )
        self._gap_label = ax.annotate(
            f"first warning to first response: {duration_words(self.gap.days, self.gap.approximate)}",
            xy=(self.gap.warning.date, y),
            xytext=(0, 3),
            textcoords="offset points",
            va="bottom",
            fontsize=8,
            annotation_clip=False,
        )

    def _place_gap_label(self, first: date, last: date) -> None:
        """Start the label at the warning, or end it at the response when the arrow is in the right half."""
        label = self._gap_label
        if label is None or not (self.gap.warning and self.gap.response):
            return
        right = self.gap.warning.date - first > (last - first) / 2
        label.xy = (self.gap.response.date if right else self.gap.warning.date, label.xy[1])
        label.set_horizontalalignment("right" if right else "left")

    def show(self, shown: list[Event], first: date, last: date, alt: str) -> None:
        """Markers and numbers of the ``shown`` events, on a time axis from ``first`` to ``last``."""
        for t, line in self.markers.items():
            dates = [mdates.date2num(e.date) for e in shown if e.type == t]
            line.set_data(dates, [self.rows[t]] * len(dates))
        numbers = {e.number for e in shown}
        for number, label in self.labels.items():
            label.set_visible(number in numbers)
        if self._set_xlim(first, last):  # a new time axis: draw everything
            self.plot.redraw(alt, reuse_labels=True)
        else:  # only markers and numbers changed
            self.plot.refresh(alt)

    def _set_xlim(self, first: date, last: date) -> bool:
        """Fit the time axis to the period shown; True if it changed."""
        pad = timedelta(days=max(10, (last - first).days // 40))
        if self._xlim == (first - pad, last + pad):
            return False
        self._xlim = (first - pad, last + pad)
        self.plot.ax.set_xlim(*self._xlim)  # type: ignore[arg-type]
        self._place_gap_label(first, last)
        return True
