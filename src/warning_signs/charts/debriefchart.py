"""The debrief's chart: the learner's risk level at each stage against the expert's.

The x axis always shows every stage of the scenario (those not yet played stay
blank), so axes, ticks, legend and the onset line are the same for every
learner: they are drawn once per scenario as a background, and a debrief draws
only the two lines over it (see ``PlotImage``).
"""

from __future__ import annotations

from ..data import cached
from ..knowledge.scenarios import LEVEL_LABELS, LEVELS, Stage, months_between
from ..palette import style
from .plotimage import PlotImage

MARGINS = dict(left=0.12, right=0.98, top=0.9, bottom=0.2)


class DebriefChart:
    def __init__(self, stages: tuple[Stage, ...], onset: str | None):
        self.stages = stages
        self.plot = PlotImage(width=9, height=3, dpi=72, margins=MARGINS)
        ax = self.plot.ax
        self.x = {s.number: months_between(stages[0].month, s.month) for s in stages}
        (self.expert,) = ax.plot([], [], label="Expert", markersize=8, **style(0))
        (self.learner,) = ax.plot([], [], label="You", markersize=7, **style(1))
        last = max(self.x.values())
        if onset:
            at = months_between(stages[0].month, onset)
            ax.axvline(at, color="black", linestyle=":", linewidth=1.5)
            ax.annotate("onset (panel) ", (at, 3.2), fontsize=9, ha="right")
            last = max(last, at)
        ax.set_yticks(range(len(LEVELS)), [LEVEL_LABELS[lv] for lv in LEVELS], fontsize=9)
        ax.set_ylim(-0.4, 3.6)
        ax.set_xlim(-1, last + 1)
        # Stage numbers only: stages two months apart would overlap with dates (the table has them).
        ax.set_xticks(list(self.x.values()), [str(s.number) for s in stages], fontsize=9)
        ax.set_xlabel("Stage, spaced by the months between them", fontsize=9)
        ax.legend(fontsize=9, loc="upper left", frameon=False)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        self.plot.set_dynamic([self.expert, self.learner])

    def draw(self, ratings: dict[int, str]) -> tuple[bytes, str]:
        """PNG and one-line summary for the stages in ``ratings`` (stage number -> risk level)."""
        played = [s for s in self.stages if s.number in ratings]
        x = [self.x[s.number] for s in played]
        self.expert.set_data(x, [LEVELS.index(s.risk_level) for s in played])
        self.learner.set_data(x, [LEVELS.index(ratings[s.number]) for s in played])
        pairs = "; ".join(
            f"stage {s.number} you {LEVEL_LABELS[ratings[s.number]].lower()}, expert "
            f"{LEVEL_LABELS[s.risk_level].lower()}"
            for s in played
        )
        summary = f"Risk level by stage: {pairs}."
        self.plot.refresh(summary, publish=False)
        return self.plot.png(), summary


@cached
def _chart(stages: tuple[Stage, ...], onset: str | None) -> DebriefChart:
    return DebriefChart(stages, onset)


def debrief_chart(ratings: dict[int, str], stages: tuple[Stage, ...], onset: str | None) -> tuple[bytes, str]:
    """Risk level per stage, the learner's against the expert's, with the onset if any."""
    return _chart(stages, onset).draw(ratings)
