"""An ordering question: put items in order with "Move up" / "Move down" buttons.

In a lesson the correct order is the order of the option ids (a, b, c, ...); in an
exercise the key is only in the hidden test, and its ids are not in alphabetical
order, since learners see the ids in the "Saved" line. The learner first sees a
fixed shuffle (the same for everyone, seeded by the question id), so the key is
never the starting order. Buttons work with the keyboard (Tab, Enter).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

from ..questions import Question
from .base import CourseWidget


def keep_width() -> widgets.Layout:
    """A button as wide as its label, which a long row beside it never squeezes."""
    return widgets.Layout(width="auto", flex="0 0 auto")


def starting_order(question: Question) -> list[str]:
    """A shuffle of the option ids that is never the correct order (when n > 1)."""
    ids = question.option_ids
    order = ids[:]
    random.Random(question.id).shuffle(order)
    if order == ids and len(ids) > 1:
        order = ids[1:] + ids[:1]
    return order


class OrderingWidget(CourseWidget):
    """Same interface as ChoiceWidget: ``value``, ``set_value``, ``show_status``, ``on_change``."""

    def __init__(
        self,
        question: Question,
        on_change: Callable[[object], None] | None = None,
        value: Any = None,
        heading: str | None = None,
    ):
        super().__init__()
        self.question = question
        self.on_change = on_change
        self.order = list(value) if value else starting_order(question)
        self.answered = bool(value)
        title = heading or f"Question {question.number}"
        self.prompt = widgets.HTML(f"<p><strong>{escape(title)}.</strong> {escape(question.prompt)}</p>")
        self.hint = widgets.HTML(
            "<em>Use Move up and Move down, then Save this order. The first row comes first, as the question asks.</em>"
        )
        self.rows = widgets.VBox()
        self.confirm = widgets.Button(description="Save this order", tooltip="Save the order shown")
        self.confirm.on_click(lambda _b: self._changed())
        self.status = widgets.HTML("")
        self.children = [self.prompt, self.hint, self.rows, self.confirm, self.status]
        self._draw()

    @property
    def value(self) -> list[str] | None:
        return list(self.order) if self.answered else None

    def set_value(self, value: Any, notify: bool = True) -> None:
        if value and sorted(value) == sorted(self.question.option_ids):
            self.order, self.answered = list(value), True
            self._draw()
            if notify:
                self._changed()

    def move(self, option_id: str, step: int) -> None:
        """Move an item up (-1) or down (+1) and record the new order."""
        i = self.order.index(option_id)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self._draw()
            self._changed()

    def show_status(self, html: str) -> None:
        """The question protocol: the one way an exercise tells the learner what was saved."""
        self.status.value = html

    def _changed(self) -> None:
        self.answered = True
        if self.on_change is not None:
            self.on_change(self.value)

    def _draw(self) -> None:
        self.rows.children = [self._row(position, oid) for position, oid in enumerate(self.order, start=1)]

    def _row(self, position: int, option_id: str) -> widgets.HBox:
        text = self.question.option(option_id).text
        up = widgets.Button(
            description="Move up",
            icon="arrow-up",
            disabled=position == 1,
            tooltip=f"Move '{text}' up",
            layout=keep_width(),
        )
        down = widgets.Button(
            description="Move down",
            icon="arrow-down",
            disabled=position == len(self.order),
            tooltip=f"Move '{text}' down",
            layout=keep_width(),
        )
        up.on_click(lambda _b: self.move(option_id, -1))
        down.on_click(lambda _b: self.move(option_id, +1))
        label = widgets.HTML(f"<span>{position}. {escape(text)}</span>")
        return widgets.HBox([up, down, label])
