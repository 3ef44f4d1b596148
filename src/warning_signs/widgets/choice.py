"""A choice question as a widget: one answer (radio buttons) or several (checkboxes).

Used two ways: in lessons it shows instant feedback; in exercises it saves the
choice to the answer store. The widget itself only knows its question and a
callback, so both uses share it. Every control has a visible label, works with
the keyboard (Tab, arrow keys, Space), and feedback starts with a word, not a colour.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from html import escape
from typing import Any

import ipywidgets as widgets

from ..questions import MULTIPLE, Question
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")


class ChoiceWidget(CourseWidget):
    """Show ``question``; call ``on_change(value)`` whenever the learner's choice changes.

    ``value`` is an option id (``"b"``) for a single choice, a sorted list of ids for
    a multiple choice, and ``None`` (or ``[]``) when nothing is chosen.
    """

    def __init__(
        self,
        question: Question,
        on_change: Callable[[object], None] | None = None,
        value: Any = None,
        heading: str | None = None,
    ):
        super().__init__(layout=WIDE)
        self.question = question
        self.on_change = on_change
        title = heading or f"Question {question.number}"
        self.prompt = widgets.HTML(f"<p><strong>{escape(title)}.</strong> {escape(question.prompt)}</p>")
        self.status = widgets.HTML("")
        if question.kind == MULTIPLE:
            self.checkboxes = [
                widgets.Checkbox(description=_label(o), indent=False, layout=WIDE) for o in question.options
            ]
            for box in self.checkboxes:
                box.observe(self._changed, names="value")
            hint = widgets.HTML("<em>Tick every option that applies.</em>")
            controls = [hint, *self.checkboxes]
        else:
            self.radio = widgets.RadioButtons(
                options=[(_label(o), o.id) for o in question.options],
                value=None,
                description="Your answer:",
                layout=WIDE,
                style={"description_width": "initial"},
            )
            self.radio.observe(self._changed, names="value")
            controls = [self.radio]
        self.children = [self.prompt, *controls, self.status]
        if value not in (None, []):
            self.set_value(value, notify=False)

    @property
    def value(self) -> object:
        if self.question.kind == MULTIPLE:
            return sorted(o.id for o, box in zip(self.question.options, self.checkboxes) if box.value)
        return self.radio.value

    def set_value(self, value: Any, notify: bool = True) -> None:
        """Show ``value`` as chosen; with ``notify=False`` the callback is not called."""
        with self.quietly() if not notify else nullcontext():
            if self.question.kind == MULTIPLE:
                chosen = set(value or [])
                for option, box in zip(self.question.options, self.checkboxes):
                    box.value = option.id in chosen
            else:
                self.radio.value = value if value in self.question.option_ids else None

    def show_status(self, html: str) -> None:
        """The question protocol: the one way an exercise tells the learner what was saved."""
        self.status.value = html

    def _changed(self, _change) -> None:
        if self.on_change is not None and not self.is_quiet:
            self.on_change(self.value)


def _label(option) -> str:
    """'b) Genocide' for lettered options; the text alone when the id is a word."""
    return f"{option.id}) {option.text}" if len(option.id) == 1 else option.text
