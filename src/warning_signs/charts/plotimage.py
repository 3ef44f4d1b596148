"""A matplotlib figure shown as an image with alt text, redrawn in place and fast.

Widgets keep one Figure and change its artists' data. Why an image and not
``plt.show()`` in an Output: a new figure per slider move costs several
times more, and an ``<img alt=...>`` gives screen readers the plot's
summary. It works the same in JupyterLab and Voila, with no extra front-end
package.

Two ways to draw, because drawing text (ticks, legend) is what costs:

* :meth:`PlotImage.redraw` draws everything, then keeps the picture without
  the *dynamic* artists as a background (Agg "blitting");
* :meth:`PlotImage.refresh` pastes that background and draws only the dynamic
  artists (say, alert markers and the threshold line): a few milliseconds.

A legend and a title that have not changed are pasted from their last drawing too.
"""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from .image import encode_png, img_html

MIN_TEXT_PX = 11  # no chart text smaller, at the default zoom (the course's accessibility rule)
# Fixed margins: constrained layout would re-measure every label on each draw.
MARGINS = dict(left=0.09, right=0.98, top=0.9, bottom=0.13)


class PlotImage:
    """One figure (``self.figure``, axes ``self.ax``) and the widget that shows it.

    ``grid=(rows, columns)`` makes small multiples instead: ``self.axes`` lists
    them row by row and ``self.ax`` is the first. ``rects`` places axes by hand
    for a custom layout (``[left, bottom, width, height]`` in figure fractions,
    one per axes); ``colours=None`` keeps every pixel in the PNG (see ``encode_png``).
    ``backgrounds``: a dict shared by charts that look the same underneath, so
    each kept background (see :meth:`refresh`) is drawn once per process.
    """

    def __init__(
        self,
        width: float = 9.5,
        height: float = 4.2,
        dpi: int = 80,
        margins: dict | None = None,
        grid: tuple[int, int] = (1, 1),
        rects: list | None = None,
        colours: int | None = 256,
        backgrounds: dict | None = None,
    ):
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.colours = colours
        if rects:
            self.axes = [self.figure.add_axes(rect) for rect in rects]
            self.ax = self.axes[0]
        else:
            self.figure.subplots_adjust(**(margins or MARGINS))
            self.axes = list(self.figure.subplots(*grid, squeeze=False).flat)
            self.ax = self.axes[0]
            # Fixed axis-label places: otherwise every draw measures all tick labels to place them.
            self.ax.xaxis.set_label_coords(0.5, -0.12)
            self.ax.yaxis.set_label_coords(-0.075, 0.5)
        self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.alt = ""
        self.dynamic: list = []
        self._background = None
        self._key: object = None  # what the kept background was drawn for (see refresh)
        self._backgrounds = {} if backgrounds is None else backgrounds
        self._labels: dict = {}  # 'legend' or a title slot -> (its look, its pixels) at the last full drawing

    def set_dynamic(self, artists) -> None:
        """Artists that :meth:`refresh` redraws; full drawings leave them to the end."""
        for artist in self.dynamic:
            artist.set_animated(False)
        self.dynamic = [a for a in artists if a is not None]
        for artist in self.dynamic:
            artist.set_animated(True)  # skipped by canvas.draw(), drawn by hand on top

    def redraw(self, alt: str, reuse_labels: bool = False, publish: bool = True) -> None:
        """Draw everything and show it, described by ``alt`` for screen readers.

        ``reuse_labels``: the caller promises that nothing but the legend and the
        title is ever drawn where they are, so a legend or title that looks as
        at its last drawing is pasted back instead of laying out its text again.
        ``publish=False`` only draws: the caller takes :meth:`png` itself.
        """
        readable_text(self.figure)
        labels = _labels(self.ax)  # slot ('legend', 'title', ...) -> artist
        looks = {slot: _look(artist) for slot, artist in labels.items()}
        reused = [slot for slot in labels if reuse_labels and self._labels.get(slot, (None,))[0] == looks[slot]]
        for slot in reused:
            labels[slot].set_visible(False)
        try:
            self.canvas.draw()
        finally:
            for slot in reused:
                labels[slot].set_visible(True)
        for slot, artist in labels.items():
            if slot in reused:
                self.canvas.restore_region(self._labels[slot][1])
            else:
                box = artist.get_window_extent().padded(2)
                self._labels[slot] = (looks[slot], self.canvas.copy_from_bbox(box))
        self._background = self._backgrounds[self._key] = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_dynamic()
        if publish:
            self._publish(alt)

    def refresh(self, alt: str, publish: bool = True, key: object = None) -> None:
        """Redraw only the dynamic artists over the last background (a full :meth:`redraw` the first time).

        ``key`` names what the static parts depend on (say, the y scale): the background kept
        for that key is used, and a key not seen before draws everything.
        """
        self._key = key
        background = self._backgrounds.get(key)
        if background is None:
            self.redraw(alt, publish=publish)
            return
        self._background = background
        self.canvas.restore_region(background)
        self._draw_dynamic()
        if publish:
            self._publish(alt)

    def _draw_dynamic(self) -> None:
        for artist in self.dynamic:
            if artist.get_visible():
                self.figure.draw_artist(artist)

    def png(self) -> bytes:
        """The picture as last drawn, as PNG bytes."""
        return encode_png(self.canvas, self.colours)

    def _publish(self, alt: str) -> None:
        self.alt = alt
        self.widget.value = img_html(self.png(), alt)


def text_px(text: Text, dpi: float) -> float:
    """A text's height in screen pixels when its picture is shown at its natural size."""
    return float(text.get_fontsize()) * dpi / 72


def readable_text(figure: Figure, minimum: float = MIN_TEXT_PX) -> None:
    """Raise every text of the figure (ticks, labels, legends, notes) to at least ``minimum`` px."""
    smallest = minimum * 72 / figure.dpi
    for text in figure_texts(figure):
        if float(text.get_fontsize()) < smallest:
            text.set_fontsize(smallest)


def figure_texts(figure: Figure):
    """Every text a figure can hold, from the places matplotlib keeps them.

    The same set as ``figure.findobj(Text)`` (a test checks every chart), at a tenth of the
    cost: that walks every artist (each tick alone is five), on every full drawing.
    """
    yield from figure.texts
    for legend in figure.legends:
        yield from (*legend.texts, legend.get_title())
    for ax in figure.axes:
        yield from ax.texts  # annotations too
        yield from (getattr(ax, name) for name in ("title", "_left_title", "_right_title"))  # see _labels
        for axis in (ax.xaxis, ax.yaxis):
            yield axis.label
            yield axis.offsetText
            for tick in (*axis.majorTicks, *axis.minorTicks):
                yield tick.label1
                yield tick.label2
        key = ax.get_legend()
        if key is not None:
            yield from (*key.texts, key.get_title())


def _look(artist) -> tuple:
    """What decides a legend's or a title's pixels: its texts, their styles and its place."""
    if hasattr(artist, "get_texts"):  # a legend: entry texts and the look of each handle
        texts = tuple(t.get_text() for t in artist.get_texts())
        handles = tuple(
            (h.get_color(), h.get_linestyle(), h.get_marker()) if hasattr(h, "get_marker") else id(h)
            for h in artist.legend_handles
        )
        return ("legend", texts, handles, tuple(artist.get_window_extent().bounds))
    return (
        "text",
        artist.get_text(),
        artist.get_fontsize(),
        artist.get_color(),
        tuple(artist.get_window_extent().bounds),
    )


def _labels(ax) -> dict:
    """The legend and the title texts that are set and visible (matplotlib keeps three titles)."""
    found = {"legend": ax.get_legend()}
    for name in ("title", "_left_title", "_right_title"):  # no public getter for the left and right ones
        text = getattr(ax, name, None)
        found[name] = text if text is not None and text.get_text() else None
    return {slot: artist for slot, artist in found.items() if artist is not None and artist.get_visible()}
