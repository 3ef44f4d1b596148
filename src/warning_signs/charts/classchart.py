"""The class view's chart: shares of learners per risk level and per factor, the expert's picks hatched.

The axes are fixed (0-100 % of learners), so they are drawn once; a refresh
blits only the bars and their labels (see ``PlotImage``), well under 50 ms.
"""

from __future__ import annotations

from matplotlib.patches import Patch

from ..knowledge.classroom import Distribution
from ..knowledge.framework import framework
from ..knowledge.scenarios import LEVEL_LABELS, LEVELS
from ..palette import OKABE_ITO
from .plotimage import PlotImage

BAR = OKABE_ITO["blue"]
EXPERT_BAR = (OKABE_ITO["vermillion"], "//")


class ClassChart:
    """Shares of learners per risk level and per factor; the expert's picks hatched and labelled.

    The axes are fixed (0-100 % of learners), so they are drawn once; a refresh
    redraws only the bars and their labels (blitting), well under 50 ms.
    """

    def __init__(self):
        fw = framework()
        self.plot = PlotImage(
            width=10, height=3.2, dpi=72, rects=[[0.06, 0.2, 0.25, 0.62], [0.37, 0.2, 0.62, 0.62]], colours=None
        )
        left, right = self.plot.axes
        self.risk_bars = left.bar(range(len(LEVELS)), [0] * len(LEVELS), color=BAR, edgecolor="black")
        self.factor_bars = right.bar(range(len(fw.factors)), [0] * len(fw.factors), color=BAR, edgecolor="black")
        self.risk_labels = [left.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(len(LEVELS))]
        self.factor_labels = [
            right.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(len(fw.factors))
        ]
        # Drawn in this order: each axes' bars, then its labels.
        self.plot.set_dynamic([*self.risk_bars, *self.risk_labels, *self.factor_bars, *self.factor_labels])
        left.set_xticks(range(len(LEVELS)), [LEVEL_LABELS[lv] for lv in LEVELS], fontsize=9)
        left.set_title("Risk level chosen", fontsize=10, loc="left")
        right.set_xticks(range(len(fw.factors)), [str(f.number) for f in fw.factors], fontsize=9)
        right.set_xlabel("Risk factor (UN Framework number)", fontsize=9)
        right.set_title("Factors marked (at least one sign)", fontsize=10, loc="left")
        for ax in (left, right):
            ax.set_ylim(0, 125)
            ax.set_yticks([0, 50, 100], ["0%", "50%", "100%"], fontsize=8)
            ax.set_ylabel("Share of learners", fontsize=9)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        right.legend(
            handles=[
                Patch(facecolor=BAR, edgecolor="black", label="learners"),
                Patch(
                    facecolor=EXPERT_BAR[0],
                    hatch=EXPERT_BAR[1],
                    edgecolor="black",
                    label="the expert's reading (also labelled E)",
                ),
            ],
            fontsize=8,
            loc="upper right",
            frameon=False,
            ncols=2,
        )
        self.axes = (left, right)
        self.data: dict = {}

    def update(self, dist: Distribution) -> bytes:
        fw = framework()
        risk = [(lv, dist.risk[lv], lv == dist.stage.risk_level) for lv in LEVELS]
        factors = [(f.id, dist.factors[f.id], f.id in dist.stage.factors) for f in fw.factors]
        self.data = {"learners": len(dist.learners), "risk": risk, "factors": factors}
        for bars, labels, rows in (
            (self.risk_bars, self.risk_labels, risk),
            (self.factor_bars, self.factor_labels, factors),
        ):
            for bar, label, (_key, count, expert) in zip(bars, labels, rows):
                share = dist.share(count)
                bar.set_height(share)
                bar.set_facecolor(EXPERT_BAR[0] if expert else BAR)
                bar.set_hatch(EXPERT_BAR[1] if expert else "")
                label.set_position((bar.get_x() + bar.get_width() / 2, share + 1))
                label.set_text(f"{count}{' E' if expert else ''}")
        self.plot.refresh("", publish=False)
        return self.plot.png()
