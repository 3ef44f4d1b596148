"""The instructor's grade-distribution chart: how many learners got each autograded total."""

from __future__ import annotations

import statistics

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..palette import OKABE_ITO
from .image import encode_png


def distribution_figure(assignment: str, totals: list[float], max_total: float) -> Figure:
    """Bars of learners per total, Okabe-Ito blue, the mean as a dashed line (labelled, not colour-coded)."""
    scores = range(int(max_total) + 1)
    counts = [sum(1 for t in totals if round(t) == s) for s in scores]
    fig = Figure(figsize=(6.4, 3.6))
    FigureCanvasAgg(fig)  # its own canvas: no pyplot, so no backend to choose and no figure to close
    ax = fig.add_subplot()
    ax.bar(list(scores), counts, color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["black"])
    if totals:
        mean = statistics.mean(totals)
        ax.axvline(mean, color=OKABE_ITO["vermillion"], linestyle="--", label=f"mean {mean:.1f}")
        ax.legend(frameon=False)
    ax.set_xlabel(f"Autograded points (of {max_total:g})")
    ax.set_ylabel("Learners")
    ax.set_title(f"{assignment}: grade distribution")
    ax.set_xticks(list(scores))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def distribution_png(assignment: str, totals: list[float], max_total: float, dpi: int = 120) -> bytes:
    """The chart as PNG bytes (every pixel kept: it is a file the instructor keeps)."""
    fig = distribution_figure(assignment, totals, max_total)
    fig.set_dpi(dpi)
    fig.canvas.draw()
    return encode_png(fig.canvas, colours=None)
