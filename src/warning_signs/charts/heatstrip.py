"""The risk-assessment heat strip: one row per reader (you, and the expert once compared), one cell per factor.

The axes, ticks, titles and every cell in its empty look (white, a dash) are
the background, drawn once per process for each layout (with or without the
expert's row) and shared by every strip; an update blits only the filled
cells and their labels over it, which keeps a click well under the 50 ms
budget (see benchmarks/).
"""

from __future__ import annotations

from matplotlib.patches import Rectangle

from ..knowledge.framework import Framework, factor_of
from ..palette import OKABE_ITO
from .plotimage import PlotImage

HEAT = [  # by number of signs marked under a factor: colour, hatch, legend
    ("#FFFFFF", "", "none"),
    (OKABE_ITO["sky_blue"], "..", "1 sign (dotted)"),
    (OKABE_ITO["orange"], "//", "2 signs (striped)"),
    (OKABE_ITO["vermillion"], "xx", "3 or more (cross-hatched)"),
]
EXPERT_CELL = (OKABE_ITO["bluish_green"], "\\\\")
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}  # keeps labels readable over hatching
EMPTY = "–"
_BACKGROUNDS: dict = {}  # the strip's static pixels, shared by every strip of the same layout


class HeatStrip:
    """``update(marked, expert_factors)`` sets the cells; ``png()`` draws them; ``data`` holds the counts."""

    def __init__(self, fw: Framework):
        self.fw = fw
        n = len(fw.factors)
        self.plot = PlotImage(
            width=9, height=1.9, dpi=72, rects=[[0.08, 0.3, 0.9, 0.5]], colours=None, backgrounds=_BACKGROUNDS
        )
        self.figure, self.canvas, self.ax = self.plot.figure, self.plot.canvas, self.plot.ax
        ax = self.ax
        self.cells: dict = {}
        self.labels: dict = {}
        for row in (0, 1):  # 0: expert, 1: you
            for col, factor in enumerate(fw.factors):
                ax.add_patch(Rectangle((col, row), 1, 1, facecolor="white", edgecolor="black", linewidth=0.8))
                ax.text(
                    col + 0.5,
                    row + 0.5,
                    EMPTY,
                    ha="center",
                    va="center",
                    fontsize=9,
                    fontweight="bold",
                    bbox=LABEL_BOX,
                    clip_on=True,
                )  # the empty look, part of the background
                self.cells[row, factor.id] = ax.add_patch(
                    Rectangle((col, row), 1, 1, facecolor="white", edgecolor="black", linewidth=0.8)
                )
                self.labels[row, factor.id] = ax.text(
                    col + 0.5, row + 0.5, "", ha="center", va="center", fontsize=9, fontweight="bold", bbox=LABEL_BOX
                )
        self.plot.set_dynamic([*self.cells.values(), *self.labels.values()])
        ax.set_xlim(0, n)
        ax.set_xticks([c + 0.5 for c in range(n)], [str(f.number) for f in fw.factors], fontsize=9)
        ax.set_yticks([0.5, 1.5], ["Expert", "You"], fontsize=9)
        ax.tick_params(length=0)
        common = sum(1 for f in fw.factors if f.kind == "common")
        ax.axvline(common, color="black", linewidth=2.5)
        ax.set_xlabel("Risk factor (UN Framework number)", fontsize=9)
        ax.set_title(
            f"Left of the thick line: common factors 1-{common}; right: specific factors", fontsize=9, loc="left"
        )
        for side in ax.spines.values():
            side.set_visible(False)
        self.with_expert = False
        self.data: list[dict] = []
        self.filled: set = set()  # (row, factor id) of the cells that differ from the empty look

    def update(self, marked, expert_factors=None) -> None:
        counts = {f.id: 0 for f in self.fw.factors}
        for item in marked:
            counts[factor_of(item)] = counts.get(factor_of(item), 0) + 1
        expert = set(expert_factors or [])
        self.with_expert = expert_factors is not None
        self.data = [
            {
                "factor": f.id,
                "number": f.number,
                "marked": counts[f.id],
                "items": len(f.items),
                "expert": (f.id in expert) if self.with_expert else None,
            }
            for f in self.fw.factors
        ]
        for row in self.data:
            colour, hatch, _ = HEAT[min(row["marked"], 3)]
            self._paint(1, row["factor"], colour, hatch, str(row["marked"]) if row["marked"] else EMPTY)
            colour, hatch = EXPERT_CELL if row["expert"] else ("#FFFFFF", "")
            self._paint(0, row["factor"], colour, hatch, "✓" if row["expert"] else EMPTY)

    def _paint(self, row, factor_id, colour, hatch, text) -> None:
        (self.filled.add if text != EMPTY else self.filled.discard)((row, factor_id))
        cell = self.cells[row, factor_id]
        cell.set_facecolor(colour)
        cell.set_hatch(hatch)
        self.labels[row, factor_id].set_text(text)

    def png(self) -> bytes:
        """Only filled cells of the rows shown are drawn: an empty cell is already in the background."""
        self.ax.set_ylim(0 if self.with_expert else 1, 2)
        rows = (0, 1) if self.with_expert else (1,)
        for key, cell in self.cells.items():
            shown = key in self.filled and key[0] in rows
            if cell.get_visible() != shown:  # each change marks the figure stale: only real ones
                cell.set_visible(shown)
                self.labels[key].set_visible(shown)
        layout = (tuple((f.number, f.kind) for f in self.fw.factors), self.with_expert)
        self.plot.refresh("", publish=False, key=layout)
        return self.plot.png()


def strip_summary(data: list[dict], fw: Framework) -> str:
    marked = [row for row in data if row["marked"]]
    signs = sum(row["marked"] for row in data)
    if not marked:
        text = f"You have marked no signs yet under the {len(data)} risk factors."
    else:
        factors = ", ".join(f"{r['number']} {fw.factor(r['factor']).name} ({r['marked']})" for r in marked)
        plural = "s" if signs != 1 else ""
        text = f"You marked {signs} sign{plural} under {len(marked)} of {len(data)} factors: {factors}."
    if data and data[0]["expert"] is not None:
        expert = [str(row["number"]) for row in data if row["expert"]]
        text += f" The expert sees factors {', '.join(expert)}."
    return text
