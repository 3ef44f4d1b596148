"""The start page's progress view: every lesson and exercise, its time, what the learner did.

The rows come from :mod:`warning_signs.knowledge.course_progress` (the course's notebooks
and the learner's own workspace); nothing is sent anywhere. The table is plain
HTML with a caption and header cells, so a screen reader reads it as a table, and
state is written in words (never by colour alone). **Refresh my progress**
reads the workspace again.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..knowledge import course_progress as knowledge
from ..palette import OKABE_ITO
from .base import CourseWidget

LINK = OKABE_ITO["blue"]

OUTSIDE = (
    "This page is not in your own workspace, so your progress cannot be read here. "
    "Open the course with <code>make start</code> (or <code>warning-signs start</code>) "
    "and use the copy of this page it opens."
)


class CourseProgress(CourseWidget):
    """A table of the course with the learner's progress, and a refresh button."""

    def __init__(self, workspace: str | Path | None = None, link_prefix: str = "../"):
        self.workspace = Path(workspace) if workspace else knowledge.find_workspace()
        self.link_prefix = link_prefix  # from lessons/00-start-here.ipynb to the workspace's top
        self.rows: list[knowledge.ItemProgress] = []
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.refresh = widgets.Button(
            description="Refresh my progress",
            icon="refresh",
            tooltip="Read your lessons, answers and self-checks again",
            layout=widgets.Layout(width="max-content"),
        )
        self.refresh.on_click(lambda _button: self.update())
        super().__init__([self.summary, self.table, self.refresh])
        self.update()

    def update(self) -> None:
        self.rows = knowledge.progress(self.workspace)
        if self.workspace is None:
            self.summary.value = f'<p role="status">{OUTSIDE}</p>'
        else:
            self.summary.value = (
                f'<p role="status"><strong>Your progress.</strong> {escape(knowledge.summary(self.rows).text)}</p>'
            )
        self.table.value = table_html(self.rows, self.link_prefix, known=self.workspace is not None)


def table_html(rows: list[knowledge.ItemProgress], link_prefix: str = "../", known: bool = True) -> str:
    head = "".join(
        f'<th scope="col" style="text-align:left;padding:4px 8px">{h}</th>'
        for h in ("Lesson or exercise", "Time", "Run", "Last self-check")
    )
    body = []
    for row in rows:
        item = row.item
        link = (
            f'<a href="{escape(link_prefix + item.path)}" style="color:{LINK};text-decoration:underline">'
            f"{escape(item.title)}</a>"
        )
        minutes = f"{item.minutes}&nbsp;min" if item.minutes else "not stated"
        cells = [link, minutes, _run_text(row) if known else "—", _check_text(row) if known else "—"]
        tds = "".join(f'<td style="padding:2px 8px;vertical-align:top;line-height:1.4">{c}</td>' for c in cells)
        body.append(f"<tr>{tds}</tr>")
    caption = (
        '<caption style="text-align:left;font-weight:bold">The lessons and exercises, with your progress</caption>'
    )
    return (
        f'<table style="border-collapse:collapse;font-size:14px">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _run_text(row: knowledge.ItemProgress) -> str:
    if row.item.kind == knowledge.EXERCISE and row.answered:
        text = f"✓ started: {row.answered} of {row.questions} answered"
    elif row.run:
        text = "✓ run"
    else:
        text = "not yet"
    note = f"<br><em>{escape(row.note)}</em>" if row.note else ""
    return escape(text) + note


def _check_text(row: knowledge.ItemProgress) -> str:
    if row.item.kind != knowledge.EXERCISE:
        return ""
    check = row.self_check
    if check is None:
        return "not checked yet"
    when = _when(check.checked_at)
    return escape(f"{check.text} autograded points" + (f", on {when}" if when else ""))


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    return moment.strftime("%d %b %Y %H:%M UTC")


def course_progress(workspace: str | Path | None = None) -> CourseProgress:
    """The start page's view of the course and of the learner's progress in it."""
    return CourseProgress(workspace)
