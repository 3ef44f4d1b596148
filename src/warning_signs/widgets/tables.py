"""Tables as accessible HTML: a caption, column headers with scope, row headers, no index column.

pandas' own rendering shows a bare index column and no caption; a screen reader then
reads numbers with no names. Lessons show their tables through :func:`html_table`.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd

from ..knowledge.cases import case_gaps

STYLE = "border-collapse:collapse;margin:0.5em 0"
CELL = "border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top"


def table_html(frame: pd.DataFrame, caption: str) -> str:
    """The frame as a <table>: the first column heads each row; missing values read 'none'."""
    head = "".join(f"<th scope='col' style='{CELL}'>{escape(str(c)).capitalize()}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = ["none" if pd.isna(v) else str(v) for v in values]
        first, rest = cells[0], cells[1:]
        rows.append(
            f"<tr><th scope='row' style='{CELL}'>{escape(first)}</th>"
            + "".join(f"<td style='{CELL}'>{escape(v)}</td>" for v in rest)
            + "</tr>"
        )
    return (
        f"<table style='{STYLE}'><caption style='text-align:left;font-weight:bold'>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def html_table(frame: pd.DataFrame, caption: str) -> widgets.HTML:
    return widgets.HTML(table_html(frame, caption), layout=widgets.Layout(width="100%", overflow_x="auto"))


def case_gap_table() -> widgets.HTML:
    """Lesson 4's comparison: per case, the first warning, the first response after it, the gap."""
    return html_table(case_gaps(), "From the first warning to the first response, case by case")
