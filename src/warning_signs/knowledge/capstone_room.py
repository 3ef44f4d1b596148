"""The room's plays of a capstone scenario, for the facilitator's debrief.

Reads every ``capstone-<scenario>-*.json`` under a folder: nbgrader's
``submitted/<student>/<assignment>/`` after ``warning-signs grade collect``, or a
shared folder on a hub where teams save (``folder=`` of the simulation). Each
file is replayed through the rules (a file that does not replay is listed with
one sentence, never raised). From them: how many teams reached each ending, and
the stages where teams who stood at the same place went different ways.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .capstone import load_scenario
from .capstone_play import Play, load
from .capstone_rules import expert_path


@dataclass
class Room:
    scenario_id: str
    plays: dict[str, Play] = field(default_factory=dict)  # team (from the file's place and name) -> play
    problems: list[tuple[str, str]] = field(default_factory=list)

    def endings(self) -> Counter:
        return Counter(p.node for p in self.plays.values() if p.finished)

    def unfinished(self) -> int:
        return sum(not p.finished for p in self.plays.values())

    def divergences(self) -> list[tuple[str, Counter, str | None]]:
        """Per stage reached by two or more teams who then went different ways: where they went, and the expert."""
        s = load_scenario(self.scenario_id)
        nexts: dict[str, Counter] = {}
        for play in self.plays.values():
            for entry in play.log:
                nexts.setdefault(entry["stage"], Counter())[entry["to"]] += 1
        _, taken = expert_path(s)
        expert = {t.source: t.target for t in taken}
        order = list(s.stages)
        return [(sid, nexts[sid], expert.get(sid)) for sid in sorted(nexts, key=order.index) if len(nexts[sid]) > 1]


def gather(folder: str | Path, scenario_id: str) -> Room:
    folder = Path(folder)
    room = Room(scenario_id)
    load_scenario(scenario_id)  # one sentence for an unknown scenario
    if not folder.is_dir():
        room.problems.append((str(folder), "this folder does not exist"))
        return room
    for path in sorted(folder.rglob(f"capstone-{scenario_id}-*.json")):
        name = _team(folder, path, scenario_id)
        play, problem = load(path, scenario_id)
        if play is None:
            room.problems.append((name, problem or "the file is empty"))
            continue
        if problem:
            room.problems.append((name, problem))
        room.plays[name] = play
    return room


def _team(folder: Path, path: Path, scenario_id: str) -> str:
    key = path.name[len(f"capstone-{scenario_id}-") : -len(".json")]
    parts = path.relative_to(folder).parts[:-1]
    return f"{parts[0]} ({key})" if parts else key
