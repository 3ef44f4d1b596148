"""A matplotlib figure shown as an image with alt text, redrawn in place.

Widgets keep one Figure and change its artists' data; :meth:`PlotImage.render`
then draws it with Agg and puts the PNG into an HTML widget. Why not
``plt.show()`` in an Output: a new figure per slider move costs several times
more, and an ``<img alt=...>`` gives screen readers the plot's summary. It
works the same in JupyterLab and Voila, and needs no extra front-end package.
"""

from __future__ import annotations

import base64
import io
from html import escape

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Fixed margins: constrained layout would re-measure every label on each draw.
MARGINS = dict(left=0.09, right=0.98, top=0.9, bottom=0.13)
PNG_OPTIONS = {"compress_level": 3}  # about as small as the default, faster to write


class PlotImage:
    """One figure (``self.figure``, axes ``self.ax``) and the widget that shows it."""

    def __init__(self, width: float = 9.5, height: float = 4.2, dpi: int = 80, margins: dict | None = None):
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(**(margins or MARGINS))
        self.ax = self.figure.add_subplot()
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.alt = ""

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", pil_kwargs=PNG_OPTIONS)
        return buffer.getvalue()

    def render(self, alt: str) -> None:
        """Draw the figure and show it, described by ``alt`` for screen readers."""
        self.alt = alt
        data = base64.b64encode(self.png()).decode("ascii")
        self.widget.value = (f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}" '
                             f'style="max-width:100%;height:auto">')
