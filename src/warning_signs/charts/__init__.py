"""Charts: every plot of the course goes through one pipeline (PlotImage).

A chart is a matplotlib figure drawn once, redrawn in place, encoded as PNG
and shown as an ``<img alt=...>`` that a screen reader reads.
"""

from warning_signs.widgets.plotimage import PlotImage  # moved here by the architecture work

__all__ = ["PlotImage"]
