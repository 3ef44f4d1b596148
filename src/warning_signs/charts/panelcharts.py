"""The scenario player's monitoring charts: six small charts of a country's panel.

Each stage shows the data from a year before the first stage up to the
stage's own month. The x axis spans the whole scenario, so months still to
come stay blank and everything but the lines and the y axes is the same at
every stage: titles, frames and the x axis are drawn once as a background,
and a stage redraws only its lines and y axes over it (see ``PlotImage``).
That keeps a stage change to a few tens of milliseconds.

The y axes follow the data shown so far, never the months to come, so the
scale gives nothing away about what happens next.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..data import cached
from ..knowledge.panel import Signal, country_panel, scenario_window, signals
from ..knowledge.scenario_calendar import month_name, tick_label
from ..palette import style
from ..paths import datasets_dir
from .plotimage import PlotImage

MARGINS = dict(left=0.05, right=0.99, top=0.87, bottom=0.08, wspace=0.22, hspace=0.65)


def panel_summary(data: pd.DataFrame, wanted: list[Signal]) -> str:
    """Latest month against the average of the twelve months before it, for each signal."""
    if data.empty:
        return "No monitoring data for these months."
    latest, before = data.iloc[-1], data.iloc[-13:-1]
    parts = [
        f"{s.title.lower()} {latest[s.column]:g} (average {before[s.column].astype(float).mean():.1f})" for s in wanted
    ]
    return (
        f"{data['country_name'].iloc[0]} monitoring data, {month_name(data['month'].iloc[0])} to "
        f"{month_name(latest['month'])}; latest month against the 12 months before: " + "; ".join(parts) + "."
    )


class PanelCharts:
    """The charts of one scenario; :meth:`stage` gives a stage's picture, summary and data."""

    def __init__(self, scenario_id: str):
        self.signals = signals()
        first, last = scenario_window(scenario_id)
        panel = country_panel(scenario_id)
        self.data = panel[(panel["month"] >= first) & (panel["month"] <= last)].reset_index(drop=True)
        self.plot = PlotImage(width=10, height=4.8, dpi=72, margins=MARGINS, grid=(2, 3))
        self.lines: list = []
        self._draw_frame()

    def _draw_frame(self) -> None:
        """Titles, frames and the x axis: the background shared by every stage."""
        months = list(self.data["month"])
        ticks = [i for i, m in enumerate(months) if m.endswith("-01")] or [0]
        for i, (ax, signal) in enumerate(zip(self.plot.axes, self.signals)):
            (line,) = ax.plot([], [], markersize=3, linewidth=1.5, **style(i))
            self.lines.append(line)
            ax.set_title(f"{signal.title}\n({signal.unit})", fontsize=9, loc="left", y=1.0)  # y given: no layout pass
            ax.set_xlim(-0.5, len(months) - 0.5)
            ax.set_xticks(ticks, [tick_label(months[t]) for t in ticks])
            integer = pd.api.types.is_integer_dtype(self.data[signal.column])
            ax.yaxis.set_major_locator(MaxNLocator(2, integer=integer))
            ax.tick_params(labelsize=8)
            ax.yaxis.set_label_coords(-0.1, 0.5)  # fixed: no measuring of tick labels at each draw
            ax.xaxis.set_label_coords(0.5, -0.1)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        self.plot.set_dynamic(self.lines + [ax.yaxis for ax in self.plot.axes])

    def stage(self, month: str) -> tuple[bytes, str, pd.DataFrame]:
        """PNG, one-line summary and data of the charts up to ``month``."""
        shown = self.data[self.data["month"] <= month]
        for ax, line, signal in zip(self.plot.axes, self.lines, self.signals):
            values = shown[signal.column].astype(float)
            line.set_data(range(len(shown)), values)
            top = values.max() if len(values) else 0.0
            ax.set_ylim(0, top * 1.08 if top > 0 else 1.0)
        summary = panel_summary(shown, self.signals)
        self.plot.refresh(summary, publish=False)  # the player shows the picture in its own widget
        return self.plot.png(), summary, shown.reset_index(drop=True)


@cached
def _charts(_root: str, scenario_id: str) -> PanelCharts:
    return PanelCharts(scenario_id)


def panel_charts(scenario_id: str) -> PanelCharts:
    """The charts of a scenario, shared by every player of it in this kernel."""
    return _charts(str(datasets_dir()), scenario_id)
