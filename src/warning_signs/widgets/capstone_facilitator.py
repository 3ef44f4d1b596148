"""The facilitator's view of a capstone scenario: endings the room reached, and where teams diverged."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..knowledge.capstone import OUTCOME_LABELS, load_scenario
from ..knowledge.capstone_room import Room, gather
from .base import CourseWidget
from .checklist import WIDE


def room_html(room: Room) -> str:
    s = load_scenario(room.scenario_id)
    endings = room.endings()
    total = len(room.plays)
    if not total:
        body = "<p role='status'>No saved play of this scenario was found in the folder yet.</p>"
    else:
        rows = "".join(
            f"<tr><td>{escape(e.name)}</td><td>{escape(OUTCOME_LABELS[e.outcome])}</td><td>{endings.get(eid, 0)}</td>"
            f"<td>{'▇' * endings.get(eid, 0)}</td></tr>"
            for eid, e in s.endings.items()
        )
        body = (
            f"<p role='status'>{total} team{'s' if total != 1 else ''}: {sum(endings.values())} reached an "
            f"ending, {room.unfinished()} still playing.</p><table><thead><tr><th>Ending</th><th>Outcome</th>"
            f"<th>Teams</th><th>Bar</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        body += _divergences(room, s)
    if room.problems:
        body += (
            "<p><strong>Files not used or repaired:</strong></p><ul>"
            + "".join(f"<li>{escape(who)}: {escape(why)}</li>" for who, why in room.problems)
            + "</ul>"
        )
    return f"<h3>The room: {escape(s.title)}</h3>{body}"


def _divergences(room: Room, s) -> str:
    found = room.divergences()
    if not found:
        return "<p>Teams who reached the same stage all went the same way so far.</p>"

    def name(n: str | None) -> str:
        return "-" if n is None else (s.endings[n].name if n in s.endings else f"{n} ({s.stages[n].title})")

    rows = "".join(
        f"<tr><td>{escape(sid)}: {escape(s.stages[sid].title)}</td><td>{sum(c.values())}</td><td>"
        + "; ".join(f"{escape(name(to))}: {n}" for to, n in c.most_common())
        + f"</td><td>{escape(name(expert))}</td></tr>"
        for sid, c, expert in found
    )
    return (
        "<h4>Where teams diverged</h4><p>Stages where teams who stood at the same point went different ways: "
        "start the room's debrief there.</p><table><thead><tr><th>Stage</th><th>Teams there</th>"
        f"<th>Where they went</th><th>The expert policy</th></tr></thead><tbody>{rows}</tbody></table>"
    )


class FacilitatorView(CourseWidget):
    def __init__(self, folder: str | Path, scenario_id: str):
        super().__init__(layout=WIDE)
        self.folder, self.scenario_id = Path(folder), scenario_id
        self.output = widgets.HTML(layout=WIDE)
        self.refresh_button = widgets.Button(
            description="Read the folder again", icon="refresh", layout=widgets.Layout(width="auto")
        )
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.children = [self.refresh_button, self.output]
        self.refresh()

    def refresh(self) -> Room:
        self.room = gather(self.folder, self.scenario_id)
        self.output.value = room_html(self.room)
        return self.room


def facilitator_view(folder: str | Path, scenario_id: str = "kestria") -> FacilitatorView:
    """Endings reached and divergence points of every saved play of ``scenario_id`` under ``folder``."""
    return FacilitatorView(folder, scenario_id)
