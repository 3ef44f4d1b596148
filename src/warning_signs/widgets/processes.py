"""Atrocity processes (Lesson 2): the ten-stage model as a table to read, labelled as debated."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..knowledge.processes import stanton_stages


def genocide_stages_table() -> widgets.HTML:
    """Stanton's ten stages with the signs an observer can see; the caption says it is a debated model."""
    stages = stanton_stages()
    body = "".join(
        f"<tr><td>{s.number}</td><td>{escape(s.name)}</td><td>{escape(s.description)}</td>"
        f"<td>{escape('; '.join(s.signs))}</td></tr>"
        for s in stages
    )
    caption = (
        f"<caption>Gregory Stanton's {len(stages)} stages of genocide: one model of the process, debated "
        "among scholars; the stages overlap and do not come in a fixed order.</caption>"
    )
    head = "<tr><th>No.</th><th>Stage</th><th>What happens</th><th>Signs an observer can see</th></tr>"
    return widgets.HTML(f"<table>{caption}<thead>{head}</thead><tbody>{body}</tbody></table>")
