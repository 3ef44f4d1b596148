"""The response planner's chart: options per time band, your mix and the expert's once compared.

The bars are made once. A click only changes their heights and labels, blitted
over the background kept for the current y scale and legend (see ``PlotImage``):
a full draw happens only for a scale or legend not drawn before. That keeps a
click well under the 50 ms budget (see benchmarks/).
"""

from __future__ import annotations

from typing import Any

from matplotlib.ticker import MaxNLocator

from ..knowledge.responses import Mix
from ..palette import OKABE_ITO
from .plotimage import PlotImage

YOU_STYLE: dict[str, Any] = {"color": OKABE_ITO["blue"], "hatch": "//", "edgecolor": "black"}
EXPERT_STYLE: dict[str, Any] = {"color": OKABE_ITO["bluish_green"], "hatch": "..", "edgecolor": "black"}


class TimeChart:
    """``update(mix, expert)`` redraws and returns the one-line summary; ``data`` holds the counts."""

    def __init__(self, bands: tuple[str, ...]):
        self.bands = bands
        # Fixed margins (left 0.1, right 0.98, top 0.86, bottom 0.2): no re-layout per click.
        self.plot = PlotImage(width=7.0, height=2.8, dpi=80, rects=[[0.1, 0.2, 0.88, 0.66]], colours=None)
        self.widget = self.plot.widget
        ax = self.ax = self.plot.ax
        x = range(len(bands))
        self.you = ax.bar([i - 0.2 for i in x], [0] * len(bands), width=0.4, label="Your mix", **YOU_STYLE)
        self.expert = ax.bar([i + 0.2 for i in x], [0] * len(bands), width=0.4, label="Expert's mix", **EXPERT_STYLE)
        self.you_labels = [ax.text(i - 0.2, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.expert_labels = [ax.text(i + 0.2, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.plot.set_dynamic([*self.you, *self.expert, *self.you_labels, *self.expert_labels])
        ax.set_xticks(list(x), [b.capitalize() for b in bands])
        ax.set_xlabel("Time to take effect", fontsize=9)
        ax.set_ylabel("Options", fontsize=9)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of options are whole numbers
        ax.spines[["top", "right"]].set_visible(False)
        self.legend = ax.legend(loc="upper right", fontsize=8, frameon=False)
        self.title = ax.set_title("", fontsize=9, loc="left")
        self.data: list[dict] = []
        self._static: tuple[int, bool] | None = None

    def update(self, mix: Mix, expert: Mix | None = None) -> str:
        """Redraw for ``mix`` (and ``expert``); return the one-line summary."""
        self.data = [
            {
                "band": b,
                "chosen": len(mix.bands[b]),
                "options": list(mix.bands[b]),
                "expert": len(expert.bands[b]) if expert else None,
            }
            for b in self.bands
        ]
        for row, bar, label in zip(self.data, self.you, self.you_labels):
            self._set(bar, label, row["chosen"], True)
        for row, bar, label in zip(self.data, self.expert, self.expert_labels):
            self._set(bar, label, row["expert"] or 0, expert is not None)
        # Head room of at least 4, so the scale (and a full draw) changes only now and then.
        top = max([3] + [row["chosen"] for row in self.data] + [row["expert"] or 0 for row in self.data]) + 1
        compared = expert is not None
        if (top, compared) != self._static:  # the scale, legend and title: set only when they change
            self._static = (top, compared)
            self.ax.set_ylim(0, top)
            self.legend.set_visible(compared)
            self.title.set_text("How soon your options act" + (", beside the expert's" if compared else ""))
        summary = chart_summary(self.data, mix)
        self.plot.refresh(summary, key=self._static)
        return summary

    @staticmethod
    def _set(bar, label, height: int, visible: bool) -> None:
        bar.set_height(height)
        bar.set_visible(visible)
        label.set_y(height)
        label.set_text(str(height) if visible else "")

    def png(self) -> bytes:
        """The canvas as it stands (after :meth:`update`), as PNG."""
        return self.plot.png()


def chart_summary(data: list[dict], mix: Mix) -> str:
    counts = ", ".join(f"{row['band']} {row['chosen']}" for row in data)
    text = f"Your {len(mix.chosen)} option{'s' if len(mix.chosen) != 1 else ''} by time to effect: {counts}"
    text += f"; fastest {mix.fastest}, slowest {mix.slowest}." if mix.chosen else "."
    if data and data[0]["expert"] is not None:
        text += " The expert's: " + ", ".join(f"{row['band']} {row['expert']}" for row in data) + "."
    return text
