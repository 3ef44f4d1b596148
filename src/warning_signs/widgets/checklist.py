"""A checklist in collapsible sections, shared by the assessment and the scenario player.

Each section opens and closes with a toggle *button* rather than ipywidgets'
Accordion, whose headers are plain ``div``s that the keyboard cannot reach.
Buttons and checkboxes are native controls: Tab reaches them, Space or Enter
works them, and a screen reader reads their labels. A section's button says how
many of its items are ticked, so progress shows in words, not only in colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets

from .a11y import DISCLOSURE
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
# Long labels wrap instead of being cut off with an ellipsis (ipywidgets' default).
WRAP_CSS = (
    "<style>.ws-checklist .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height,28px)}"
    ".ws-checklist .widget-checkbox label,.ws-checklist .widget-checkbox span"
    "{white-space:normal;overflow:visible;text-overflow:clip;line-height:1.35}"
    ".ws-checklist .widget-toggle-button{text-align:left;justify-content:flex-start}</style>"
)


@dataclass(frozen=True)
class Group:
    """One section: a key, a heading, its items as (id, label), and extra widgets under them."""

    key: str
    title: str
    items: tuple[tuple[str, str], ...]
    intro: str = ""  # HTML shown above the items
    extra: tuple = ()  # widgets shown below the items (e.g. an evidence note)


class Checklist(CourseWidget):
    """Sections of checkboxes; ``on_change(ids)`` gets the ticked ids after each click."""

    def __init__(self, groups: list[Group], on_change: Callable[[list[str]], None] | None = None, noun: str = "marked"):
        super().__init__(layout=WIDE)
        self.groups = groups
        self.on_change = on_change
        self.noun = noun
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.headers: dict[str, widgets.ToggleButton] = {}
        self.bodies: dict[str, widgets.VBox] = {}
        self.group_of: dict[str, str] = {}
        self._box_style = None  # the first box's style model, shared by the others (see _checkbox)
        sections = [self._section(group) for group in groups]
        self.children = [widgets.HTML(WRAP_CSS), *sections]
        self.add_class("ws-checklist")

    def _section(self, group: Group) -> widgets.VBox:
        header = widgets.ToggleButton(value=False, layout=WIDE, tooltip=f"Show or hide: {group.title}")
        header.add_class(DISCLOSURE)  # announced as open or closed (aria-expanded, see a11y.py)
        boxes = []
        for item_id, label in group.items:
            box = self._checkbox(label)
            box.observe(lambda _change, i=item_id: self._changed(i), names="value")
            self.boxes[item_id] = box
            self.group_of[item_id] = group.key
            boxes.append(box)
        intro = [widgets.HTML(group.intro)] if group.intro else []
        body = widgets.VBox(
            [*intro, *boxes, *group.extra], layout=widgets.Layout(width="100%", display="none", padding="0 0 0 1.5em")
        )
        header.observe(lambda change, key=group.key: self.show(key, change["new"]), names="value")
        self.headers[group.key], self.bodies[group.key] = header, body
        self._retitle(group.key)
        return widgets.VBox([header, body], layout=WIDE)

    def _checkbox(self, label: str) -> widgets.Checkbox:
        """A box sharing one style model with the others: a checklist has a hundred boxes, and each
        widget model costs the kernel, the notebook and the browser (no box is ever restyled alone)."""
        shared: dict = {"style": self._box_style} if self._box_style is not None else {}
        box = widgets.Checkbox(value=False, description=label, indent=False, layout=WIDE, **shared)
        self._box_style = box.style
        return box

    # --- state ------------------------------------------------------------

    @property
    def value(self) -> list[str]:
        return sorted(item_id for item_id, box in self.boxes.items() if box.value)

    def set_value(self, ids, notify: bool = False) -> None:
        """Tick exactly ``ids`` (unknown ids are ignored); call back only if ``notify``."""
        wanted = set(ids or [])
        with self.quietly():
            for item_id, box in self.boxes.items():
                box.value = item_id in wanted
        for key in self.headers:
            self._retitle(key)
        if notify and self.on_change is not None:
            self.on_change(self.value)

    def set_disabled(self, disabled: bool) -> None:
        for box in self.boxes.values():
            box.disabled = disabled

    def show(self, key: str, open_: bool = True) -> None:
        """Open or close one section."""
        self.bodies[key].layout.display = "flex" if open_ else "none"
        if self.headers[key].value != open_:
            self.headers[key].value = open_
        self._retitle(key)

    def count(self, key: str) -> int:
        return sum(1 for item_id, _ in self._items(key) if self.boxes[item_id].value)

    # --- callbacks ----------------------------------------------------------

    def _changed(self, item_id: str) -> None:
        if self.is_quiet:
            return
        self._retitle(self.group_of[item_id])
        if self.on_change is not None:
            self.on_change(self.value)

    def _items(self, key: str):
        return next(g.items for g in self.groups if g.key == key)

    def _retitle(self, key: str) -> None:
        group = next(g for g in self.groups if g.key == key)
        header = self.headers[key]
        arrow = "▾" if header.value else "▸"
        total = len(group.items)
        header.description = f"{arrow} {group.title} · {self.count(key)} of {total} {self.noun}"
