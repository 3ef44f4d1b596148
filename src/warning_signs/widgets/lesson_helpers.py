"""Small widgets the lesson notebooks call: a list of sources and the start page's first widget."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..knowledge.sources import source_table
from .base import CourseWidget


def sources(ids: list[str]) -> widgets.HTML:
    """A numbered list of the sources ``ids``, read from datasets/sources.csv."""
    table = source_table()
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"Unknown source id(s) {missing}: add them to datasets/sources.csv.")
    items = []
    for source_id in ids:
        row = table.loc[source_id]
        where = escape(row.symbol_or_url)
        items.append(f"<li>{escape(row.author)} ({escape(str(row.year))}). <em>{escape(row.title)}</em>. {where}</li>")
    return widgets.HTML("<ol>" + "".join(items) + "</ol>")


def try_a_widget() -> widgets.VBox:
    """The start page's first widget: move a slider, read the reply."""
    slider = widgets.IntSlider(
        value=1,
        min=1,
        max=5,
        description="How familiar are you with atrocity prevention? (1 = new, 5 = expert)",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%"),
    )
    reply = widgets.HTML()
    replies = {
        1: "Welcome! Lessons 1 to 3 build the basics step by step.",
        2: "Good start. The lessons will give you names for what you may already have noticed.",
        3: "You know the ground. The scenarios will test your judgement.",
        4: "Experienced. Try the exercises first, and use the lessons to check gaps.",
        5: "Expert. The monitoring data lessons and the scenarios are for you; your feedback on the course is welcome.",
    }

    def show(_change=None):
        reply.value = f'<p role="status">You chose {slider.value}. {escape(replies[slider.value])}</p>'

    slider.observe(show, names="value")
    show()
    return CourseWidget([slider, reply])  # a course widget: its slider gets an accessible name
