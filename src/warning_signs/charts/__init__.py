"""Charts: every plot of the course goes through one pipeline (PlotImage).

A chart is a matplotlib figure drawn once, redrawn in place (blitting the
artists that change over a kept background), encoded by :func:`encode_png`
and shown as an ``<img alt=...>`` (:func:`img_html`, :func:`figure_html`)
that a screen reader reads. Charts take plain data from ``warning_signs.knowledge``
and know nothing of ipywidgets beyond the one HTML widget PlotImage fills.
"""

from .image import encode_png, figure_html, img_html
from .plotimage import PlotImage

__all__ = ["PlotImage", "encode_png", "figure_html", "img_html"]
