"""Colours and conventions for every plot in the course.

Okabe-Ito: eight colours that stay distinct for the common forms of colour
blindness (Okabe & Ito, "Color Universal Design", 2002). Colour never carries
meaning alone: pair it with a marker, a line style or a label, and print a
one-line text summary under every plot (``summarize``).
"""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
# A default cycle for series, darkest and most distinct first.
CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1))]

# Ordered levels (low to very high) as a sequential, colour-blind-safe ramp.
RISK_COLOURS = {
    "low": OKABE_ITO["sky_blue"],
    "moderate": OKABE_ITO["yellow"],
    "high": OKABE_ITO["orange"],
    "very_high": OKABE_ITO["vermillion"],
}


# The same series drawn in text, for legends written in HTML beside a plot: marker and line pattern.
MARKER_GLYPHS = ["●", "■", "▲", "◆", "▼", "✚", "✖"]
PATTERN_GLYPHS = ["—", "- -", "-·", "··", "— —", "-··", "···"]


def key_html(index: int, label: str) -> str:
    """A legend entry in HTML: the ``index``-th series' colour, marker and line pattern, then its label.

    Written beside the plot rather than drawn in it: a screen reader reads it, and
    the plot is quicker to redraw without a legend.
    """
    from html import escape

    line = PATTERN_GLYPHS[index % len(PATTERN_GLYPHS)]
    sample = f"{line}{MARKER_GLYPHS[index % len(MARKER_GLYPHS)]}{line}"
    return (
        f'<span style="white-space:nowrap;margin-right:1.5em"><span aria-hidden="true" '
        f'style="color:{CYCLE[index % len(CYCLE)]};font-weight:bold">{sample}</span> {escape(label)}</span>'
    )


def style(index: int) -> dict:
    """Matplotlib keyword arguments for the ``index``-th series: colour, marker and line style."""
    return {
        "color": CYCLE[index % len(CYCLE)],
        "marker": MARKERS[index % len(MARKERS)],
        "linestyle": LINESTYLES[index % len(LINESTYLES)],
    }


def summarize(text: str) -> str:
    """The one-line text summary printed under a plot (for screen readers and print)."""
    line = " ".join(text.split())
    return f"Summary: {line}"
